import { renderSlackMessage, renderSlackModal } from '../../adapters/slack/render';
import {
  renderAdaptiveCard,
  renderAdaptiveCardForm,
  renderAdaptiveCardFormWithErrors,
  type AdaptiveCardJson,
} from '../../adapters/teams/render';
import { cardMarkdownToHtml, renderBlocks, renderModal } from '../../adapters/playground/web/render';
import type { Block, Message, RichText } from '../../src/messages/model';
import { validateBlocks, validateView } from '../../adapters/stand-ins/slack';
import { allCards, allElements, parserWarnings, schemaErrors } from '../render/card-checks';
import { FORMS, MESSAGES } from './message-fixtures';

/**
 * Every message and form the bot sends, in both renderings the playground shows: Block Kit as
 * the page draws it, and Adaptive Cards as Microsoft's `adaptivecards` library parses them.
 */

const USERS = { U0AMIRA: 'Amira Haddad', U0TOM: 'Tom Reilly' };
const ctx = { users: USERS, interactive: true, idPrefix: 't' };

/** What a reader sees: tags removed, entities decoded, zero-width characters gone, spaces collapsed. */
function visible(html: string): string {
  return html
    .replace(/[\u200B\u200D]/g, '')
    .replace(/<\/?(strong|em|s|code|span|a)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const flat = (t: RichText): string => t.map((p) => (typeof p === 'string' ? p : 'bold' in p ? p.bold : p.user.name)).join('');

/**
 * The words a reader must find in either rendering: every text the message model carries.
 * Slack shows `code` as code; Teams cards have no code markup, so there the backticks stay.
 */
function expectedTexts(msg: Message, platform: 'slack' | 'teams'): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    const t = (platform === 'slack' ? s.replace(/`/g, '') : s).replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  };
  for (const b of msg.blocks as Block[]) {
    if (b.kind === 'header') add(b.text);
    if (b.kind === 'text' || b.kind === 'context') add(flat(b.text));
    if (b.kind === 'fields') b.fields.forEach((f) => (add(f.label), add(f.value)));
    if (b.kind === 'list') {
      if (b.title) add(b.title);
      b.items.forEach((i) => add(flat(i)));
    }
    if (b.kind === 'actions') b.buttons.forEach((x) => add(x.label));
  }
  return out;
}

function cardTexts(card: AdaptiveCardJson): string {
  const parts: string[] = [];
  for (const el of allElements(card)) {
    if (el.type === 'TextBlock') parts.push(cardMarkdownToHtml(el.text));
    if (el.type === 'FactSet') for (const f of el.facts) parts.push(cardMarkdownToHtml(f.title), cardMarkdownToHtml(f.value));
    if (el.type === 'ActionSet') for (const a of el.actions) parts.push(a.title ?? '');
  }
  for (const c of allCards(card)) for (const a of c.actions ?? []) parts.push(a.title ?? '');
  return visible(parts.join(' '));
}

describe.each(MESSAGES)('%s', (_name, msg) => {
  const slack = renderSlackMessage(msg);
  const html = renderBlocks(slack.blocks, ctx);
  const card = renderAdaptiveCard(msg);

  it('Slack: the stand-in accepts the blocks and the page renders every one of them', () => {
    expect(validateBlocks(slack.blocks, 'message')).toEqual([]);
    expect(html.warnings).toEqual([]);
    expect(html.html).not.toContain('sk-unsupported');
  });

  it('Slack: shows every text of the message once, unescaped, with its buttons clickable', () => {
    const shown = visible(html.html);
    for (const text of expectedTexts(msg, 'slack')) expect(shown).toContain(text);
    const buttons = slack.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(html.html.match(/<button [^>]*data-sk-action="1"/g) ?? []).toHaveLength(buttons.length);
    expect(shown).not.toMatch(/&amp;|&lt;|&gt;/);
  });

  it('Teams: the card parses in adaptivecards with no warnings and is valid Adaptive Card 1.5', () => {
    expect(parserWarnings(card)).toEqual([]);
    expect(schemaErrors(card)).toEqual([]);
  });

  it('Teams: shows every text of the message, with markdown turned into formatting', () => {
    const shown = cardTexts(card);
    for (const text of expectedTexts(msg, 'teams')) expect(shown).toContain(text);
    expect(shown).not.toContain('**');
  });
});

describe.each(FORMS)('%s', (_name, form) => {
  const view = renderSlackModal(form);
  const modal = renderModal(view, ctx);

  it('Slack: the stand-in accepts the modal and the page draws one labelled control per input', () => {
    expect(validateView(view, 'modal')).toEqual([]);
    expect(modal.warnings).toEqual([]);
    expect(modal.title).toBe(view.title.text);
    const controls = [...modal.html.matchAll(/<(input|textarea|select) [^>]* id="([^"]+)"/g)].map((m) => m[2]);
    expect(controls).toHaveLength(form.inputs.length);
    for (const id of controls) expect(modal.html).toContain(`<label class="sk-label" for="${id}">`);
    const shown = visible(modal.html);
    for (const input of form.inputs) expect(shown).toContain(input.label);
  });

  it('Teams: the form card, and the same card with errors, parse with no warnings and are valid', () => {
    const card = renderAdaptiveCardForm(form);
    const withErrors = renderAdaptiveCardFormWithErrors(form, { [form.inputs[0].id]: 'This question needs an answer.' }, {});
    for (const c of [card, withErrors]) {
      expect(parserWarnings(c)).toEqual([]);
      expect(schemaErrors(c)).toEqual([]);
    }
    expect(cardTexts(withErrors)).toContain('This question needs an answer.');
  });
});
