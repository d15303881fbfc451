/** HTML helpers shared by the browser renderers. Pure string functions: no DOM, no Node. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Only web and data-image addresses may become links or images; anything else is dropped. */
export function safeUrl(url: string): string | undefined {
  const u = url.trim();
  return /^https?:\/\/[^\s"'<>]+$/i.test(u) || /^data:image\/(png|jpeg|gif|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(u) ? u : undefined;
}

/** A string usable inside an id attribute. */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Keeps already-rendered HTML fragments out of the way of text-level rules (bold, italics):
 * each fragment is replaced by a private-use placeholder and put back at the end.
 */
export class Stash {
  private readonly parts: string[] = [];

  put(html: string): string {
    this.parts.push(html);
    return `\uE000${this.parts.length - 1}\uE001`;
  }

  restore(text: string): string {
    return text.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => this.parts[Number(i)] ?? '');
  }
}
