import type { Inline, RichText } from '../../../src/messages/model';

const ELLIPSIS = '…';
const ZWJ = '\u200D';
const ZWSP = '\u200B';

/** Cut to at most `max` UTF-16 units, ending with "…", never splitting a surrogate pair. */
export function cutPlain(text: string, max: number): string {
  return text.length <= max ? text : sliceText(text, Math.max(0, max - 1)) + ELLIPSIS;
}

/** The first `max` UTF-16 units, never ending in half a surrogate pair. */
export function sliceText(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * Cut escaped mrkdwn without leaving half an entity (`&am`) or half a mention (`<@U1`),
 * either of which Slack would show as garbage or reject.
 */
export function cutMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = cutPlain(text, max).slice(0, -1);
  const amp = head.lastIndexOf('&');
  if (amp >= 0 && !head.slice(amp).includes(';')) head = head.slice(0, amp);
  const open = head.lastIndexOf('<');
  if (open >= 0 && !head.slice(open).includes('>')) head = head.slice(0, open);
  return head + ELLIPSIS;
}

/**
 * Plain text -> inert mrkdwn. `&<>` are entity-escaped (so `<!here>`, `<@U…>` and `<url|text>`
 * stay text); broadcast words get a zero-width joiner so no client setting can turn them into a
 * ping; `](` is split so markdown-style links cannot disguise a URL. Emphasis characters become
 * look-alikes (`_` only where it could emphasise, so URLs keep theirs) and a line cannot open a
 * quote, so member text cannot restyle the message around it. Backticks stay: code is inert.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([@!])(channel|here|everyone|group)/gi, `$1${ZWJ}$2`)
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/\*/g, '∗')
    .replace(/~/g, '∼')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '＿')
    .replace(/^([ \t]*)(?=&gt;)/gm, `$1${ZWSP}`);
}

/** Bold needs its own `*` to be the only ones, and must stay on one line. */
function boldMrkdwn(text: string): string {
  const inner = escapeMrkdwn(text).replace(/\*/g, '∗').replace(/\s+/g, ' ').trim();
  return inner ? `*${inner}*` : '';
}

/** Only ids made of Slack's id alphabet become mentions; anything else is shown as the name. */
function userMrkdwn(user: { userId: string; name: string }): string {
  return /^[A-Z0-9]+$/.test(user.userId) ? `<@${user.userId}>` : escapeMrkdwn(user.name);
}

export function inlineMrkdwn(part: Inline): string {
  if (typeof part === 'string') return escapeMrkdwn(part);
  if ('bold' in part) return boldMrkdwn(part.bold);
  return userMrkdwn(part.user);
}

export function richMrkdwn(text: RichText): string {
  return text.map(inlineMrkdwn).join('');
}

/** `▓▓▓▓▓░░░░░ 50%`: readable on every client, no image needed. */
export function progressBar(value: number, max: number, width = 10): string {
  const ratio = max > 0 && Number.isFinite(value) ? Math.min(1, Math.max(0, value / max)) : 0;
  const filled = Math.round(ratio * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(ratio * 100)}%`;
}
