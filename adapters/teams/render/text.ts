import type { Inline, RichText } from '../../../src/messages/model';
import type { AcMention } from './card-types';

const ZWSP = '\u200B';

/*
 * Adaptive Card markdown has no escape that every Teams client honours (backslashes show up
 * literally on mobile), so member text is made inert instead: emphasis characters become
 * look-alikes (except `_` inside a word, which cannot emphasise and may be part of a URL);
 * `<`, `>` and `](` get a zero-width space so no `<at>`, autolink or link can form; block
 * markers at a line start are pushed off it.
 */
export function escapeCardInline(text: string): string {
  return text
    .replace(/\*/g, '∗')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '＿')
    .replace(/</g, `<${ZWSP}`)
    .replace(/>/g, `${ZWSP}>`)
    .replace(/\]\(/g, `]${ZWSP}(`);
}

/** Headings, quotes, list items and rules only exist at a line start; a zero-width space defuses them. */
export function neutraliseLineStarts(text: string): string {
  return text.replace(/^([ \t]*)(?=#|[-+](?:[ \t]|$)|[-=]{2,}|\d+[.)](?:[ \t]|$))/gm, `$1${ZWSP}`);
}

/** Plain text -> inert TextBlock markdown. */
export function escapeCardText(text: string): string {
  return neutraliseLineStarts(escapeCardInline(text));
}

/** Collects the people a card names on purpose, for `msteams.entities`. */
export class MentionCollector {
  private readonly byText = new Map<string, AcMention>();

  /** `<at>name</at>` for the card text; the name is cleaned so it cannot close the tag early. */
  mention(user: { userId: string; name: string }): string {
    const name =
      user.name
        .replace(/[<>*_[\]\\"\p{Cc}]/gu, '')
        .replace(/\s+/g, ' ')
        .trim() || 'member';
    if (!user.userId.trim()) return escapeCardInline(name);
    // Teams pairs entities with the text by its `<at>` string, so two people of one name need two strings.
    let shown = name;
    for (let n = 2; this.takenByOther(`<at>${shown}</at>`, user.userId); n++) shown = `${name} (${n})`;
    const text = `<at>${shown}</at>`;
    if (!this.byText.has(text)) this.byText.set(text, { type: 'mention', text, mentioned: { id: user.userId, name: shown } });
    return text;
  }

  private takenByOther(text: string, userId: string): boolean {
    const taken = this.byText.get(text);
    return taken !== undefined && taken.mentioned.id !== userId;
  }

  entities(): AcMention[] {
    return [...this.byText.values()];
  }
}

function inlineMarkdown(part: Inline, mentions: MentionCollector): string {
  if (typeof part === 'string') return escapeCardInline(part);
  if ('bold' in part) {
    const inner = escapeCardInline(part.bold).replace(/\s+/g, ' ').trim();
    return inner ? `**${inner}**` : '';
  }
  return mentions.mention(part.user);
}

/** A run of inline content -> TextBlock markdown; only `{user}` produces a mention. */
export function richMarkdown(text: RichText, mentions: MentionCollector): string {
  return neutraliseLineStarts(text.map((p) => inlineMarkdown(p, mentions)).join(''));
}

/**
 * The same, on one line (list items, facts): each run of white space holding a line break
 * becomes one space. Runs are found whole by `\s+`; `\s*\n\s*` would rescan a long run of
 * spaces from each of its positions, which is quadratic.
 */
export function richMarkdownLine(text: RichText, mentions: MentionCollector): string {
  return richMarkdown(text, mentions).replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}

const ELLIPSIS = '…';

/** Cut to `max` UTF-16 units with "…", never inside a surrogate pair or an `<at>…</at>`. */
/** The first `max` UTF-16 units, never ending in half a surrogate pair. */
export function sliceText(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

export function cutCardText(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = sliceText(text, Math.max(0, max - 2));
  // Lines (list items) are kept whole, so no item is half shown or left with open markup.
  const lineEnd = head.lastIndexOf('\n');
  if (lineEnd > 0) return `${head.slice(0, lineEnd)}\n${ELLIPSIS}`;
  const open = head.lastIndexOf('<at>');
  if (open >= 0 && head.indexOf('</at>', open) < 0) head = head.slice(0, open);
  // An odd number of ** would leave bold open to the end of the block.
  if ((head.match(/\*\*/g) ?? []).length % 2 === 1) head = head.slice(0, head.lastIndexOf('**'));
  return head + ELLIPSIS;
}

/** `▓▓▓▓▓░░░░░ 50%`. */
export function progressBar(value: number, max: number, width = 10): string {
  const ratio = max > 0 && Number.isFinite(value) ? Math.min(1, Math.max(0, value / max)) : 0;
  const filled = Math.round(ratio * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(ratio * 100)}%`;
}
