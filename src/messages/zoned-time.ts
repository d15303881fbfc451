import { DateTime } from 'luxon';

/** "Mon 7 Dec 2026, 09:00 (Asia/Kolkata)": an instant on the wall clock of the mission's zone, named. */
export function zonedTime(at: Date, zone: string): string {
  return `${DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy, HH:mm')} (${zone})`;
}
