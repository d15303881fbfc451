/**
 * A population indicator in the Outcomes-Based Accountability sense: a baseline, a target
 * ("turning the curve"), and readings recorded over time.
 */
export interface Indicator {
  /** Short key, unique within the mission: `youth-claimants`. */
  key: string;
  name: string;
  unit?: string;
  /** Whether success means the number going down (unemployment) or up (employment). */
  direction: 'down' | 'up';
  baseline: { value: number; date: string };
  target: { value: number; date: string };
  /** Member id of the person asked for readings in their check-in, if any. */
  ownerMemberId?: string;
}

export interface IndicatorReading {
  missionId: string;
  key: string;
  value: number;
  /** YYYY-MM-DD (a YYYY-MM reading is stored as the first of the month). */
  date: string;
  note?: string;
  /** Member id of whoever recorded it (a lead by command, or the owner in a check-in). */
  recordedBy: string;
  /** Their display name when recorded, so the digest can attribute it without a lookup. */
  recordedByName?: string;
  recordedAt: Date;
}

export type IndicatorStatus = 'on-track' | 'at-risk' | 'off-track' | 'no-data';

/** Budget alignment: the share of partners' spend aligned with the mission, per period. */
export interface BudgetEntry {
  missionId: string;
  period: string;
  total: number;
  aligned: number;
  recordedBy: string;
  recordedAt: Date;
}
