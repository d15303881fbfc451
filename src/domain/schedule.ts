import { formatDuration } from './durations';
import { instantAt } from './local-time';
import { addWeeks, dateInWeek, weekKey } from './week-key';

/** ISO weekday: Monday = 1 ... Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * When a mission's weekly check-in round opens, reminds and closes. Day and time are read on
 * the wall clock of the mission's time zone (`Mission.timeZone`, passed to each function
 * here as `zone`), so a round keeps its local time across DST.
 */
export interface Schedule {
  day: IsoWeekday;
  /** "HH:MM", 24-hour. */
  time: string;
  /** Real minutes after the opening instant (not wall-clock minutes). */
  remindAfterMinutes: number;
  /** Real minutes after the opening instant (not wall-clock minutes). */
  closeAfterMinutes: number;
  paused: boolean;
}

/** A schedule with the mission's time zone: what `mission schedule` sets (`tz=` changes the mission's zone). */
export interface ZonedSchedule {
  schedule: Schedule;
  timeZone: string;
}

export const DEFAULT_SCHEDULE: Readonly<Schedule> = Object.freeze({
  day: 5,
  time: '10:00',
  remindAfterMinutes: 24 * 60,
  closeAfterMinutes: 72 * 60,
  paused: false,
});

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A reminder sooner than this would arrive before anyone could reasonably answer. */
export const MIN_REMIND_MINUTES = 15;
/**
 * 6 days 23 hours: the shortest real gap between two openings (a week that loses an
 * hour to DST is 167 hours), so a round always closes before the next one opens.
 */
export const MAX_CLOSE_MINUTES = 6 * 24 * 60 + 23 * 60;

export interface RoundTimes {
  opensAt: Date;
  remindAt: Date;
  closesAt: Date;
}

export interface Round extends RoundTimes {
  /** ISO week in the mission's zone, e.g. "2026-W48"; one round per mission per week. */
  weekKey: string;
}

const MINUTE_MS = 60_000;

/** When the round of week `key` opens: `day` + `time` on the wall clock of `zone` (see instantAt for DST). */
export function openingFor(schedule: Schedule, zone: string, key: string): Date {
  const [hour = 0, minute = 0] = schedule.time.split(':').map(Number);
  return instantAt({ ...dateInWeek(key, schedule.day), hour, minute }, zone);
}

/**
 * Opening, reminder and close of week `key`. The reminder and close are real elapsed time
 * after the opening, so "close after 72h" is 72 hours even over a clock change (the
 * wall clock then shows an hour more or less than the opening time).
 */
export function roundTimes(schedule: Schedule, zone: string, key: string): RoundTimes {
  const opensAt = openingFor(schedule, zone, key);
  return {
    opensAt,
    remindAt: new Date(opensAt.getTime() + schedule.remindAfterMinutes * MINUTE_MS),
    closesAt: new Date(opensAt.getTime() + schedule.closeAfterMinutes * MINUTE_MS),
  };
}

/** The first opening strictly after `after`. Ignores `paused`: it answers "when would it next open". */
export function nextOpening(schedule: Schedule, zone: string, after: Date): { weekKey: string; opensAt: Date } {
  const current = weekKey(after, zone);
  // The previous week is checked too: a gap can push an opening past the week's end.
  // Openings are about a week apart, so one of these four is after `after`.
  const candidates = [-1, 0, 1, 2].map((offset) => {
    const key = addWeeks(current, offset);
    return { weekKey: key, opensAt: openingFor(schedule, zone, key) };
  });
  const next = candidates.find((candidate) => candidate.opensAt.getTime() > after.getTime());
  return next ?? candidates[candidates.length - 1]!;
}

function roundOf(schedule: Schedule, zone: string, key: string): Round {
  return { weekKey: key, ...roundTimes(schedule, zone, key) };
}

/**
 * The round that should be open at `now` (opensAt <= now < closesAt), or undefined if
 * none is or the schedule is paused. A bot that was down at the opening still opens the
 * round when it starts, as long as the round has not closed; a round that opened and
 * closed while it was down is skipped.
 */
export function dueRound(schedule: Schedule, zone: string, now: Date): Round | undefined {
  if (schedule.paused) return undefined;
  const current = weekKey(now, zone);
  // Latest first: last week's round can still be open early this week.
  for (const offset of [1, 0, -1]) {
    const round = roundOf(schedule, zone, addWeeks(current, offset));
    if (round.opensAt.getTime() <= now.getTime() && now.getTime() < round.closesAt.getTime()) {
      return round;
    }
  }
  return undefined;
}

/** The open round at `now`, otherwise the next one to open; undefined while paused. */
export function currentOrNextRound(schedule: Schedule, zone: string, now: Date): (Round & { open: boolean }) | undefined {
  if (schedule.paused) return undefined;
  const due = dueRound(schedule, zone, now);
  if (due) return { ...due, open: true };
  return { ...roundOf(schedule, zone, nextOpening(schedule, zone, now).weekKey), open: false };
}

/** "Fridays at 10:00 (Europe/London); reminder after 1 day, closes after 3 days", prefixed "Paused: " when paused. */
export function describeSchedule(schedule: Schedule, zone: string): string {
  const text =
    `${WEEKDAY_NAMES[schedule.day - 1]}s at ${schedule.time} (${zone}); ` +
    `reminder after ${formatDuration(schedule.remindAfterMinutes)}, ` +
    `closes after ${formatDuration(schedule.closeAfterMinutes)}`;
  return schedule.paused ? `Paused: ${text}` : text;
}
