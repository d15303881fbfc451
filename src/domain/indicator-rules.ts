import { DateTime } from 'luxon';
import type { Indicator } from './indicator';

/** Rules for defining indicators and reading their values, shared by commands and services. */

/** 2–30 lowercase letters, digits or dashes, not starting or ending with a dash. */
export const INDICATOR_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,28}[a-z0-9]$/;
export const MAX_INDICATORS_PER_MISSION = 12;
/** Beyond this a number is a typing slip, and FerretDB has no room for Infinity. */
export const MAX_ABS_VALUE = 1e12;

// Thousands separated by commas ("1,250") or not; a sign (including the minus sign −) and a
// trailing % are forgiven, since people write percentages as they see them.
const NUMBER = /^([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?%?$|^([-+\u2212]?)\.(\d+)%?$/;

/** A plain number as people type it: 420, 1,250, -3.5, 12.5%; undefined if it is not one. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const value = Number(t.replace(/[,%]/g, '').replace('\u2212', '-'));
  return Number.isFinite(value) && Math.abs(value) <= MAX_ABS_VALUE ? value : undefined;
}

/**
 * YYYY-MM-DD or YYYY-MM (the first of that month) as YYYY-MM-DD; undefined if it is not a real
 * date between 1990 and 2100.
 */
export function parseIndicatorDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3] ?? '01'}`;
  if (!DateTime.fromISO(iso, { zone: 'utc' }).isValid) return undefined;
  const year = Number(m[1]);
  return year >= 1990 && year <= 2100 ? iso : undefined;
}

/** Success means the number falling when the target is below the baseline; undefined when equal. */
export function inferDirection(baseline: number, target: number): Indicator['direction'] | undefined {
  if (target < baseline) return 'down';
  if (target > baseline) return 'up';
  return undefined;
}

/** What is wrong with a whole definition (after an edit, say), or undefined if it is sound. */
export function definitionProblem(d: Pick<Indicator, 'baseline' | 'target'>): string | undefined {
  if (d.target.date <= d.baseline.date) {
    return `the target date (${d.target.date}) must be after the baseline date (${d.baseline.date})`;
  }
  return undefined;
}

/** "1,250", "3.5", "-12": a value as the bot shows it (at most two decimals). */
export function formatValue(value: number, unit?: string): string {
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
