import { trimEndChars } from '../text/trim-chars';

/**
 * Reading answers typed in a chat: "4", "four", "likely" or "high" for a question that offers
 * options. Pure functions; the form never needs them because its inputs only offer valid values.
 */

export interface AnswerOption {
  /** What is stored. */
  value: string;
  /** What the member sees, e.g. "4 — likely" or "high". */
  label: string;
}

export type OptionMatch = { ok: true; option: AnswerOption } | { ok: false; reason: 'no-match' | 'out-of-range' | 'ambiguous' };

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const TRAILING_PUNCTUATION = '.!?,;:';

/**
 * Lower case, single spaces, without quotes or trailing punctuation ("Four!" -> "four"). Runs
 * on every direct message, so each step is linear in the text (no regex that can backtrack).
 */
export function simplify(text: string): string {
  const unquoted = text.toLowerCase().replace(/[\u2018\u2019\u201c\u201d"'`]/g, '');
  return trimEndChars(unquoted, TRAILING_PUNCTUATION).replace(/\s+/g, ' ').trim();
}

/** "4", "4/5", "4 out of 5", "four" -> 4; anything else -> undefined. */
export function readNumber(text: string): number | undefined {
  const s = simplify(text);
  const digits = /^(\d{1,3})(?:\s*(?:\/|out of|of)\s*\d{1,3})?$/.exec(s);
  if (digits) return Number(digits[1]);
  const word = NUMBER_WORDS.indexOf(s);
  return word >= 0 ? word : undefined;
}

/** The words of a label after its number, e.g. "4 — likely" -> "likely". */
function labelWords(label: string): string {
  return simplify(label.replace(/^\s*\d+\s*[—–-]\s*/, ''));
}

/**
 * Finds the option a reply means: its value, its label, the words of its label, its position
 * (1-based, or the value itself for a numeric scale), or an unambiguous start of a word of at
 * least three letters ("med" -> "medium").
 */
export function matchOption(text: string, options: AnswerOption[]): OptionMatch {
  const s = simplify(text);
  if (s === '') return { ok: false, reason: 'no-match' };
  const exact = options.find((o) => simplify(o.value) === s || simplify(o.label) === s || labelWords(o.label) === s);
  if (exact) return { ok: true, option: exact };

  const n = readNumber(s);
  if (n !== undefined) {
    const byValue = options.find((o) => o.value === String(n));
    if (byValue) return { ok: true, option: byValue };
    if (options.every((o) => /^\d+$/.test(o.value))) return { ok: false, reason: 'out-of-range' };
    if (n >= 1 && n <= options.length) return { ok: true, option: options[n - 1] };
    return { ok: false, reason: 'out-of-range' };
  }

  if (s.length >= 3) {
    const starts = options.filter((o) => simplify(o.value).startsWith(s) || labelWords(o.label).startsWith(s));
    if (starts.length === 1) return { ok: true, option: starts[0] };
    if (starts.length > 1) return { ok: false, reason: 'ambiguous' };
  }
  return { ok: false, reason: 'no-match' };
}

const NOTHING = new Set([
  'no',
  'nope',
  'none',
  'nothing',
  'nil',
  'n/a',
  'na',
  '-',
  'no blockers',
  'no blocker',
  'nothing blocking',
  'not really',
  'all good',
  'nothing at the moment',
  'none right now',
  'no thanks',
]);

/** "no", "none", "nothing"... : the way people say there is nothing to report. */
export function saysNothing(text: string): boolean {
  return NOTHING.has(simplify(text));
}
