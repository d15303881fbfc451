import { SlackApiError } from './errors';
import type { MethodContext, MethodHandler, MethodResult } from './method-context';
import { readMessageContent } from './message-content';
import { optJson, optString, reqString } from './params';
import type { SlackMessage } from './types';

const CHANNEL_ID = /^[CDGUW][A-Z0-9]+$/;

function targetChannel(ctx: MethodContext): string {
  const raw = optString(ctx.params, 'channel');
  if (!raw || !CHANNEL_ID.test(raw)) throw new SlackApiError('channel_not_found');
  const channel = ctx.state.resolveChannel(ctx.ws.teamId, raw);
  const flags = ctx.state.channels.get(channel);
  if (flags?.archived) throw new SlackApiError('is_archived');
  if (flags?.botIsMember === false) throw new SlackApiError('not_in_channel');
  return channel;
}

export function messageView(m: SlackMessage): MethodResult {
  return {
    type: 'message',
    user: m.user,
    bot_id: m.botId,
    ts: m.ts,
    team: m.teamId,
    ...(m.text !== undefined ? { text: m.text } : { text: '' }),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.files ? { files: m.files.map((id) => ({ id })) } : {}),
    ...(m.updates > 0 ? { edited: { user: m.user, ts: m.ts } } : {}),
  };
}

const postMessage: MethodHandler = (ctx) => {
  const channel = targetChannel(ctx);
  const content = readMessageContent(ctx.params, { requireContent: true });
  const threadTs = optString(ctx.params, 'thread_ts');
  const metadata = optJson(ctx.params, 'metadata', 'invalid_metadata_format');
  const message: SlackMessage = {
    channel,
    teamId: ctx.ws.teamId,
    ts: ctx.state.nextTs(),
    ...content,
    ...(threadTs ? { threadTs } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
    user: ctx.ws.botUserId,
    botId: ctx.ws.botId,
    updates: 0,
    deleted: false,
    via: 'api',
  };
  ctx.state.channelMessages(channel).push(message);
  return { ok: true, channel, ts: message.ts, message: messageView(message) };
};

const postEphemeral: MethodHandler = (ctx) => {
  const channel = targetChannel(ctx);
  const user = reqString(ctx.params, 'user', 'user_not_found');
  const content = readMessageContent(ctx.params, { requireContent: true });
  const threadTs = optString(ctx.params, 'thread_ts');
  const ts = ctx.state.nextTs();
  ctx.state.ephemerals.push({
    channel,
    user,
    teamId: ctx.ws.teamId,
    ts,
    text: content.text,
    blocks: content.blocks,
    ...(threadTs ? { threadTs } : {}),
    via: 'api',
    replaced: false,
  });
  return { ok: true, message_ts: ts };
};

const update: MethodHandler = (ctx) => {
  const channel = reqString(ctx.params, 'channel', 'channel_not_found');
  const ts = reqString(ctx.params, 'ts', 'message_not_found');
  const message = ctx.state.findMessage(channel, ts);
  if (!message) throw new SlackApiError('message_not_found');
  if (message.user !== ctx.ws.botUserId) throw new SlackApiError('cant_update_message');
  const content = readMessageContent(ctx.params, { requireContent: false });
  // chat.update keeps the previous text / blocks when a field is left out.
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) message.blocks = content.blocks;
  if (content.attachments !== undefined) message.attachments = content.attachments;
  if (!message.text && !message.blocks?.length && !message.attachments?.length) throw new SlackApiError('no_text');
  message.updates += 1;
  return { ok: true, channel, ts, text: message.text ?? '', message: messageView(message) };
};

const remove: MethodHandler = (ctx) => {
  const channel = reqString(ctx.params, 'channel', 'channel_not_found');
  const ts = reqString(ctx.params, 'ts', 'message_not_found');
  const message = ctx.state.findMessage(channel, ts);
  if (!message) throw new SlackApiError('message_not_found');
  if (message.user !== ctx.ws.botUserId) throw new SlackApiError('cant_delete_message');
  message.deleted = true;
  return { ok: true, channel, ts };
};

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
};
