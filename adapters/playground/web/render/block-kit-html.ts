import { escapeHtml, idPart, safeUrl } from './html';
import { mrkdwnToHtml, plainToHtml, type MrkdwnContext } from './slack-mrkdwn';

/**
 * Block Kit -> HTML for the blocks Mission Pulse sends: header, section (text, fields, button or
 * image accessory), context, divider, image, actions (buttons), and in modals input blocks with
 * plain_text_input and static_select. Anything else is shown as a visible placeholder and
 * reported in `warnings`, so a new block type cannot slip past the playground unnoticed.
 */
export interface BlockKitContext extends MrkdwnContext {
  /** Buttons carry the data the page needs to send block_actions; off for static previews. */
  interactive: boolean;
  /** Makes element ids unique on the page. */
  idPrefix: string;
  /** Modal input errors by block_id (from response_action: errors). */
  errors?: Record<string, string>;
}

export interface RenderedBlocks {
  html: string;
  warnings: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Slack gives every block a block_id; where the app set none, ours is the block's position. */
export function blockIdOf(block: unknown, index: number): string {
  return isObject(block) && typeof block.block_id === 'string' && block.block_id ? block.block_id : `b${index}`;
}

class Renderer {
  readonly warnings: string[] = [];

  constructor(private readonly ctx: BlockKitContext) {}

  warn(what: string): string {
    this.warnings.push(what);
    return `<div class="sk-unsupported">[${escapeHtml(what)}]</div>`;
  }

  text(obj: unknown): string {
    if (!isObject(obj)) return '';
    if (obj.type === 'mrkdwn') return mrkdwnToHtml(str(obj.text), this.ctx);
    if (obj.type === 'plain_text') return plainToHtml(str(obj.text));
    this.warnings.push(`unknown text object ${String(obj.type)}`);
    return escapeHtml(str(obj.text));
  }

  button(el: Json, blockId: string): string {
    const style = el.style === 'primary' ? ' sk-btn--primary' : el.style === 'danger' ? ' sk-btn--danger' : '';
    const label = plainToHtml(str(isObject(el.text) ? el.text.text : ''));
    const url = typeof el.url === 'string' ? safeUrl(el.url) : undefined;
    if (url) return `<a class="sk-btn${style}" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
    const data = this.ctx.interactive
      ? ` data-sk-action="1" data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(str(el.action_id))}"`
      : ' disabled';
    return `<button type="button" class="sk-btn${style}"${data}>${label}</button>`;
  }

  image(el: Json, cls: string): string {
    const url = safeUrl(str(el.image_url));
    if (!url) return this.warn('image with an address the preview will not load');
    return `<img class="${cls}" src="${escapeHtml(url)}" alt="${escapeHtml(str(el.alt_text))}">`;
  }

  section(b: Json, blockId: string): string {
    const parts: string[] = [];
    if (b.text) parts.push(`<div class="sk-section-text">${this.text(b.text)}</div>`);
    if (Array.isArray(b.fields)) {
      parts.push(`<div class="sk-fields">${b.fields.map((f) => `<div class="sk-field">${this.text(f)}</div>`).join('')}</div>`);
    }
    let accessory = '';
    if (isObject(b.accessory)) {
      if (b.accessory.type === 'button') accessory = this.button(b.accessory, blockId);
      else if (b.accessory.type === 'image') accessory = this.image(b.accessory, 'sk-accessory-image');
      else accessory = this.warn(`unsupported accessory ${String(b.accessory.type)}`);
    }
    return `<div class="sk-section"><div class="sk-section-main">${parts.join('')}</div>${accessory ? `<div class="sk-accessory">${accessory}</div>` : ''}</div>`;
  }

  context(b: Json): string {
    const els = Array.isArray(b.elements) ? b.elements : [];
    const items = els.map((e) => {
      if (isObject(e) && e.type === 'image') return this.image(e, 'sk-context-image');
      return `<span>${this.text(e)}</span>`;
    });
    return `<div class="sk-context">${items.join('')}</div>`;
  }

  actions(b: Json, blockId: string): string {
    const els = Array.isArray(b.elements) ? b.elements : [];
    const items = els.map((e) =>
      isObject(e) && e.type === 'button'
        ? this.button(e, blockId)
        : this.warn(`unsupported action element ${isObject(e) ? String(e.type) : '?'}`),
    );
    return `<div class="sk-actions">${items.join('')}</div>`;
  }

  input(b: Json, blockId: string): string {
    const el = isObject(b.element) ? b.element : {};
    const actionId = str(el.action_id);
    const id = `${this.ctx.idPrefix}-${idPart(blockId)}-${idPart(actionId)}`;
    const label = plainToHtml(str(isObject(b.label) ? b.label.text : ''));
    const optional = b.optional === true;
    const hint = isObject(b.hint) ? `<p class="sk-hint" id="${id}-hint">${plainToHtml(str(b.hint.text))}</p>` : '';
    const error = this.ctx.errors?.[blockId];
    const errorHtml = `<p class="sk-error" id="${id}-error"${error ? '' : ' hidden'}>${error ? escapeHtml(error) : ''}</p>`;
    const describedBy = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
    const common = `id="${id}" data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(actionId)}" data-required="${optional ? '0' : '1'}" aria-describedby="${describedBy}"${optional ? '' : ' aria-required="true"'}${error ? ' aria-invalid="true"' : ''}`;
    let control: string;
    if (el.type === 'plain_text_input') {
      const max = typeof el.max_length === 'number' ? ` maxlength="${el.max_length}"` : '';
      const placeholder = isObject(el.placeholder) ? ` placeholder="${escapeHtml(str(el.placeholder.text))}"` : '';
      const initial = str(el.initial_value);
      control =
        el.multiline === true
          ? `<textarea class="sk-textarea" rows="3" ${common}${max}${placeholder}>${escapeHtml(initial)}</textarea>`
          : `<input class="sk-text-input" type="text" ${common}${max}${placeholder} value="${escapeHtml(initial)}">`;
    } else if (el.type === 'static_select') {
      const initial = isObject(el.initial_option) ? str(el.initial_option.value) : '';
      const placeholder = isObject(el.placeholder) ? str(el.placeholder.text) : 'Choose an option';
      const options = (Array.isArray(el.options) ? el.options : []).filter(isObject).map((o) => {
        const value = str(o.value);
        return `<option value="${escapeHtml(value)}"${value === initial ? ' selected' : ''}>${escapeHtml(str(isObject(o.text) ? o.text.text : value))}</option>`;
      });
      control = `<select class="sk-select" ${common}><option value="">${escapeHtml(placeholder)}</option>${options.join('')}</select>`;
    } else {
      return this.warn(`unsupported input element ${String(el.type)}`);
    }
    const optionalTag = optional ? ' <span class="sk-optional">(optional)</span>' : '';
    return `<div class="sk-input${error ? ' sk-input--error' : ''}"><label class="sk-label" for="${id}">${label}${optionalTag}</label>${hint}${control}${errorHtml}</div>`;
  }

  block(b: unknown, index: number, surface: 'message' | 'modal'): string {
    if (!isObject(b)) return this.warn('a block that is not an object');
    const blockId = blockIdOf(b, index);
    switch (b.type) {
      case 'header':
        return `<h4 class="sk-header">${plainToHtml(str(isObject(b.text) ? b.text.text : ''))}</h4>`;
      case 'section':
        return this.section(b, blockId);
      case 'context':
        return this.context(b);
      case 'divider':
        return '<hr class="sk-divider">';
      case 'image': {
        const title = isObject(b.title) ? `<div class="sk-image-title">${plainToHtml(str(b.title.text))}</div>` : '';
        return `<figure class="sk-image">${title}${this.image(b, 'sk-image-img')}</figure>`;
      }
      case 'actions':
        return this.actions(b, blockId);
      case 'input':
        return surface === 'modal' ? this.input(b, blockId) : this.warn('input block outside a modal');
      default:
        return this.warn(`unsupported block ${String(b.type)}`);
    }
  }
}

/** A message's blocks. */
export function renderBlocks(blocks: unknown[], ctx: BlockKitContext): RenderedBlocks {
  const r = new Renderer(ctx);
  const html = blocks.map((b, i) => r.block(b, i, 'message')).join('');
  return { html, warnings: r.warnings };
}

/** A message without blocks shows its text as mrkdwn. */
export function renderMessageText(text: string, ctx: MrkdwnContext): string {
  return `<div class="sk-section-text">${mrkdwnToHtml(text, ctx)}</div>`;
}

export interface RenderedModal extends RenderedBlocks {
  title: string;
  submit?: string;
  close: string;
}

/** A modal view: title, blocks (inputs included) and the labels of its two buttons. */
export function renderModal(view: unknown, ctx: BlockKitContext): RenderedModal {
  const v = isObject(view) ? view : {};
  const r = new Renderer(ctx);
  if (v.type !== 'modal') r.warnings.push(`view type ${String(v.type)} is not a modal`);
  const blocks = Array.isArray(v.blocks) ? v.blocks : [];
  const html = blocks.map((b, i) => r.block(b, i, 'modal')).join('');
  const label = (t: unknown): string | undefined => (isObject(t) && typeof t.text === 'string' ? t.text : undefined);
  return {
    html,
    warnings: r.warnings,
    title: label(v.title) ?? 'App',
    ...(label(v.submit) ? { submit: label(v.submit) } : {}),
    close: label(v.close) ?? 'Cancel',
  };
}
