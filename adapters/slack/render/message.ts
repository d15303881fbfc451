import type { ActionsBlock, Button as SlackButton, ContextBlock, KnownBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import type { Block, Button, Field, Message, RichText } from '../../../src/messages/model';
import { uniqueActionIds } from './action-ids';
import { SlackRenderError } from './errors';
import { SLACK_LIMITS as L } from './limits';
import { cutMrkdwn, cutPlain, escapeMrkdwn, progressBar, richMrkdwn } from './text';

/*
 * verbatim: Slack then never auto-parses member text into channel links or mentions; the
 * explicit `<@U…>` a `{user}` produces still works.
 */
function mrkdwn(text: string, max: number): MrkdwnElement {
  return { type: 'mrkdwn', text: cutMrkdwn(text, max), verbatim: true };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text, L.sectionText) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function boldLine(text: string): string {
  return richMrkdwn([{ bold: text }]);
}

function fieldsBlocks(fields: Field[]): SectionBlock[] {
  return chunk(fields, L.fieldsPerSection).map((group) => ({
    type: 'section',
    fields: group.map((f) => mrkdwn(`${boldLine(f.label)}\n${escapeMrkdwn(f.value)}`, L.fieldText)),
  }));
}

/** Pack lines into as few sections as fit 3,000 characters each. */
function packLines(lines: string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = cutMrkdwn(raw, L.sectionText);
    if (current && current.length + 1 + line.length > L.sectionText) {
      sections.push(section(current));
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) sections.push(section(current));
  return sections;
}

function listBlocks(title: string | undefined, items: RichText[], more: number | undefined): SectionBlock[] {
  const lines = items.map((item) => `• ${richMrkdwn(item)}`);
  if (title) lines.unshift(boldLine(title));
  if (more && more > 0) lines.push(`_and ${more} more_`);
  return packLines(lines);
}

function slackButton(b: Button, actionId: string): SlackButton {
  if (actionId.length > L.actionId) throw new SlackRenderError('ID_TOO_LONG', `action id longer than ${L.actionId}`);
  if (b.value.length > L.buttonValue) {
    throw new SlackRenderError('VALUE_TOO_LONG', `button value for ${b.actionId} longer than ${L.buttonValue}`);
  }
  return {
    type: 'button',
    text: { type: 'plain_text', text: cutPlain(b.label || b.actionId, L.buttonText), emoji: true },
    action_id: actionId,
    value: b.value,
    ...(b.style ? { style: b.style } : {}),
  };
}

function actionsBlocks(buttons: Button[]): ActionsBlock[] {
  return chunk(buttons, L.buttonsPerActions).map((group) => {
    const ids = uniqueActionIds(group.map((b) => b.actionId));
    return { type: 'actions', elements: group.map((b, i) => slackButton(b, ids[i])) };
  });
}

function contextBlock(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(text, L.contextText)] };
}

function renderBlock(block: Block): KnownBlock[] {
  switch (block.kind) {
    case 'header': {
      const text = cutPlain(block.text.trim(), L.headerText);
      return text ? [{ type: 'header', text: { type: 'plain_text', text, emoji: true } }] : [];
    }
    case 'text': {
      const text = richMrkdwn(block.text);
      return text.trim() ? [section(text)] : [];
    }
    case 'fields':
      return fieldsBlocks(block.fields);
    case 'list':
      return listBlocks(block.title, block.items, block.more);
    case 'progress': {
      const lines = [boldLine(block.label), progressBar(block.value, block.max)];
      if (block.note) lines.push(escapeMrkdwn(block.note));
      return [section(lines.join('\n'))];
    }
    case 'image': {
      if (block.url.length > L.imageUrl) throw new SlackRenderError('URL_TOO_LONG', `image url longer than ${L.imageUrl}`);
      return [
        {
          type: 'image',
          image_url: block.url,
          alt_text: cutPlain(block.altText || 'image', L.imageAltText),
          ...(block.title ? { title: { type: 'plain_text', text: cutPlain(block.title, L.imageTitle) } } : {}),
        },
      ];
    }
    case 'chart':
      // No public URL for an image block: slack-sender uploads the PNG into the message's thread.
      return [];
    case 'context': {
      const text = richMrkdwn(block.text);
      return text.trim() ? [contextBlock(text)] : [];
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions':
      return actionsBlocks(block.buttons);
  }
}

/** Neutral blocks -> Block Kit blocks, each within its limits; the caller caps their number. */
export function renderSlackBlocks(blocks: Block[]): KnownBlock[] {
  return blocks.flatMap(renderBlock);
}

/** Past 50 blocks, keep 49 and say how many were left out. */
function capBlocks(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= L.messageBlocks) return blocks;
  const kept = blocks.slice(0, L.messageBlocks - 1);
  return [...kept, contextBlock(`and ${blocks.length - kept.length} more sections`)];
}

/** Neutral message -> Block Kit, within every Block Kit limit. */
export function renderSlackMessage(msg: Message): { text: string; blocks: KnownBlock[] } {
  // Slack cannot show inputs in a message: the form opens in a modal from this button.
  const source: Block[] = msg.form ? [...msg.blocks, { kind: 'actions', buttons: [msg.form.openButton] }] : msg.blocks;
  const blocks = capBlocks(source.flatMap(renderBlock));
  const summary = msg.summary.trim() || 'Mission Pulse';
  return { text: cutMrkdwn(escapeMrkdwn(summary), L.messageText), blocks };
}
