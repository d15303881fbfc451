import type { Indicator, IndicatorReading, IndicatorStatus } from './indicator';

/**
 * Where an indicator stands against the straight line from its baseline to its target.
 *
 * - The trajectory runs from baseline.value on baseline.date to target.value on target.date.
 *   On a date d, expected(d) = baseline + (target − baseline) × f, where f is the share of the
 *   days from the baseline date to the target date that have passed by d, clamped to 0…1: the
 *   line is flat at the baseline before the baseline date and flat at the target after the
 *   target date.
 * - The latest reading (latest date; among readings of one date, the latest recorded) is
 *   compared with expected(reading date). Its shortfall is how far it is on the wrong side of
 *   the line (above it for a "down" indicator, below it for an "up" one), as a share of the
 *   planned change |target − baseline|.
 * - On track: at or better than the line, or worse by at most 5% of the planned change.
 *   At risk: worse by more than 5% and at most 15%. Off track: worse by more than 15%.
 *   No data: no readings yet.
 * - When the target equals the baseline (hold a level), there is no planned change to measure
 *   against, so the shortfall is a share of the level being held |target|; if that is zero too,
 *   any reading on the wrong side is off track.
 */

/** Worse than the trajectory by at most this share of the planned change is still on track. */
export const ON_TRACK_TOLERANCE = 0.05;
/** Worse by at most this share (and more than ON_TRACK_TOLERANCE) is at risk; beyond it, off track. */
export const AT_RISK_TOLERANCE = 0.15;

// Readings on a threshold must land on the kinder side despite binary fractions (0.1 + 0.2).
const EPSILON = 1e-9;
const DAY_MS = 86_400_000;

export type Trajectory = Pick<Indicator, 'baseline' | 'target' | 'direction'>;

/** Whole days since 1970-01-01 for a YYYY-MM-DD date (a YYYY-MM date counts as the 1st). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** Share of the baseline-to-target period that has passed on `date`, clamped to 0…1. */
export function elapsedFraction(t: Trajectory, date: string): number {
  const start = dayNumber(t.baseline.date);
  const end = dayNumber(t.target.date);
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (dayNumber(date) - start) / (end - start)));
}

/** The trajectory's value on `date`. */
export function expectedAt(t: Trajectory, date: string): number {
  return t.baseline.value + (t.target.value - t.baseline.value) * elapsedFraction(t, date);
}

/** What a reading taken today would have to be, at least, to be exactly on the trajectory. */
export function valueNeededNow(t: Trajectory, today: string): number {
  return expectedAt(t, today);
}

/** The reading status is measured at: the latest date, then the latest recorded. */
export function latestReading<R extends Pick<IndicatorReading, 'date' | 'recordedAt'>>(readings: readonly R[]): R | undefined {
  let best: R | undefined;
  for (const r of readings) {
    if (!best || r.date > best.date || (r.date === best.date && r.recordedAt.getTime() >= best.recordedAt.getTime())) best = r;
  }
  return best;
}

export interface Assessment {
  status: IndicatorStatus;
  /** The trajectory's value on the reading's date (absent without a reading). */
  expected?: number;
  /**
   * How far the reading is on the wrong side of the trajectory, as a share of the planned
   * change (0.08 = 8% worse); zero or negative when at or ahead of it. Absent when there
   * is nothing to measure against (baseline and target both zero).
   */
  shortfall?: number;
}

/** The reading's status against the trajectory; see the rules at the top of this file. */
export function assess(t: Trajectory, reading: { value: number; date: string } | undefined): Assessment {
  if (!reading) return { status: 'no-data' };
  const expected = expectedAt(t, reading.date);
  const worseBy = (t.direction === 'down' ? 1 : -1) * (reading.value - expected);
  const scale = Math.abs(t.target.value - t.baseline.value) || Math.abs(t.target.value);
  // Holding zero: nothing to take a share of, so any reading on the wrong side is off track.
  if (scale === 0) return { status: worseBy > EPSILON ? 'off-track' : 'on-track', expected };
  const shortfall = worseBy / scale;
  return { status: statusForShortfall(shortfall), expected, shortfall };
}

/** The thresholds alone, for a shortfall already measured as a share of the planned change. */
export function statusForShortfall(shortfall: number): Exclude<IndicatorStatus, 'no-data'> {
  if (shortfall <= ON_TRACK_TOLERANCE + EPSILON) return 'on-track';
  if (shortfall <= AT_RISK_TOLERANCE + EPSILON) return 'at-risk';
  return 'off-track';
}

/** The status of an indicator from all its readings (only the latest counts). */
export function indicatorStatus(
  t: Trajectory,
  readings: readonly Pick<IndicatorReading, 'value' | 'date' | 'recordedAt'>[],
): IndicatorStatus {
  return assess(t, latestReading(readings)).status;
}

export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  'no-data': 'no readings yet',
};
