import type { BlockerSeverity } from './questions';

/**
 * Something stopping a member's work on the mission. Raised from a check-in's blocker answer
 * or by `blocker <slug> "<text>"`; open until its owner, a lead or an admin resolves it.
 */
export interface Blocker {
  /** Deterministic when raised from a check-in: `blocker:<checkinId>`; else random. */
  id: string;
  missionId: string;
  /** Member id of the person blocked. */
  ownerMemberId: string;
  ownerName: string;
  text: string;
  severity: BlockerSeverity;
  /** Who the owner said could help (free text). */
  helpWanted?: string;
  status: 'open' | 'resolved';
  /** Week key of the round it was first reported in (or raised during). */
  firstWeek: string;
  firstSeenAt: Date;
  /** People who offered help with the "I can help" button: member ids and names. */
  helpers: Array<{ memberId: string; name: string; at: Date }>;
  resolvedAt?: Date;
  resolvedBy?: string;
  resolution?: string;
  /** Where the alert was posted, so it can be updated as the blocker changes. */
  alertKey?: string;
  escalatedAt?: Date;
}

/** Whole weeks a blocker has been open at `now`. */
export function blockerAgeWeeks(b: Pick<Blocker, 'firstSeenAt'>, now: Date): number {
  return Math.floor((now.getTime() - b.firstSeenAt.getTime()) / (7 * 24 * 60 * 60 * 1000));
}

export const DEFAULT_ESCALATE_AFTER_WEEKS = 2;
