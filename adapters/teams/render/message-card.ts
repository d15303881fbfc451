import { renderAdaptiveCardFormWithErrors } from './form-card';
import type { Block, Button, Message } from '../../../src/messages/model';
import { layoutActionGroups } from './actions';
import { cardByteSize, CARD_BYTE_BUDGET, fitCardToSize } from './card-size';
import { ADAPTIVE_CARD_SCHEMA, type AcAction, type AcElement, type AcImage, type AcTextBlock, type AdaptiveCardJson } from './card-types';
import { escapeCardText, MentionCollector, progressBar, richMarkdown, richMarkdownLine } from './text';

function textBlock(text: string, extra: Partial<AcTextBlock> = {}): AcTextBlock {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function oneLine(text: string): string {
  return escapeCardText(text.replace(/\s+/g, ' ').trim());
}

/** One model block -> at most one card element, so a divider can mark "the next element". */
function renderBlock(block: Block, mentions: MentionCollector, actions: AcAction[]): AcElement | undefined {
  switch (block.kind) {
    case 'header': {
      const text = oneLine(block.text);
      return text ? textBlock(text, { size: 'Large', weight: 'Bolder' }) : undefined;
    }
    case 'text': {
      const text = richMarkdown(block.text, mentions);
      return text.trim() ? textBlock(text) : undefined;
    }
    case 'fields':
      if (block.fields.length === 0) return undefined;
      return { type: 'FactSet', facts: block.fields.map((f) => ({ title: oneLine(f.label), value: oneLine(f.value) })) };
    case 'list': {
      const items: AcElement[] = [];
      if (block.title) items.push(textBlock(oneLine(block.title), { weight: 'Bolder' }));
      const lines = block.items.map((item) => `- ${richMarkdownLine(item, mentions)}`);
      if (lines.length > 0) items.push(textBlock(lines.join('\n'), { spacing: 'Small' }));
      if (block.more && block.more > 0) items.push(textBlock(`and ${block.more} more`, { isSubtle: true, spacing: 'Small' }));
      return items.length > 0 ? { type: 'Container', items } : undefined;
    }
    case 'progress': {
      const row: AcElement = {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [textBlock(oneLine(block.label), { weight: 'Bolder' })] },
          {
            type: 'Column',
            width: 'auto',
            verticalContentAlignment: 'Center',
            items: [textBlock(progressBar(block.value, block.max), { fontType: 'Monospace' })],
          },
        ],
      };
      if (!block.note) return row;
      return { type: 'Container', items: [row, textBlock(escapeCardText(block.note), { isSubtle: true, spacing: 'Small' })] };
    }
    case 'image': {
      const image: AcElement = { type: 'Image', url: block.url, altText: block.altText || 'image' };
      if (!block.title) return image;
      return { type: 'Container', items: [image, textBlock(oneLine(block.title), { isSubtle: true, size: 'Small' })] };
    }
    case 'chart': {
      const image: AcElement = { type: 'Image', url: `${CHART_URL_PREFIX}${block.pngBase64}`, altText: block.altText || 'chart' };
      if (!block.title) return image;
      return { type: 'Container', items: [image, textBlock(oneLine(block.title), { isSubtle: true, size: 'Small' })] };
    }
    case 'context': {
      const text = richMarkdown(block.text, mentions);
      return text.trim() ? textBlock(text, { isSubtle: true, size: 'Small' }) : undefined;
    }
    case 'divider':
      return undefined;
    case 'actions':
      return actions.length > 0 ? { type: 'ActionSet', actions } : undefined;
  }
}

/** Neutral message -> Adaptive Card 1.5 for Teams, at most six visible actions, under ~26 KB. */
export function renderAdaptiveCard(msg: Message): AdaptiveCardJson {
  const mentions = new MentionCollector();
  const actionBlocks = msg.blocks.filter((b): b is Extract<Block, { kind: 'actions' }> => b.kind === 'actions');
  const laidOut = layoutActionGroups(actionBlocks.map((b): Button[] => b.buttons));
  const body: AcElement[] = [];
  let separateNext = false;
  let actionIndex = 0;
  for (const block of msg.blocks) {
    if (block.kind === 'divider') {
      separateNext = body.length > 0;
      continue;
    }
    const actions = block.kind === 'actions' ? laidOut[actionIndex++] : [];
    const element = renderBlock(block, mentions, actions);
    if (!element) continue;
    if (separateNext) Object.assign(element, { separator: true, spacing: 'Medium' });
    separateNext = false;
    body.push(element);
  }
  if (msg.form) return withInlineForm(body, mentions, msg);
  const entities = mentions.entities();
  const card: AdaptiveCardJson = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: '1.5',
    fallbackText: msg.summary,
    body,
    ...(entities.length > 0 ? { msteams: { entities } } : {}),
  };
  return fitCardToSize(dropChartsIfOver(card));
}

const CHART_URL_PREFIX = 'data:image/png;base64,';
export const CHART_TOO_LARGE = 'Chart too large for Teams';

function isChart(el: AcElement): el is AcImage {
  return el.type === 'Image' && el.url.startsWith(CHART_URL_PREFIX);
}

/**
 * An embedded chart is the first thing to go when the card would pass the size budget: the
 * words matter more than the picture, and a cut base64 string would break the card.
 */
function dropChartsIfOver(card: AdaptiveCardJson): AdaptiveCardJson {
  if (cardByteSize(card) <= CARD_BYTE_BUDGET) return card;
  const replace = (items: AcElement[]): AcElement[] =>
    items.map((el) => {
      if (isChart(el)) return textBlock(`${CHART_TOO_LARGE}. ${oneLine(el.altText).slice(0, 300)}`, { isSubtle: true });
      if (el.type === 'Container') return { ...el, items: replace(el.items) };
      return el;
    });
  return { ...card, body: replace(card.body) };
}

/** Teams shows a message's form inline: the message's body, then the inputs and the submit. */
function withInlineForm(body: AcElement[], mentions: MentionCollector, msg: Message): AdaptiveCardJson {
  const formCard = renderAdaptiveCardFormWithErrors(msg.form!.form, {}, {}, { withTitle: false, withIntro: false });
  const entities = [...mentions.entities(), ...(formCard.msteams?.entities ?? [])];
  return fitCardToSize({
    ...formCard,
    fallbackText: msg.summary,
    body: [...body, ...(formCard.body ?? [])],
    ...(entities.length > 0 ? { msteams: { entities } } : {}),
  });
}
