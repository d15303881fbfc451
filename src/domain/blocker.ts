import type { UserRef } from './identity';
import type { BlockerSeverity } from './questions';

/**
 * Something stopping a member's work on the mission. Raised from a check-in's blocker answer
 * or by `blocker <slug> "<text>"`; open until its owner, a lead or an admin resolves it.
 * `withdrawn` means its owner took the blocker answer out of their check-in: it never counts
 * as resolved.
 */
export type BlockerStatus = 'open' | 'resolved' | 'withdrawn';

export interface BlockerHelper {
  memberId: string;
  name: string;
  organisation?: string;
  at: Date;
}

export interface Blocker {
  /** Deterministic when raised from a check-in: `blocker:<checkinId>`; else random. */
  id: string;
  missionId: string;
  /** Member id of the person blocked. */
  ownerMemberId: string;
  ownerName: string;
  ownerOrganisation?: string;
  /** How to reach the owner by direct message (kept even if they later leave the mission). */
  ownerUser?: UserRef;
  text: string;
  severity: BlockerSeverity;
  /** Who the owner said could help (free text). */
  helpWanted?: string;
  status: BlockerStatus;
  /** Where it was raised; a check-in's blocker follows edits of that check-in. */
  source?: 'checkin' | 'command';
  checkinId?: string;
  /** Week key of the round it was first reported in (or raised during). */
  firstWeek: string;
  firstSeenAt: Date;
  /** People who offered help with the "I can help" button: member ids and names. */
  helpers: BlockerHelper[];
  resolvedAt?: Date;
  resolvedBy?: string;
  resolvedByMemberId?: string;
  resolution?: string;
  /** Where the alert was posted, so it can be updated as the blocker changes. */
  alertKey?: string;
  /** Outbox keys of every alert and escalation posted about it (all updated on a change). */
  posts?: string[];
  /** When it becomes due for escalation; absent once escalated or closed. */
  escalateAt?: Date;
  escalatedAt?: Date;
  /** Bumped when a withdrawn check-in blocker is put back, so closing it again is a new claim. */
  generation?: number;
  updatedAt?: Date;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Whole weeks a blocker has been open at `now`. */
export function blockerAgeWeeks(b: Pick<Blocker, 'firstSeenAt'>, now: Date): number {
  return Math.floor((now.getTime() - b.firstSeenAt.getTime()) / WEEK_MS);
}

export const DEFAULT_ESCALATE_AFTER_WEEKS = 2;
/** A resolution note is one line. */
export const MAX_RESOLUTION_LENGTH = 200;

/** The blocker a check-in raised: one per check-in, so an edit updates the same record. */
export function blockerIdForCheckin(checkinId: string): string {
  return `blocker:${checkinId}`;
}

/**
 * A blocker is escalated once it has been open for more than `weeks` weeks: the scheduler picks
 * it up on the first tick after this instant.
 */
export function escalationDueAt(firstSeenAt: Date, weeks: number): Date {
  return new Date(firstSeenAt.getTime() + weeks * WEEK_MS);
}

const SEVERITY_ORDER: Record<BlockerSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Most severe first, then oldest first: the order leads should read them in. */
export function byUrgency(a: Blocker, b: Blocker): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || a.id.localeCompare(b.id)
  );
}

/** The mission's escalation threshold in weeks. */
export function escalateWeeksOf(mission: { escalateAfterWeeks?: number }): number {
  return mission.escalateAfterWeeks ?? DEFAULT_ESCALATE_AFTER_WEEKS;
}
