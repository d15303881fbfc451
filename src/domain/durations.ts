import { fail, ok, type Parsed } from './parse-result';

const MINUTES_PER_UNIT = { d: 24 * 60, h: 60, m: 1 } as const;
type Unit = keyof typeof MINUTES_PER_UNIT;

// A Map, not an object literal, so that words like "constructor" are not units.
const UNIT_WORDS = new Map<string, Unit>([
  ['d', 'd'],
  ['day', 'd'],
  ['days', 'd'],
  ['h', 'h'],
  ['hr', 'h'],
  ['hrs', 'h'],
  ['hour', 'h'],
  ['hours', 'h'],
  ['m', 'm'],
  ['min', 'm'],
  ['mins', 'm'],
  ['minute', 'm'],
  ['minutes', 'm'],
]);

// One "<number><unit>" part, optionally followed by spaces or a comma.
const PART = /(\d{1,6})\s*([a-z]+)[\s,]*/y;

/**
 * Reads a duration such as `24h`, `90m`, `2d`, `1d12h` or `1 day 12 hours` (the form
 * formatDuration writes) into whole minutes. Each unit may appear once. `name` is the
 * argument the user typed it into, so the message can say which one is wrong.
 */
export function parseDuration(text: string, name = 'duration'): Parsed<number> {
  const usage = `${name} must be a duration like 24h, 90m, 2d or 1d12h`;
  const input = text.trim().toLowerCase();
  if (input === '') return fail(usage);

  const seen = new Set<Unit>();
  let minutes = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < input.length) {
    const match = PART.exec(input);
    if (!match) return fail(usage);
    const unit = UNIT_WORDS.get(match[2] ?? '');
    if (!unit || seen.has(unit)) return fail(usage);
    seen.add(unit);
    minutes += Number(match[1]) * MINUTES_PER_UNIT[unit];
  }
  if (minutes === 0) return fail(`${name} must be longer than 0 minutes`);
  return ok(minutes);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Whole minutes as words: 2160 -> "1 day 12 hours", 45 -> "45 minutes", 0 -> "0 minutes". */
export function formatDuration(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / MINUTES_PER_UNIT.d);
  const hours = Math.floor((total % MINUTES_PER_UNIT.d) / MINUTES_PER_UNIT.h);
  const mins = total % MINUTES_PER_UNIT.h;
  const parts: string[] = [];
  if (days > 0) parts.push(plural(days, 'day'));
  if (hours > 0) parts.push(plural(hours, 'hour'));
  if (mins > 0 || parts.length === 0) parts.push(plural(mins, 'minute'));
  return parts.join(' ');
}
