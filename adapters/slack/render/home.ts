import type { ContextBlock, HomeView, KnownBlock } from '@slack/types';
import type { Message } from '../../../src/messages/model';
import { SLACK_LIMITS as L } from './limits';
import { renderSlackBlocks } from './message';
import { cutMrkdwn } from './text';

function capHomeBlocks(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= L.homeBlocks) return blocks;
  const kept = blocks.slice(0, L.homeBlocks - 1);
  const more: ContextBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: cutMrkdwn(`and ${blocks.length - kept.length} more sections`, L.contextText) }],
  };
  return [...kept, more];
}

/**
 * Neutral message -> the App Home tab view for `views.publish`: the same blocks as a message,
 * at most 100 of them. A Home tab cannot hold a form, so a message's form shows its open button.
 */
export function renderSlackHome(msg: Message): HomeView {
  const source = msg.form ? [...msg.blocks, { kind: 'actions' as const, buttons: [msg.form.openButton] }] : msg.blocks;
  return { type: 'home', blocks: capHomeBlocks(renderSlackBlocks(source)) };
}
