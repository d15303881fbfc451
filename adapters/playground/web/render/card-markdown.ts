import { escapeHtml, safeUrl, Stash } from './html';

/**
 * The markdown subset Teams shows in an Adaptive Card TextBlock -> safe HTML, for the
 * `adaptivecards` renderer's onProcessMarkdown hook: `**bold**`, `_italic_`/`*italic*`,
 * `[label](https://…)`, `- ` and `1. ` lists, line breaks, and `<at>Name</at>` mentions
 * (which Teams shows highlighted when the card names the person in msteams.entities).
 */
function inline(line: string, stash: Stash): string {
  let html = escapeHtml(line);
  html = html.replace(/&lt;at&gt;(.+?)&lt;\/at&gt;/g, (_m, name: string) => stash.put(`<span class="ac-mention">${name}</span>`));
  html = html.replace(/\[([^[\]\n]+)\]\(([^()\s]+)\)/g, (all, label: string, href: string) => {
    const url = safeUrl(href.replace(/&amp;/g, '&'));
    return url ? stash.put(`<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`) : all;
  });
  html = html.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1<em>$2</em>');
  html = html.replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1<em>$2</em>');
  return html;
}

export function cardMarkdownToHtml(text: string): string {
  const stash = new Stash();
  const out: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flush = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
    list = undefined;
  };
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    // One white-space character after the marker; the item's own text is trimmed below.
    const bullet = /^\s*[-*+]\s(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const tag = bullet ? 'ul' : 'ol';
      if (list && list.tag !== tag) flush();
      if (lines.length > 0) {
        out.push(lines.join('<br>'));
        lines.length = 0;
      }
      list ??= { tag, items: [] };
      list.items.push(inline(item[1].trimStart(), stash));
      continue;
    }
    flush();
    lines.push(inline(line, stash));
  }
  flush();
  if (lines.length > 0) out.push(lines.join('<br>'));
  return stash.restore(out.join(''));
}
