import { DateTime } from 'luxon';
import { invalidInput } from '../errors';

/**
 * Rounds are keyed by ISO week ("2026-W48") in the mission's time zone: one round per
 * mission per week. ISO weeks start on Monday and belong to the year that holds their
 * Thursday, so 2027-01-01 (a Friday) is in 2026-W53.
 */
export interface IsoWeek {
  weekYear: number;
  weekNumber: number;
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

function format(week: IsoWeek): string {
  return `${week.weekYear}-W${String(week.weekNumber).padStart(2, '0')}`;
}

// Weeks are calendar arithmetic, so they are computed in UTC where no day is skipped.
function mondayOf(week: IsoWeek): DateTime {
  return DateTime.fromObject({ ...week, weekday: 1 }, { zone: 'utc' });
}

/** The ISO week that holds `instant` on the wall calendar of `zone`. */
export function weekKey(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) {
    throw invalidInput(`cannot place ${String(instant)} in time zone ${zone}`, { zone });
  }
  return format({ weekYear: local.weekYear, weekNumber: local.weekNumber });
}

/** The week a key names, or undefined if the key is malformed or the week does not exist (2027-W53). */
export function parseWeekKey(key: string): IsoWeek | undefined {
  const match = WEEK_KEY.exec(key);
  if (!match) return undefined;
  const week = { weekYear: Number(match[1]), weekNumber: Number(match[2]) };
  return mondayOf(week).isValid ? week : undefined;
}

function requireWeek(key: string): IsoWeek {
  const week = parseWeekKey(key);
  if (!week) throw invalidInput(`not a week key: ${key}`, { weekKey: key });
  return week;
}

/** The key `count` weeks after (or before, if negative) `key`. */
export function addWeeks(key: string, count: number): string {
  const monday = mondayOf(requireWeek(key)).plus({ weeks: count });
  return format({ weekYear: monday.weekYear, weekNumber: monday.weekNumber });
}

/** The calendar date of ISO weekday `weekday` (Mon=1 .. Sun=7) in the week `key`. */
export function dateInWeek(key: string, weekday: number): { year: number; month: number; day: number } {
  const date = mondayOf(requireWeek(key)).plus({ days: weekday - 1 });
  return { year: date.year, month: date.month, day: date.day };
}
