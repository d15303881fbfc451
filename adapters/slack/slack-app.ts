import { App, ExpressReceiver, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Application } from 'express';
import type { SlackConfig } from '../../src/config';
import type { InboundWork } from '../../src/inbound-work';
import type { Logger } from '../../src/logger';
import type { Core } from '../../src/services/core';
import type { Reply } from '../../src/services/replies';
import { baseActionId, readSlackViewValues, renderSlackMessage, renderSlackModal } from './render';
import { slackTimestampGuard } from './timestamp-guard';
import { registerSlackDirectMessages } from './slack-dm';
import { applyHomeTabReply, isHomeTabAction, registerSlackAppHome } from './app-home';
import { commandWord, normaliseSlackMentions, slackActor, slackConversation } from './slack-inbound';
import { MissionPulseError } from '../../src/errors';
import type { VaultInstallationStore } from './installation-store';
import type { SlackWorkspaceClients } from './slack-clients';
import { oauthReceiverOptions } from './slack-oauth';
import { registerSlackUninstall } from './slack-uninstall';
import { scrubSlackSecrets } from './log-scrub';
import { slackInboundGuard } from './inbound-guard';

const MAX_SLACK_BODY = '512kb';

/** Slack wants an answer in 3 seconds; past this we ack and finish through response_url. */
const ACK_DEADLINE_MS = 2500;
/** The acknowledgement of a command that will be answered through its response_url. */
export const WORKING_ON_IT = 'Working on it…';

export interface SlackAdapter {
  bolt: App;
  client: WebClient;
}

const line = (parts: unknown[]): string => scrubSlackSecrets(parts.map(String).join(' '));

/** Bolt's logger interface, backed by pino so Slack's lines carry the platform; secrets blanked. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ platform: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => log.debug(line(m)),
    info: (...m: unknown[]) => log.info(line(m)),
    warn: (...m: unknown[]) => log.warn(line(m)),
    error: (...m: unknown[]) => log.error(line(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Mounts Bolt on the shared express app at POST /slack/events (signatures verified by Bolt). */
export function createSlackAdapter(opts: {
  config: SlackConfig;
  core: Core;
  logger: Logger;
  http: Application;
  /** Listeners run after the ack: counted here, so a stop waits for them. */
  inbound: InboundWork;
  /** Many workspaces: installs through OAuth into this store. Absent: the configured bot token. */
  installations?: VaultInstallationStore;
  /** How sends reach each workspace; told when one uninstalls. */
  clients: SlackWorkspaceClients;
  publicUrl?: string;
}): SlackAdapter {
  const { config, core, logger } = opts;
  const oauth =
    config.oauth && opts.installations
      ? oauthReceiverOptions({ oauth: config.oauth, store: opts.installations, apiUrl: config.apiUrl, publicUrl: opts.publicUrl })
      : {};
  if (!config.botToken && !opts.installations)
    throw new MissionPulseError('CONFIG_INVALID', 'Slack needs SLACK_BOT_TOKEN, or OAuth with an installation store');
  opts.http.post('/slack/events', slackTimestampGuard());
  const receiver = new ExpressReceiver({
    // Refuse oversized payloads before any work (Slack's largest, a full modal, is far smaller).
    bodyLimit: MAX_SLACK_BODY,
    signingSecret: config.signingSecret,
    endpoints: '/slack/events',
    app: opts.http,
    logger: boltLogger(logger),
    // Slack redelivers events unanswered in 3 s; acking first keeps retries to real failures.
    processBeforeResponse: false,
    ...oauth,
  });
  const bolt = new App({
    // With OAuth there is no token here: Bolt authorizes each request from the installation store.
    ...(config.botToken ? { token: config.botToken } : {}),
    receiver,
    logger: boltLogger(logger),
    clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl } : {},
  });

  // First in the chain: counts each request's listeners from before the ack of an event to their end.
  bolt.use(async ({ next }) => {
    await opts.inbound.run(next);
  });
  // Then the door: no listener sees user text longer than Slack allows.
  bolt.use(slackInboundGuard(logger));

  for (const slash of ['/mission', '/checkin', '/blocker']) {
    bolt.command(slash, async ({ command, ack, respond, client }) => {
      const { text, mentionNames } = normaliseSlackMentions(command.text ?? '');
      const work = core.onCommand({
        actor: slackActor(command.team_id, command.user_id, command.user_name),
        where: slackConversation(command.team_id, command.channel_id, command.channel_name),
        command: commandWord(command.command),
        text,
        mentionNames,
      });
      const reply = await raceDeadline(work);
      if (reply === 'late') {
        await ack({ response_type: 'ephemeral', text: WORKING_ON_IT });
        const late = await work;
        await applyReplyAfterAck(late, { respond, client, triggerId: command.trigger_id });
        return;
      }
      if (reply.kind === 'private' || reply.kind === 'public') {
        const rendered = renderSlackMessage(reply.message);
        await ack({ response_type: reply.kind === 'public' ? 'in_channel' : 'ephemeral', ...rendered });
        return;
      }
      await ack();
      await applyReplyAfterAck(reply, { respond, client, triggerId: command.trigger_id });
    });
  }

  bolt.action({ type: 'block_actions' }, async ({ ack, body, action, respond, client }) => {
    await ack();
    if (action.type !== 'button' || !('action_id' in action)) return;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const channelId = body.channel?.id ?? body.container?.channel_id ?? '';
    const reply = await core.onAction({
      actor: slackActor(teamId, body.user.id, body.user.name),
      where: slackConversation(teamId, channelId),
      actionId: baseActionId(action.action_id),
      value: action.value ?? '',
      messageId: body.message?.ts ?? body.container?.message_ts,
    });
    if (isHomeTabAction(body)) return applyHomeTabReply(reply, { client, userId: body.user.id, triggerId: body.trigger_id });
    await applyReplyAfterAck(reply, { respond, client, triggerId: body.trigger_id, channelId, messageTs: body.message?.ts });
  });

  bolt.view({ type: 'view_submission' }, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const reply = await core.onFormSubmit({
      actor: slackActor(teamId, body.user.id, body.user.name),
      formId: view.callback_id,
      state: view.private_metadata,
      values: readSlackViewValues(view.state.values),
    });
    if (reply.kind === 'form-errors') {
      await ack({ response_action: 'errors', errors: reply.errors });
      return;
    }
    await ack();
    if (reply.kind === 'form-done' && reply.message) {
      const dm = await client.conversations.open({ users: body.user.id });
      if (dm.channel?.id) await client.chat.postMessage({ channel: dm.channel.id, ...renderSlackMessage(reply.message) });
    }
  });

  registerSlackDirectMessages(bolt, core, logger);
  registerSlackAppHome(bolt, core, logger);
  registerSlackUninstall(bolt, { store: opts.installations, clients: opts.clients, logger });

  bolt.error(async (error) => {
    logger.error({ platform: 'slack', err: error }, 'slack handler failed');
  });

  return { bolt, client: bolt.client };
}

async function raceDeadline(work: Promise<Reply>): Promise<Reply | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ACK_DEADLINE_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Respond = (msg: {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  text: string;
  blocks?: unknown[];
}) => Promise<unknown>;

async function applyReplyAfterAck(
  reply: Reply,
  via: { respond: Respond; client: WebClient; triggerId?: string; channelId?: string; messageTs?: string },
): Promise<void> {
  switch (reply.kind) {
    case 'private':
      await via.respond({ response_type: 'ephemeral', replace_original: false, ...renderSlackMessage(reply.message) });
      return;
    case 'public':
      await via.respond({ response_type: 'in_channel', replace_original: false, ...renderSlackMessage(reply.message) });
      return;
    case 'update':
      if (via.channelId && via.messageTs) {
        await via.client.chat.update({ channel: via.channelId, ts: via.messageTs, ...renderSlackMessage(reply.message) });
      } else {
        await via.respond({ replace_original: true, ...renderSlackMessage(reply.message) });
      }
      return;
    case 'form':
      if (via.triggerId) await via.client.views.open({ trigger_id: via.triggerId, view: renderSlackModal(reply.form) });
      return;
    default:
      return;
  }
}
