import { formatDuration, parseDuration } from './durations';
import { fail, ok, type Parsed } from './parse-result';
import {
  DEFAULT_SCHEDULE,
  MAX_CLOSE_MINUTES,
  MIN_REMIND_MINUTES,
  WEEKDAY_NAMES,
  type IsoWeekday,
  type Schedule,
  type ZonedSchedule,
} from './schedule';
import { DEFAULT_TIME_ZONE, parseTimeZone } from './time-zone';

/** The arguments of `mission schedule <slug> day= time= [tz=] [remind=] [close=]`, as typed. */
export interface ScheduleArgs {
  day?: string;
  time?: string;
  tz?: string;
  remind?: string;
  close?: string;
}

const DAY_USAGE = 'day must be a day of the week: mon, tue, wed, thu, fri, sat or sun';
const TIME_USAGE = 'time must be HH:MM in 24-hour clock, like 10:00';
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "fri", "Friday", "THURS": any start of a day's name of three letters or more -> 1..7 (Mon = 1). */
export function parseDay(text: string): Parsed<IsoWeekday> {
  const word = text.trim().toLowerCase();
  if (word.length >= 3) {
    const index = WEEKDAY_NAMES.findIndex((name) => name.toLowerCase().startsWith(word));
    if (index >= 0) return ok((index + 1) as IsoWeekday);
  }
  return fail(DAY_USAGE);
}

/** "9:30" or "09:30" -> "09:30". */
export function parseTime(text: string): Parsed<string> {
  const match = TIME.exec(text.trim());
  if (!match) return fail(TIME_USAGE);
  return ok(`${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}`);
}

/**
 * Checks the rules that tie a schedule's parts together. Messages name the command
 * argument (day, time, remind, close) so the admin knows what to change.
 */
export function validateSchedule(schedule: Schedule): Parsed<Schedule> {
  const problems: string[] = [];
  if (!Number.isInteger(schedule.day) || schedule.day < 1 || schedule.day > 7) problems.push(DAY_USAGE);
  const time = parseTime(schedule.time);
  if (!time.ok) problems.push(time.message);

  const remind = schedule.remindAfterMinutes;
  const close = schedule.closeAfterMinutes;
  if (!Number.isInteger(remind) || remind < MIN_REMIND_MINUTES) {
    problems.push(`remind must be at least ${formatDuration(MIN_REMIND_MINUTES)}`);
  }
  if (!Number.isInteger(close) || close > MAX_CLOSE_MINUTES) {
    problems.push(`close must be at most ${formatDuration(MAX_CLOSE_MINUTES)}, so that each round closes before the next one opens`);
  }
  if (remind >= close) {
    problems.push(
      `remind must be shorter than close, so the reminder goes out while the round is open ` +
        `(remind is ${formatDuration(remind)}, close is ${formatDuration(close)})`,
    );
  }
  if (problems.length > 0 || !time.ok) return fail(problems.join('; '));
  return ok({ ...schedule, time: time.value });
}

/**
 * Applies the typed arguments over `base` (the mission's current schedule and zone, or the
 * default Fridays 10:00 Europe/London, remind 24h, close 72h) and checks the result.
 * Every problem is reported at once, joined with "; ".
 */
export function parseScheduleArgs(
  args: ScheduleArgs,
  base: ZonedSchedule = { schedule: DEFAULT_SCHEDULE, timeZone: DEFAULT_TIME_ZONE },
): Parsed<ZonedSchedule> {
  const next: Schedule = { ...base.schedule };
  let timeZone = base.timeZone;
  const problems: string[] = [];
  const take = <T>(text: string | undefined, parse: (input: string) => Parsed<T>, apply: (value: T) => void): void => {
    if (text === undefined) return;
    const parsed = parse(text);
    if (parsed.ok) apply(parsed.value);
    else problems.push(parsed.message);
  };
  take(args.day, parseDay, (day) => {
    next.day = day;
  });
  take(args.time, parseTime, (time) => {
    next.time = time;
  });
  take(args.tz, parseTimeZone, (zone) => {
    timeZone = zone;
  });
  take(
    args.remind,
    (text) => parseDuration(text, 'remind'),
    (minutes) => {
      next.remindAfterMinutes = minutes;
    },
  );
  take(
    args.close,
    (text) => parseDuration(text, 'close'),
    (minutes) => {
      next.closeAfterMinutes = minutes;
    },
  );
  if (problems.length > 0) return fail(problems.join('; '));
  const checked = validateSchedule(next);
  return checked.ok ? ok({ schedule: checked.value, timeZone }) : checked;
}
