import { closerFor, collapseSpaces, DOUBLE_QUOTES, isQuote, isSpace, SINGLE_QUOTES } from './text';
import type { Token, TokenizeError } from './types';

// Adapters normalise mentions to <@id>; a Slack-style "|label" is tolerated and dropped.
const MENTION = /<@([A-Za-z0-9:._-]+)(?:\|[^<>]*)?>/y;
// An option key, optionally written --key or —key (autocorrected), spaces allowed before "=".
const OPTION_KEY = /(?:--?|[\u2013\u2014])?([A-Za-z][A-Za-z0-9_-]*)\s*=/uy;
const OPTION_AHEAD = /\s(?:--?|[\u2013\u2014])?[A-Za-z][A-Za-z0-9_-]*\s*=/u;

type Read = { text: string; end: number } | TokenizeError;
type ValueRead = { text: string; end: number; quoted: boolean } | TokenizeError;

export function isTokenizeError(result: Token[] | TokenizeError): result is TokenizeError {
  return !Array.isArray(result);
}

/** Splits command text into words, quoted strings, key=value options and mentions. */
export function tokenize(input: string): Token[] | TokenizeError {
  const s = input.replace(/[\u200B\uFEFF]/gu, '');
  const tokens: Token[] = [];
  let i = skipSpaces(s, 0);
  while (i < s.length) {
    const start = i;
    const mention = matchAt(MENTION, s, i);
    const key = mention ? null : matchAt(OPTION_KEY, s, i);
    if (isQuote(s[i])) {
      const q = readQuoted(s, i);
      if ('kind' in q) return q;
      tokens.push({ kind: 'quoted', text: collapseSpaces(q.text), source: s.slice(start, q.end) });
      i = q.end;
    } else if (mention) {
      tokens.push({ kind: 'mention', userId: mention[1], source: mention[0] });
      i += mention[0].length;
    } else if (key) {
      const v = readOptionValue(s, i + key[0].length);
      if ('kind' in v) return v;
      tokens.push({ kind: 'option', key: key[1].toLowerCase(), value: v.text, quoted: v.quoted, source: s.slice(start, v.end).trim() });
      i = v.end;
    } else {
      const end = wordEnd(s, i);
      const text = s.slice(i, end);
      tokens.push({ kind: 'word', text, source: text });
      i = end;
    }
    i = skipSpaces(s, i);
  }
  return tokens;
}

function matchAt(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

function skipSpaces(s: string, i: number): number {
  let j = i;
  while (j < s.length && isSpace(s[j])) j++;
  return j;
}

/** A bare word runs to the next space, or to a mention glued onto it ("<@A>,<@B>"). */
function wordEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && !isSpace(s[j]) && !(s[j] === '<' && matchAt(MENTION, s, j))) j++;
  return j;
}

function readOptionValue(s: string, i: number): ValueRead {
  if (i < s.length && isQuote(s[i])) return quotedValue(s, i);
  if (i < s.length && !isSpace(s[i])) return bareValue(s, i);
  // "key= value": take the next token as the value unless it is itself an option or a mention.
  const j = skipSpaces(s, i);
  if (j >= s.length || matchAt(OPTION_KEY, s, j) || matchAt(MENTION, s, j)) return { text: '', end: i, quoted: false };
  if (isQuote(s[j])) return quotedValue(s, j);
  return bareValue(s, j);
}

function bareValue(s: string, i: number): ValueRead {
  const end = wordEnd(s, i);
  return { text: s.slice(i, end), end, quoted: false };
}

function quotedValue(s: string, i: number): ValueRead {
  const q = readQuoted(s, i);
  if ('kind' in q) return q;
  return { text: collapseSpaces(q.text), end: q.end, quoted: true };
}

/**
 * Reads a quoted string starting at the opening quote. Any double quote closes a double-quoted
 * string. A single quote closes only when no letter or digit follows, so "Ladywood's" inside
 * single quotes stays an apostrophe.
 */
function readQuoted(s: string, i: number): Read {
  const opener = s[i];
  const double = DOUBLE_QUOTES.includes(opener);
  for (let j = i + 1; j < s.length; j++) {
    const ch = s[j];
    if (double ? DOUBLE_QUOTES.includes(ch) : SINGLE_QUOTES.includes(ch) && !/[\p{L}\p{N}]/u.test(s[j + 1] ?? '')) {
      return { text: s.slice(i + 1, j), end: j + 1 };
    }
  }
  return { kind: 'error', message: unclosedQuote(opener, s.slice(i + 1)) };
}

/** Points at where the closing quote most likely belongs: before the first option that follows. */
function unclosedQuote(opener: string, rest: string): string {
  const closer = closerFor(opener);
  const cut = rest.search(OPTION_AHEAD);
  const meant = collapseSpaces(cut >= 0 ? rest.slice(0, cut) : rest);
  if (!meant) return `a quote is not closed: add a closing ${closer} or remove the ${opener}`;
  const words = meant.split(' ');
  const tail = words.length > 4 ? `…${words.slice(-4).join(' ')}` : meant;
  const shown = Array.from(tail).length > 60 ? `…${Array.from(tail).slice(-60).join('')}` : tail;
  return `a quote is not closed: add a closing ${closer} after ${shown}`;
}
