import { escapeHtml, safeUrl, Stash } from './html';

/**
 * Slack `mrkdwn` -> safe HTML, the way Slack's clients show it: `*bold*`, `_italics_`,
 * `~strike~`, `` `code` ``, ``` blocks, `>` quotes, and the angle-bracket forms (`<@U…>` as
 * @name, `<#C…|name>`, `<!here>`, `<url|label>`). Text arrives entity-escaped (`&amp;`,
 * `&lt;`, `&gt;`), as Slack requires; everything is escaped again for HTML.
 */
export interface MrkdwnContext {
  /** Display names by user id, for mentions. */
  users: Record<string, string>;
}

const decodeSlack = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function special(inner: string, ctx: MrkdwnContext): string {
  const [target, label] = splitLabel(inner);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="sk-mention">@${escapeHtml(ctx.users[id] ?? label ?? id)}</span>`;
  }
  if (target.startsWith('#')) return `<span class="sk-mention">#${escapeHtml(label ?? target.slice(1))}</span>`;
  if (target.startsWith('!subteam^')) return `<span class="sk-mention">${escapeHtml(label ?? '@group')}</span>`;
  if (target.startsWith('!date^')) return escapeHtml(label ?? target.split('^')[3] ?? '');
  if (target.startsWith('!')) return `<span class="sk-mention sk-broadcast">@${escapeHtml(target.slice(1))}</span>`;
  const url = safeUrl(decodeSlack(target));
  const shown = escapeHtml(decodeSlack(label ?? target));
  return url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${shown}</a>` : shown;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** Emphasis needs a non-space just inside each marker and no word character just outside. */
function emphasis(html: string, marker: string, tag: string): string {
  const m = marker === '*' ? '\\*' : marker;
  const re = new RegExp(`(^|[^\\p{L}\\p{N}${m}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?=$|[^\\p{L}\\p{N}${m}])`, 'gu');
  return html.replace(re, (_all, lead: string, inner: string) => `${lead}<${tag}>${inner}</${tag}>`);
}

function inline(source: string, ctx: MrkdwnContext, stash: Stash): string {
  // Angle-bracket forms first, on the raw (still Slack-escaped) text.
  let text = source.replace(/<([^<>\n]+)>/g, (_m, inner: string) => stash.put(special(inner, ctx)));
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => stash.put(`<code>${escapeHtml(decodeSlack(code))}</code>`));
  text = escapeHtml(decodeSlack(text));
  text = emphasis(text, '*', 'strong');
  text = emphasis(text, '_', 'em');
  text = emphasis(text, '~', 's');
  return text;
}

export function mrkdwnToHtml(source: string, ctx: MrkdwnContext): string {
  const stash = new Stash();
  // Code blocks keep their content verbatim, across lines.
  const withBlocks = source.replace(/```([\s\S]*?)```/g, (_m, code: string) =>
    stash.put(`<pre class="sk-pre">${escapeHtml(decodeSlack(code.replace(/^\n/, '')))}</pre>`),
  );
  const out: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length > 0) out.push(`<blockquote class="sk-quote">${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of withBlocks.split('\n')) {
    const q = /^(?:&gt;|>)\s?(.*)$/.exec(line);
    if (q) {
      quote.push(inline(q[1], ctx, stash));
      continue;
    }
    flushQuote();
    out.push(inline(line, ctx, stash));
  }
  flushQuote();
  // A quote is a block of its own: no line break around it.
  return stash.restore(out.join('<br>').replace(/<br>(<blockquote)|(<\/blockquote>)<br>/g, '$1$2'));
}

/** `plain_text`: no formatting at all, but line breaks kept. */
export function plainToHtml(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}
