import type { Answers, Question } from './questions';
import type { RoundTimes } from './schedule';

export interface CheckinRound extends RoundTimes {
  /** `round:<missionId>:<weekKey>`: deterministic, so opening a round is a unique insert. */
  id: string;
  missionId: string;
  weekKey: string;
  status: 'open' | 'closed';
  /** The questions as they were when the round opened. */
  questions: Question[];
  /** Member ids asked when the round opened (and any prompted later while it was open). */
  asked: string[];
  /** Member ids who were away when the round opened: shown as away, not as missing. */
  away: string[];
  closedAt?: Date;
}

export interface CheckinEdit {
  answers: Answers;
  at: Date;
}

export interface Checkin {
  /** `checkin:<roundId>:<memberId>` */
  id: string;
  roundId: string;
  missionId: string;
  memberId: string;
  userKey: string;
  status: 'answered' | 'skipped';
  answers: Answers;
  /** Submitted after the round closed. */
  late: boolean;
  submittedAt: Date;
  editedAt?: Date;
  /** Earlier versions, oldest first: an edit never loses what was said before. */
  history: CheckinEdit[];
}

export function roundId(missionId: string, weekKey: string): string {
  return `round:${missionId}:${weekKey}`;
}

export function checkinId(round: string, memberId: string): string {
  return `checkin:${round}:${memberId}`;
}

/** A person is away on `date` (YYYY-MM-DD) when their away-until date has not passed. */
export function isAway(awayUntil: string | undefined, today: string): boolean {
  return awayUntil !== undefined && today < awayUntil;
}
