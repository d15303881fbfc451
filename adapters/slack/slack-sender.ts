import { webApi } from '@slack/bolt';
import type { ConversationRef, UserRef } from '../../src/domain/identity';
import type { Logger } from '../../src/logger';
import type { Message } from '../../src/messages/model';
import { SendError, type OutgoingFile, type PlatformSender, type SendResult } from '../../src/outbox/platform-sender';
import { renderSlackMessage } from './render';
import { cutPlain, escapeMrkdwn } from './render/text';
import { boltLogger } from './slack-app';
import { singleWorkspaceClients, type SlackWorkspaceClients } from './slack-clients';
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

type ChartBlock = Extract<Message['blocks'][number], { kind: 'chart' }>;

/**
 * Charts go into the thread of the message just posted (an image block needs a public URL).
 * Best effort: the message is already delivered, so a failed upload is logged, never thrown,
 * or the outbox would post the whole message again.
 */
async function uploadCharts(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  charts: ChartBlock[],
  logger?: Logger,
): Promise<void> {
  for (const [i, chart] of charts.entries()) {
    try {
      await client.filesUploadV2({
        channel_id: channel,
        thread_ts: threadTs,
        file: Buffer.from(chart.pngBase64, 'base64'),
        filename: charts.length > 1 ? `chart-${i + 1}.png` : 'chart.png',
        alt_text: chart.altText.slice(0, 1000),
        title: chart.title ?? 'Chart',
      });
    } catch (e) {
      logger?.warn({ err: e, platform: 'slack', channel }, 'chart upload failed; the message was sent without it');
    }
  }
}

export type SlackSenderOptions =
  /** One workspace: the client made with the configured bot token. */
  | { client: webApi.WebClient; logger?: Logger }
  /** Many workspaces (OAuth): a client per installed workspace. */
  | { clients: SlackWorkspaceClients; logger?: Logger };

/** The outbox's Slack sender: chat.postMessage, chat.update and conversations.open; charts by files.uploadV2. */
export function createSlackSender(opts: SlackSenderOptions): PlatformSender {
  const { logger } = opts;
  const clients = 'clients' in opts ? opts.clients : singleWorkspaceClients(opts.client);
  // Each call uses the token of the target's workspace (one token, or the one installed there).
  const clientFor = (ref: { workspaceId: string }): Promise<webApi.WebClient> => clients.forWorkspace(ref.workspaceId);
  return {
    platform: 'slack',

    async send(target: ConversationRef, message: Message): Promise<SendResult> {
      const site = { method: 'chat.postMessage', target };
      const rendered = render(message, site.method);
      const client = await clientFor(target);
      const res = await call(site, () => client.chat.postMessage({ channel: target.conversationId, ...rendered }));
      const charts = message.blocks.filter((b): b is ChartBlock => b.kind === 'chart');
      if (charts.length > 0 && res.ts) await uploadCharts(client, res.channel ?? target.conversationId, res.ts, charts, logger);
      // Slack answers with the channel it used: a user id as `channel` resolves to their DM.
      return { messageId: res.ts ?? '', conversationId: res.channel ?? target.conversationId };
    },

    async update(target: ConversationRef, messageId: string, message: Message): Promise<void> {
      const site = { method: 'chat.update', target };
      const rendered = render(message, site.method);
      const client = await clientFor(target);
      await call(site, () => client.chat.update({ channel: target.conversationId, ts: messageId, ...rendered }));
    },

    // chat.postMessage takes a user id as channel and posts to the bot's DM with them, so
    // prompts need no conversations.open (Tier 3: 50 a minute per workspace).
    directTarget(user: UserRef): ConversationRef {
      return { platform: 'slack', workspaceId: user.workspaceId, conversationId: user.userId, kind: 'dm' };
    },

    async openDm(user: UserRef): Promise<ConversationRef> {
      const client = await clientFor(user);
      const res = await call({ method: 'conversations.open' }, () => client.conversations.open({ users: user.userId }));
      const id = res.channel?.id;
      if (!id) throw new SendError('permanent', 'Slack conversations.open returned no channel');
      return { platform: 'slack', workspaceId: user.workspaceId, conversationId: id, kind: 'dm' };
    },

    /** A file posted into the conversation (exports); the comment is plain text, escaped. */
    async sendFile(target: ConversationRef, file: OutgoingFile): Promise<SendResult> {
      const client = await clientFor(target);
      const res = await call({ method: 'files.uploadV2', target }, () =>
        client.filesUploadV2({
          channel_id: target.conversationId,
          file: file.bytes,
          filename: file.filename,
          title: cutPlain(file.title, 250),
          ...(file.comment ? { initial_comment: escapeMrkdwn(file.comment) } : {}),
        }),
      );
      const uploaded = res.files.flatMap((f) => f.files ?? [])[0];
      return { messageId: uploaded?.id ?? '', conversationId: target.conversationId };
    },
  };
}
