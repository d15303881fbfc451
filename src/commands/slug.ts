import { trimChars, trimEndChars } from '../text/trim-chars';

/** 3–40 lowercase letters, digits or dashes, not starting or ending with a dash. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

const MAX_SLUG = 40;
const MAX_WORDS = 5;
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'of',
  'on',
  'or',
  'our',
  'the',
  'to',
  'with',
]);

/**
 * A readable slug for a mission statement: "By 2030, eliminate long-term unemployment for
 * under-25s in Ladywood ward" -> "eliminate-long-term-unemployment". Always matches SLUG_PATTERN.
 */
export function slugFromStatement(statement: string): string {
  const folded = statement
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['\u2018\u2019`]/gu, '');
  // Every mission has a deadline, so a leading "By 2030," says nothing about this one.
  const withoutDeadline = folded.replace(/^\s*(?:by|before|until|in)\s+\d{4}\b[\s,:;\u2013\u2014-]*/u, '');
  const words = withoutDeadline
    .split(/\s+/u)
    .map((w) => trimChars(w.replace(/[^a-z0-9]+/g, '-'), '-'))
    .filter((w) => w !== '' && !STOP_WORDS.has(w));

  let slug = '';
  for (const word of words.slice(0, MAX_WORDS)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  if (!slug && words.length > 0) slug = trimEndChars(words[0].slice(0, MAX_SLUG), '-');
  if (slug.length < 3) slug = slug ? `${slug}-mission` : 'mission';
  return slug;
}
