/** Character classes for text typed on phones and desktop clients, which autocorrect freely. */

export const DOUBLE_QUOTES = '"\u201C\u201D\u201E\u201F';
export const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";

const CLOSER: Record<string, string> = {
  '\u201C': '\u201D',
  '\u201E': '\u201C',
  '\u2018': '\u2019',
  '\u201A': '\u2018',
};

/** The closing quote a user would naturally type for this opening one. */
export function closerFor(opener: string): string {
  return CLOSER[opener] ?? opener;
}

export function isQuote(ch: string): boolean {
  return DOUBLE_QUOTES.includes(ch) || SINGLE_QUOTES.includes(ch);
}

/** `\s` covers non-breaking and other Unicode spaces; zero-width space is added by some clients. */
export function isSpace(ch: string): boolean {
  return /[\s\u200B]/u.test(ch);
}

export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u200B]+/gu, ' ').trim();
}

/** En/em dashes, minus signs and friends turned back into the hyphen the user meant. */
export function normaliseDashes(text: string): string {
  return text.replace(/[\u2010-\u2015\u2212]/gu, '-');
}

/** A lone dash or comma between arguments carries no meaning ("@amira, @ben", "— target=..."). */
export function isFiller(word: string): boolean {
  return /^[,;\-\u2010-\u2015\u2212]+$/u.test(word);
}

/** Length as a person counts it (emoji and accented letters count once). */
export function charCount(text: string): number {
  return Array.from(text).length;
}
