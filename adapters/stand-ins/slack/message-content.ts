import { SLACK_LIMITS, validateBlocks } from './block-limits';
import { blockErrors, SlackApiError } from './errors';
import { optJson, optString, type SlackParams } from './params';

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** Reads text / blocks / attachments and applies Slack's message rules (no_text, msg_too_long, invalid_blocks). */
export function readMessageContent(params: SlackParams, opts: { requireContent: boolean }): MessageContent {
  const text = optString(params, 'text');
  const blocks = optJson(params, 'blocks', 'invalid_blocks_format');
  const attachments = optJson(params, 'attachments', 'invalid_attachments');
  if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  if (attachments !== undefined && !Array.isArray(attachments)) throw new SlackApiError('invalid_attachments');
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (opts.requireContent && !text && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  if (text && text.length > SLACK_LIMITS.messageText) throw new SlackApiError('msg_too_long');
  if (Array.isArray(blocks)) {
    const errors = validateBlocks(blocks, 'message');
    if (errors.length > 0) throw blockErrors('invalid_blocks', errors);
  }
  return {
    ...(text !== undefined ? { text } : {}),
    ...(Array.isArray(blocks) ? { blocks } : {}),
    ...(Array.isArray(attachments) ? { attachments } : {}),
  };
}
