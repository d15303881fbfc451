/**
 * Member text as the digest shows it. The renderers already make it unable to ping, link or
 * format; this removes what no renderer can defuse by escaping: characters that reorder or hide
 * the text around them (bidi overrides, zero-width spaces) and control characters.
 */

// Bidi embeddings, overrides and isolates, and the invisible marks that can spoof a line's order.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// Zero-width space, word joiner, BOM: invisible, never needed in prose. ZWJ/ZWNJ stay (emoji, scripts).
const INVISIBLES = /[\u200B\u2060\uFEFF]/g;
// Control characters other than tab and newline, and the line/paragraph separators.
const CONTROLS = /(?![\n\t])[\p{Cc}\u2028\u2029]/gu;

const ELLIPSIS = '…';

/** Safe multi-line text: newlines kept (CRLF normalised), everything invisible or reordering removed. */
export function cleanMemberText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(BIDI_CONTROLS, '').replace(INVISIBLES, '').replace(CONTROLS, '').trim();
}

/** One line, whitespace collapsed: for names, organisations and excerpts in the digest itself. */
export function oneLine(text: string): string {
  return cleanMemberText(text).replace(/\s+/g, ' ').trim();
}

/** The first `max` UTF-16 units, never ending in half a surrogate pair. */
function slice(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** One line of at most `max` characters, cut at a word where one is near, with "…". */
export function excerpt(text: string, max: number): string {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const head = slice(line, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space >= max * 0.7 ? head.slice(0, space) : head}${ELLIPSIS}`;
}

/** A name as shown: one line, at most 60 characters, never empty. */
export function shownName(name: string | undefined, fallback = 'Someone'): string {
  return excerpt(name ?? '', 60) || fallback;
}

/**
 * What a text may grow to once a renderer escapes it: `&<>` become entities on Slack, and
 * emphasis characters become three-byte look-alikes on Teams. Used to size blocks and pages so
 * the full text is never cut by a platform limit.
 */
export function renderedWeight(text: string): { chars: number; bytes: number } {
  const entities = (text.match(/[&<>]/g) ?? []).length;
  const marks = (text.match(/[<>*_~@!\]\n]/g) ?? []).length;
  return { chars: text.length + 4 * entities + marks, bytes: Buffer.byteLength(text, 'utf8') + 3 * marks };
}

/**
 * Splits text into pieces whose rendered weight stays within `maxChars` characters and
 * `maxBytes` bytes, at a line break or space where one is near; nothing is lost.
 */
export function chunkText(text: string, maxChars: number, maxBytes: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let end = Math.min(rest.length, maxChars);
    while (end > 1) {
      const w = renderedWeight(slice(rest, end));
      if (w.chars <= maxChars && w.bytes <= maxBytes) break;
      end = Math.max(1, Math.floor(end * 0.8));
    }
    let head = slice(rest, end) || rest.slice(0, 2);
    if (head.length < rest.length) {
      const cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
      if (cut >= head.length * 0.6) head = head.slice(0, cut + 1);
    }
    pieces.push(head);
    rest = rest.slice(head.length);
  }
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
}
