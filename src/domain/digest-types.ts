/** The shapes of a weekly digest, and the constants its maths uses. */
import type { Blocker } from './blocker';
import type { Checkin, CheckinRound } from './checkin';
import type { BudgetEntry, Indicator, IndicatorStatus } from './indicator';
import type { Member } from './mission';

/** A period's budget figures, as recorded (`mission budget`). */
export type BudgetFigures = Pick<BudgetEntry, 'period' | 'total' | 'aligned'>;

/**
 * The weekly digest's numbers, as pure functions over a round, the rounds before it, the
 * members, their check-ins and the mission's blockers, indicators and budget. No I/O: the
 * digest service loads, these compute, the message builders word it.
 */

/** How many weeks the confidence and participation trend covers, this one included. */
export const TREND_WEEKS = 12;
/** A confidence answer at or below this counts as low. */
export const LOW_CONFIDENCE = 2;
export const NO_ORGANISATION = 'No organisation';

export type MemberStatus = 'answered' | 'skipped' | 'away' | 'missing';

export interface ParticipationCounts {
  /** Expected to answer: answered + skipped + missing (away people are not asked). */
  asked: number;
  answered: number;
  skipped: number;
  /** Asked, neither answered nor skipped, not away. */
  missing: number;
  away: number;
}

export interface OrgParticipation extends ParticipationCounts {
  organisation: string;
}

export interface Participation extends ParticipationCounts {
  /** answered / asked, 0…1; undefined when nobody was asked. */
  rate?: number;
  /** Alphabetical, "No organisation" last. */
  byOrganisation: OrgParticipation[];
  /** Named organisations with at least one answer: the partners engaged this week. */
  engaged: string[];
  /** Named organisations asked that gave no answer at all. */
  silent: string[];
}

export interface WeekPoint {
  weekKey: string;
  asked: number;
  answered: number;
  /** Average confidence 1–5; undefined when no one gave one. */
  confidence?: number;
  confidenceAnswers: number;
}

export interface ConfidenceSummary {
  average?: number;
  answers: number;
  /** Answers at or below LOW_CONFIDENCE. */
  low: number;
  /** Count of answers 1..5 (index 0 is "1"). */
  distribution: [number, number, number, number, number];
  /** The previous round with a confidence average, and the change from it. */
  previous?: { weekKey: string; average: number };
  change?: number;
  /** Oldest first, this week last; at most TREND_WEEKS. */
  trend: WeekPoint[];
  /** One character per trend week: ▁…█ on the 1–5 scale, · for a week without answers. */
  sparkline: string;
}

export interface IndicatorView {
  key: string;
  name: string;
  unit?: string;
  direction: Indicator['direction'];
  baseline: Indicator['baseline'];
  target: Indicator['target'];
  /** Oldest first. */
  readings: Array<{ date: string; value: number }>;
  status: IndicatorStatus;
  /** The value on the trajectory today: what a reading now would need to be on track. */
  neededNow?: number;
}

export interface IndicatorLine extends IndicatorView {
  latest?: { date: string; value: number };
  previous?: { date: string; value: number };
  /** latest − previous. */
  change?: number;
  /** Whether the last change went the way the mission wants. */
  improving?: boolean;
}

export interface BudgetPoint {
  period: string;
  total: number;
  aligned: number;
  /** aligned / total, 0…1. */
  share: number;
}

export interface BudgetSummary {
  latest?: BudgetPoint;
  previous?: BudgetPoint;
  /** Change of share from the previous period, in share points (0.05 = five percentage points). */
  change?: number;
  /** In the order given (oldest first). */
  trend: BudgetPoint[];
}

export interface BlockerLine {
  blocker: Blocker;
  organisation?: string;
  ageWeeks: number;
}

export interface BlockerSummary {
  /** First seen this week and still open: high severity first. */
  newThisWeek: BlockerLine[];
  /** Open since before this week: oldest first. */
  stillOpen: BlockerLine[];
  /** Resolved this week, newest first. */
  resolvedThisWeek: BlockerLine[];
}

export interface Highlight {
  memberId: string;
  name: string;
  organisation?: string;
  text: string;
}

export interface Highlights {
  /** "What moved" answers, taking one organisation at a time so every partner is heard. */
  moved: Highlight[];
  /** Stories and lessons people chose to share, in the order they came. */
  stories: Highlight[];
}

export interface Digest {
  mission: { id: string; slug: string; statement: string };
  round: Pick<CheckinRound, 'id' | 'weekKey' | 'status' | 'opensAt' | 'closesAt' | 'closedAt'>;
  /** False for `digest-now` on an open round: the numbers are "so far". */
  final: boolean;
  participation: Participation;
  confidence: ConfidenceSummary;
  indicators: IndicatorLine[];
  budget: BudgetSummary;
  blockers: BlockerSummary;
  highlights: Highlights;
  generatedAt: Date;
}

export interface DigestInput {
  mission: { id: string; slug: string; statement: string };
  round: CheckinRound;
  checkins: Checkin[];
  /**
   * Earlier rounds' figures (digest.ts weekPoint of each round and its check-ins), any order;
   * only the TREND_WEEKS - 1 weeks before this round's are used.
   */
  history: WeekPoint[];
  members: Member[];
  /**
   * Member ids away now (marked away after the round opened): shown as away, not missing. Only
   * those asked who neither answered nor skipped need be in it; for anyone else it changes nothing.
   */
  awayNow: ReadonlySet<string>;
  blockers: Blocker[];
  /** Start of "this week" for blockers: the previous round's close, else this round's opening. */
  since: Date;
  indicators: IndicatorView[];
  /** Oldest period first. */
  budget: BudgetFigures[];
  now: Date;
}
