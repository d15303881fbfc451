import { DateTime, IANAZone } from 'luxon';
import { invalidInput } from '../errors';

/** A reading of the wall clock and calendar, with no zone attached. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

function shows(dt: DateTime, wall: WallTime): boolean {
  return dt.year === wall.year && dt.month === wall.month && dt.day === wall.day && dt.hour === wall.hour && dt.minute === wall.minute;
}

/**
 * The instant at which the clocks in `zone` show `wall`. Two rules cover clock changes:
 *
 * - Overlap (clocks go back, the time happens twice): the earlier instant, the first
 *   time the clock shows it. 01:30 on 25 Oct 2026 in London is 01:30 BST (00:30Z).
 * - Gap (clocks go forward, the time never happens): the instant the clocks jump, the
 *   first valid instant after the wanted time. 01:30 on 29 Mar 2026 in London is
 *   02:00 BST (01:00Z).
 */
export function instantAt(wall: WallTime, zone: string): Date {
  const guess = DateTime.fromObject({ ...wall }, { zone });
  if (!guess.isValid) {
    throw invalidInput(`cannot read ${JSON.stringify(wall)} in time zone ${zone}`, { zone });
  }
  if (shows(guess, wall)) {
    // Luxon picks one side of an overlap depending on today's offset; choose explicitly.
    const earliest = Math.min(...guess.getPossibleOffsets().map((candidate) => candidate.toMillis()));
    return new Date(earliest);
  }
  return new Date(endOfGap(wall, zone, guess.toMillis()));
}

/**
 * The first instant whose wall clock reads `wall` or later, searched between the
 * readings of `wall` with the offsets either side of the gap (a range of one gap length).
 */
function endOfGap(wall: WallTime, zone: string, fallback: number): number {
  const tz = IANAZone.create(zone);
  const wanted = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const clockAt = (instant: number): number => instant + tz.offset(instant) * MINUTE_MS;

  let before = wanted - tz.offset(wanted + DAY_MS) * MINUTE_MS;
  let after = wanted - tz.offset(wanted - DAY_MS) * MINUTE_MS;
  if (!(clockAt(before) < wanted && clockAt(after) >= wanted)) return fallback;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (clockAt(middle) >= wanted) after = middle;
    else before = middle;
  }
  return after;
}
