import { IANAZone } from 'luxon';
import tzdata from 'tzdata';
import { editDistance } from './edit-distance';
import { fail, ok, type Parsed } from './parse-result';

/** A mission's zone unless its creator names another. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/**
 * Every name in the IANA time zone database (zones and links), by its lower-case form. The
 * runtime's Intl knows the same zones but spells some links the old way and lists no links at
 * all, so it can neither restore the case of "asia/kolkata" nor suggest "Asia/Kolkata".
 */
const NAMES: ReadonlyMap<string, string> = new Map(Object.keys(tzdata.zones).map((name) => [name.toLowerCase(), name]));

const MAX_INPUT = 64;
const MAX_SUGGESTIONS = 3;

/**
 * The one reading of a time zone someone typed (`mission create tz=`, `mission schedule tz=`).
 * The zone is stored as they named it, in the database's spelling: "asia/kolkata" is
 * Asia/Kolkata, not the Asia/Calcutta that Intl would make of it. A name without a "/" (GB,
 * EST5EDT, utc) becomes the zone Intl maps it to (Europe/London, America/New_York, UTC), which
 * reads better in messages. An unknown name is refused with the nearest names, if any.
 */
export function parseTimeZone(text: string, argument = 'tz'): Parsed<string> {
  const typed = text.trim();
  // Offsets like "+01:00" are valid to some Intl versions but are not zones: they ignore summer time.
  if (!/^[A-Za-z]/.test(typed) || typed.length > MAX_INPUT || !IANAZone.isValidZone(typed)) {
    return fail(zoneUsage(argument, suggestZones(typed)));
  }
  const known = NAMES.get(typed.toLowerCase());
  if (known?.includes('/')) return ok(known);
  return ok(new Intl.DateTimeFormat('en-GB', { timeZone: typed }).resolvedOptions().timeZone);
}

function zoneUsage(argument: string, suggestions: string[]): string {
  const usage = `${argument} must be an IANA time zone name, like Europe/London or America/New_York`;
  if (suggestions.length === 0) return usage;
  const last = suggestions[suggestions.length - 1];
  const named = suggestions.length === 1 ? last : `${suggestions.slice(0, -1).join(', ')} or ${last}`;
  return `${usage} (did you mean ${named}?)`;
}

/**
 * The names nearest to `typed`, within a few typing mistakes: compared whole ("Europe/Londn")
 * and by the place alone ("london", "new york").
 */
export function suggestZones(typed: string): string[] {
  const wanted = typed.trim().toLowerCase().replace(/ /g, '_').slice(0, MAX_INPUT);
  if (wanted.length < 3) return [];
  const place = wanted.slice(wanted.lastIndexOf('/') + 1);
  const allowed = (length: number): number => (length <= 5 ? 1 : length <= 9 ? 2 : 3);
  const scored: Array<{ name: string; distance: number }> = [];
  for (const [lower, name] of NAMES) {
    if (!name.includes('/')) continue;
    const whole = editDistance(wanted, lower);
    const byPlace = editDistance(place, lower.slice(lower.lastIndexOf('/') + 1));
    const distance = Math.min(whole <= allowed(wanted.length) ? whole : Infinity, byPlace <= allowed(place.length) ? byPlace : Infinity);
    if (distance < Infinity) scored.push({ name, distance });
  }
  const best = Math.min(...scored.map((s) => s.distance));
  return scored
    .filter((s) => s.distance === best)
    .map((s) => s.name)
    .sort()
    .filter((name) => IANAZone.isValidZone(name))
    .slice(0, MAX_SUGGESTIONS);
}
