import { SlackApiError } from './errors';
import { readMessageContent } from './message-content';
import type { SlackState } from './state';
import type { ResponseUrlOptions } from './types';

/** Slack lets an app use a response_url five times within 30 minutes. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export interface ResponseUrlRecord extends ResponseUrlOptions {
  teamId: string;
  uses: number;
  createdAt: number;
}

export interface ResponseUrlOutcome {
  status: number;
  body: Record<string, unknown>;
}

/** Applies one POST to a response_url: ephemeral / in_channel reply, replace_original or delete_original. */
export function applyResponseUrl(state: SlackState, record: ResponseUrlRecord, body: Record<string, unknown>): ResponseUrlOutcome {
  if (record.uses >= RESPONSE_URL_MAX_USES || Date.now() - record.createdAt > RESPONSE_URL_TTL_MS) {
    return { status: 404, body: { ok: false, error: 'expired_url' } };
  }
  record.uses += 1;
  const ws = state.workspace(record.teamId);
  const botUserId = ws?.botUserId ?? 'UBOT';
  const botId = ws?.botId ?? 'BBOT';
  const truthy = (v: unknown): boolean => v === true || v === 'true';
  try {
    if (truthy(body.delete_original)) {
      if (!record.messageTs) throw new SlackApiError('no_original_message');
      if (record.ephemeral) {
        const eph = state.ephemerals.find((e) => e.ts === record.messageTs);
        if (eph) eph.replaced = true;
      } else {
        const message = state.findMessage(record.channelId, record.messageTs);
        if (!message) throw new SlackApiError('message_not_found');
        message.deleted = true;
      }
      return { status: 200, body: { ok: true } };
    }
    const content = readMessageContent(body, { requireContent: true });
    if (truthy(body.replace_original) && record.messageTs) {
      if (!record.ephemeral) {
        const message = state.findMessage(record.channelId, record.messageTs);
        if (!message) throw new SlackApiError('message_not_found');
        message.text = content.text ?? '';
        message.blocks = content.blocks;
        message.updates += 1;
        return { status: 200, body: { ok: true } };
      }
      const previous = state.ephemerals.find((e) => e.ts === record.messageTs);
      if (previous) previous.replaced = true;
    }
    const ts = state.nextTs();
    if (body.response_type === 'in_channel') {
      state.channelMessages(record.channelId).push({
        channel: record.channelId,
        teamId: record.teamId,
        ts,
        ...content,
        user: botUserId,
        botId,
        updates: 0,
        deleted: false,
        via: 'response_url',
      });
    } else {
      state.ephemerals.push({
        channel: record.channelId,
        user: record.userId,
        teamId: record.teamId,
        ts,
        text: content.text,
        blocks: content.blocks,
        via: 'response_url',
        replaced: false,
      });
      // Later replace_original on this URL acts on the newest ephemeral it produced.
      if (record.ephemeral || !record.messageTs) {
        record.messageTs = ts;
        record.ephemeral = true;
      }
    }
    return { status: 200, body: { ok: true } };
  } catch (err) {
    if (err instanceof SlackApiError) return { status: 400, body: { ok: false, error: err.error, ...err.extra } };
    throw err;
  }
}
