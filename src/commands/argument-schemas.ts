import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseTimeZone } from '../domain/time-zone';
import { SLUG_PATTERN } from './slug';
import { charCount, collapseSpaces, normaliseDashes } from './text';

/**
 * Zod schemas for argument kinds shared by commands. Each takes the argument's name as the user
 * sees it, so its messages say which argument is wrong and what form it should take.
 */

/** Any argument: required (when not optional), never blank; spaces tidied. */
export function argText(name: string, like: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required, like ${like}` : `${name} must be text`) })
    .transform((raw, ctx) => {
      const value = collapseSpaces(raw);
      if (value === '') ctx.addIssue(`${name} needs a value, like ${like}`);
      return value;
    });
}

/** Free text between `min` and `max` characters. */
export function boundedText(name: string, min: number, max: number, like: string) {
  return argText(name, like).refine((v) => v === '' || (charCount(v) >= min && charCount(v) <= max), {
    error: (iss) => {
      const has = charCount(String(iss.input));
      return min > 1
        ? `${name} must be ${min}–${max} characters; it has ${has}`
        : `${name} must be at most ${max} characters; it has ${has}`;
    },
  });
}

/** A mission slug. Case and autocorrected dashes are forgiven: "Ladywood–Jobs" is ladywood-jobs. */
export function slugArg(name = 'slug') {
  const like = 'ladywood-jobs';
  return argText(name, like)
    .transform((v) => normaliseDashes(v).toLowerCase())
    .refine((v) => v === '' || SLUG_PATTERN.test(v), {
      error: `${name} must be 3–40 lowercase letters, digits or dashes, like ${like}`,
    });
}

function isCalendarDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v, { zone: 'utc' }).isValid;
}

/** A YYYY-MM-DD calendar date strictly after `today` (YYYY-MM-DD, compared as text). */
export function futureDateArg(name: string, today: string) {
  const like = '2030-12-31';
  return argText(name, like)
    .transform((v) => normaliseDashes(v))
    .refine((v) => v === '' || isCalendarDate(v), { error: `${name} must be a date like ${like}`, abort: true })
    .refine((v) => v === '' || v > today, { error: `${name} must be a date in the future, like ${like}` });
}

/** An IANA time zone, read by the one zone parser (domain/time-zone.ts): "asia/kolkata" -> "Asia/Kolkata". */
export function timeZoneArg(name = 'tz') {
  return argText(name, 'Europe/London').transform((v, ctx) => {
    if (v === '') return v;
    const zone = parseTimeZone(v, name);
    if (zone.ok) return zone.value;
    ctx.addIssue(zone.message);
    return v;
  });
}

/** One of a fixed set of words, matched without regard to case. */
export function oneOfArg<const T extends readonly [string, ...string[]]>(name: string, values: T, like?: string) {
  const message = `${name} must be one of ${values.join(', ')}`;
  return argText(name, like ?? values[0])
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(values, { error: message }));
}
