import { renderAdaptiveCardFormWithErrors } from './form-card';
import type { Block, Button, Message } from '../../../src/messages/model';
import { layoutActionGroups } from './actions';
import { fitCardToSize } from './card-size';
import { ADAPTIVE_CARD_SCHEMA, type AcAction, type AcElement, type AcTextBlock, type AdaptiveCardJson } from './card-types';
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
  return fitCardToSize(card);
}

/** Teams shows a message's form inline: the message's body, then the inputs and the submit. */
function withInlineForm(body: AcElement[], mentions: MentionCollector, msg: Message): AdaptiveCardJson {
  const formCard = renderAdaptiveCardFormWithErrors(msg.form!.form, {}, {}, { withTitle: false });
  const entities = [...mentions.entities(), ...(formCard.msteams?.entities ?? [])];
  return fitCardToSize({
    ...formCard,
    fallbackText: msg.summary,
    body: [...body, ...(formCard.body ?? [])],
    ...(entities.length > 0 ? { msteams: { entities } } : {}),
  });
}
