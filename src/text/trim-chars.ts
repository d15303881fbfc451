/*
 * Trimming a run of characters from the ends of a string with a plain scan. The regular
 * expression way, /[…]+$/, tries every starting position and rescans the run from each, which is
 * quadratic on a long run followed by anything else; these are linear.
 */

/** `text` without the characters of `chars` at its end ("Four!!" -> "Four" for "!"). */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` without the characters of `chars` at its start. */
export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start++;
  return start === 0 ? text : text.slice(start);
}

/** `text` without the characters of `chars` at either end ("--a-b--" -> "a-b" for "-"). */
export function trimChars(text: string, chars: string): string {
  return trimStartChars(trimEndChars(text, chars), chars);
}

/** An address without the slashes at its end, so a path can be appended ("https://x/" -> "https://x"). */
export function withoutTrailingSlashes(url: string): string {
  return trimEndChars(url, '/');
}
