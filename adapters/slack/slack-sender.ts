import { webApi } from '@slack/bolt';
import type { ConversationRef, UserRef } from '../../src/domain/identity';
import type { Logger } from '../../src/logger';
import type { Message } from '../../src/messages/model';
import { SendError, type PlatformSender, type SendResult } from '../../src/outbox/platform-sender';
import { renderSlackMessage } from './render';
import { boltLogger } from './slack-app';
import { toSlackSendError, type SlackCallSite } from './slack-send-errors';

/** A send that has not answered by then is abandoned and retried by the outbox. */
export const DEFAULT_SLACK_SEND_TIMEOUT_MS = 10_000;

/**
 * The WebClient for outbox sends. It neither retries nor waits out a 429 itself: the outbox
 * owns retries, backoff and Retry-After, and must hear about every failure at once.
 */
export function createSlackSendClient(opts: { botToken: string; apiUrl?: string; logger: Logger; timeoutMs?: number }): webApi.WebClient {
  return new webApi.WebClient(opts.botToken, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    logger: boltLogger(opts.logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: opts.timeoutMs ?? DEFAULT_SLACK_SEND_TIMEOUT_MS,
  });
}

async function call<T>(site: SlackCallSite, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toSlackSendError(e, site);
  }
}

/** Renders outside the API call so a refused message is reported as permanent, not retried. */
function render(message: Message, method: string): ReturnType<typeof renderSlackMessage> {
  try {
    return renderSlackMessage(message);
  } catch (e) {
    throw toSlackSendError(e, { method });
  }
}

/** The outbox's Slack sender: chat.postMessage, chat.update and conversations.open. */
export function createSlackSender(opts: { client: webApi.WebClient }): PlatformSender {
  const { client } = opts;
  return {
    platform: 'slack',

    async send(target: ConversationRef, message: Message): Promise<SendResult> {
      const site = { method: 'chat.postMessage', target };
      const rendered = render(message, site.method);
      const res = await call(site, () => client.chat.postMessage({ channel: target.conversationId, ...rendered }));
      // Slack answers with the channel it used: a user id as `channel` resolves to their DM.
      return { messageId: res.ts ?? '', conversationId: res.channel ?? target.conversationId };
    },

    async update(target: ConversationRef, messageId: string, message: Message): Promise<void> {
      const site = { method: 'chat.update', target };
      const rendered = render(message, site.method);
      await call(site, () => client.chat.update({ channel: target.conversationId, ts: messageId, ...rendered }));
    },

    async openDm(user: UserRef): Promise<ConversationRef> {
      const res = await call({ method: 'conversations.open' }, () => client.conversations.open({ users: user.userId }));
      const id = res.channel?.id;
      if (!id) throw new SendError('permanent', 'Slack conversations.open returned no channel');
      return { platform: 'slack', workspaceId: user.workspaceId, conversationId: id, kind: 'dm' };
    },
  };
}
