import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Builders for what Slack sends to the app's Request URL. Defaults describe one workspace and one
 * user; pass `standIn` to get response_urls and trigger_ids the Slack stand-in understands.
 */
export interface SlackActor {
  teamId?: string;
  teamDomain?: string;
  enterpriseId?: string;
  apiAppId?: string;
  userId?: string;
  userName?: string;
  /** Deprecated verification token Slack still sends; Bolt ignores it when signing is on. */
  verificationToken?: string;
}

/** The parts of a Slack stand-in the builders use (kept structural so builders work without one). */
export interface PayloadStandIn {
  responseUrl(opts: { channelId: string; userId: string; teamId?: string; messageTs?: string; ephemeral?: boolean }): string;
  triggerIdFor(userId: string, teamId?: string): string;
  dmChannelFor(userId: string, teamId?: string): string;
  readonly botUserId: string;
}

const DEFAULTS = {
  teamId: 'T0MISSION',
  teamDomain: 'missionpulse-test',
  apiAppId: 'A0MISSIONPULSE',
  userId: 'U0ADA',
  userName: 'ada',
  verificationToken: 'stand-in-verification-token',
} as const;

const actor = (a: SlackActor) => ({
  teamId: a.teamId ?? DEFAULTS.teamId,
  teamDomain: a.teamDomain ?? DEFAULTS.teamDomain,
  apiAppId: a.apiAppId ?? DEFAULTS.apiAppId,
  userId: a.userId ?? DEFAULTS.userId,
  userName: a.userName ?? DEFAULTS.userName,
  token: a.verificationToken ?? DEFAULTS.verificationToken,
  enterpriseId: a.enterpriseId,
});

const nowTs = (): string => {
  const ms = Date.now();
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0')}`;
};

/** A trigger_id in Slack's shape, for when no stand-in issues one. */
export const fakeTriggerId = (): string =>
  `${Date.now()}${Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 1e10)}.${randomBytes(16).toString('hex')}`;

const fakeResponseUrl = (teamId: string): string =>
  `https://hooks.slack.com/actions/${teamId}/${Math.floor(Math.random() * 1e12)}/${randomBytes(12).toString('hex')}`;

// ---------- slash command ----------

export interface SlashCommandInput extends SlackActor {
  command: string;
  text?: string;
  channelId?: string;
  channelName?: string;
  responseUrl?: string;
  triggerId?: string;
  standIn?: PayloadStandIn;
}

/** Form fields of a slash command POST (application/x-www-form-urlencoded). */
export type SlashCommandPayload = Record<string, string>;

export function slashCommand(input: SlashCommandInput): SlashCommandPayload {
  const a = actor(input);
  const channelId = input.channelId ?? 'C0MISSIONS';
  const fields: SlashCommandPayload = {
    token: a.token,
    team_id: a.teamId,
    team_domain: a.teamDomain,
    channel_id: channelId,
    channel_name: input.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'mission-team'),
    user_id: a.userId,
    user_name: a.userName,
    command: input.command,
    text: input.text ?? '',
    api_app_id: a.apiAppId,
    is_enterprise_install: 'false',
    response_url:
      input.responseUrl ?? input.standIn?.responseUrl({ channelId, userId: a.userId, teamId: a.teamId }) ?? fakeResponseUrl(a.teamId),
    trigger_id: input.triggerId ?? input.standIn?.triggerIdFor(a.userId, a.teamId) ?? fakeTriggerId(),
  };
  if (a.enterpriseId) {
    fields.enterprise_id = a.enterpriseId;
    fields.enterprise_name = 'Stand-in Enterprise';
  }
  return fields;
}

// ---------- block_actions ----------

export interface BlockActionInput extends SlackActor {
  actionId: string;
  blockId: string;
  value?: string;
  buttonText?: string;
  /** Where the button was: a message in a channel / DM, or an open view. */
  source:
    | {
        kind: 'message';
        channelId: string;
        messageTs: string;
        text?: string;
        blocks?: unknown[];
        ephemeral?: boolean;
        channelName?: string;
      }
    | {
        kind: 'view';
        view: { id: string; callbackId?: string; privateMetadata?: string; hash?: string; type?: 'modal' | 'home'; blocks?: unknown[] };
      };
  responseUrl?: string;
  triggerId?: string;
  standIn?: PayloadStandIn;
}

export type BlockActionsPayload = Record<string, unknown> & { type: 'block_actions' };

export function blockActions(input: BlockActionInput): BlockActionsPayload {
  const a = actor(input);
  const actionTs = nowTs();
  const base: BlockActionsPayload = {
    type: 'block_actions',
    user: { id: a.userId, username: a.userName, name: a.userName, team_id: a.teamId },
    api_app_id: a.apiAppId,
    token: a.token,
    trigger_id: input.triggerId ?? input.standIn?.triggerIdFor(a.userId, a.teamId) ?? fakeTriggerId(),
    team: { id: a.teamId, domain: a.teamDomain, ...(a.enterpriseId ? { enterprise_id: a.enterpriseId } : {}) },
    enterprise: a.enterpriseId ? { id: a.enterpriseId, name: 'Stand-in Enterprise' } : null,
    is_enterprise_install: false,
    state: { values: {} },
    actions: [
      {
        action_id: input.actionId,
        block_id: input.blockId,
        text: { type: 'plain_text', text: input.buttonText ?? 'Button', emoji: true },
        ...(input.value !== undefined ? { value: input.value } : {}),
        type: 'button',
        action_ts: actionTs,
      },
    ],
  };
  const src = input.source;
  if (src.kind === 'view') {
    return {
      ...base,
      container: { type: 'view', view_id: src.view.id },
      view: {
        id: src.view.id,
        team_id: a.teamId,
        type: src.view.type ?? 'modal',
        callback_id: src.view.callbackId ?? '',
        private_metadata: src.view.privateMetadata ?? '',
        hash: src.view.hash ?? `${Math.floor(Date.now() / 1000)}.abcdef`,
        blocks: src.view.blocks ?? [],
        state: { values: {} },
        app_id: a.apiAppId,
      },
    };
  }
  const responseUrl =
    input.responseUrl ??
    input.standIn?.responseUrl({
      channelId: src.channelId,
      userId: a.userId,
      teamId: a.teamId,
      messageTs: src.messageTs,
      ephemeral: src.ephemeral ?? false,
    }) ??
    fakeResponseUrl(a.teamId);
  return {
    ...base,
    container: { type: 'message', message_ts: src.messageTs, channel_id: src.channelId, is_ephemeral: src.ephemeral ?? false },
    channel: { id: src.channelId, name: src.channelName ?? (src.channelId.startsWith('D') ? 'directmessage' : 'mission-team') },
    ...(src.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: input.standIn?.botUserId ?? 'UBMISSIONPULSE',
            ts: src.messageTs,
            bot_id: 'BMISSIONPULSE',
            app_id: a.apiAppId,
            text: src.text ?? '',
            team: a.teamId,
            blocks: src.blocks ?? [],
          },
        }),
    response_url: responseUrl,
  };
}

// ---------- view_submission ----------

/** One input's state as Slack reports it in view.state.values[block_id][action_id]. */
export type SlackStateValue =
  | { type: 'plain_text_input' | 'number_input' | 'email_text_input' | 'url_text_input'; value: string | null }
  | {
      type: 'static_select' | 'radio_buttons' | 'external_select';
      selected_option: { text: { type: 'plain_text'; text: string; emoji?: boolean }; value: string } | null;
    }
  | {
      type: 'checkboxes' | 'multi_static_select';
      selected_options: Array<{ text: { type: 'plain_text' | 'mrkdwn'; text: string }; value: string }>;
    }
  | { type: 'datepicker'; selected_date: string | null }
  | { type: 'timepicker'; selected_time: string | null }
  | { type: 'users_select'; selected_user: string | null }
  | { type: 'multi_users_select'; selected_users: string[] }
  | { type: 'conversations_select'; selected_conversation: string | null }
  | { type: 'channels_select'; selected_channel: string | null };

export interface ViewSubmissionInput extends SlackActor {
  view: {
    id: string;
    callbackId: string;
    privateMetadata?: string;
    hash?: string;
    title?: string;
    blocks?: unknown[];
    rootViewId?: string;
    previousViewId?: string | null;
  };
  values: Record<string, Record<string, SlackStateValue>>;
  triggerId?: string;
  standIn?: PayloadStandIn;
}

export type ViewSubmissionPayload = Record<string, unknown> & { type: 'view_submission' };

export function viewSubmission(input: ViewSubmissionInput): ViewSubmissionPayload {
  const a = actor(input);
  const v = input.view;
  return {
    type: 'view_submission',
    team: { id: a.teamId, domain: a.teamDomain, ...(a.enterpriseId ? { enterprise_id: a.enterpriseId } : {}) },
    user: { id: a.userId, username: a.userName, name: a.userName, team_id: a.teamId },
    api_app_id: a.apiAppId,
    token: a.token,
    trigger_id: input.triggerId ?? input.standIn?.triggerIdFor(a.userId, a.teamId) ?? fakeTriggerId(),
    view: {
      id: v.id,
      team_id: a.teamId,
      type: 'modal',
      blocks: v.blocks ?? [],
      private_metadata: v.privateMetadata ?? '',
      callback_id: v.callbackId,
      state: { values: input.values },
      hash: v.hash ?? `${Math.floor(Date.now() / 1000)}.abcdef12`,
      title: { type: 'plain_text', text: v.title ?? 'Check-in', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: v.previousViewId ?? null,
      root_view_id: v.rootViewId ?? v.id,
      app_id: a.apiAppId,
      external_id: '',
      app_installed_team_id: a.teamId,
      bot_id: 'BMISSIONPULSE',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: a.enterpriseId ? { id: a.enterpriseId, name: 'Stand-in Enterprise' } : null,
  };
}

/** Convenience: a view_submission for a view the stand-in recorded as open (see SlackStandIn.openViews). */
export function viewSubmissionFor(
  view: {
    id: string;
    callbackId: string;
    privateMetadata: string;
    hash: string;
    blocks: unknown[];
    rootViewId: string;
    previousViewId: string | null;
  },
  values: ViewSubmissionInput['values'],
  who: SlackActor = {},
): ViewSubmissionPayload {
  return viewSubmission({ ...who, view: { ...view }, values });
}

// ---------- events ----------

export type SlackEventKind = 'message.im' | 'app_home_opened' | 'app_uninstalled' | 'tokens_revoked' | 'app_mention';

export interface EventInput extends SlackActor {
  /** message.im / app_mention text; for app_mention the "<@bot>" prefix is added unless present. */
  text?: string;
  channelId?: string;
  threadTs?: string;
  botUserId?: string;
  /** tokens_revoked lists */
  revokedBotUserIds?: string[];
  revokedOauthUserIds?: string[];
  tab?: 'home' | 'messages';
  eventId?: string;
  eventTime?: number;
  standIn?: PayloadStandIn;
}

export type EventCallbackPayload = Record<string, unknown> & { type: 'event_callback'; event: Record<string, unknown> };

function richText(text: string): unknown[] {
  return [
    {
      type: 'rich_text',
      block_id: randomBytes(3).toString('hex'),
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

export function eventCallback(kind: SlackEventKind, input: EventInput = {}): EventCallbackPayload {
  const a = actor(input);
  const ts = nowTs();
  const botUserId = input.botUserId ?? input.standIn?.botUserId ?? 'UBMISSIONPULSE';
  const dm = input.channelId ?? input.standIn?.dmChannelFor(a.userId, a.teamId) ?? `D${a.userId.slice(1)}`;
  let event: Record<string, unknown>;
  switch (kind) {
    case 'message.im':
      event = {
        type: 'message',
        channel: dm,
        user: a.userId,
        text: input.text ?? '',
        ts,
        event_ts: ts,
        channel_type: 'im',
        team: a.teamId,
        client_msg_id: randomUUID(),
        blocks: richText(input.text ?? ''),
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      };
      break;
    case 'app_mention': {
      const raw = input.text ?? '';
      const text = raw.includes(`<@${botUserId}>`) ? raw : `<@${botUserId}> ${raw}`.trim();
      event = {
        type: 'app_mention',
        user: a.userId,
        text,
        ts,
        channel: input.channelId ?? 'C0MISSIONS',
        event_ts: ts,
        team: a.teamId,
        client_msg_id: randomUUID(),
        blocks: richText(text),
        ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      };
      break;
    }
    case 'app_home_opened':
      event = { type: 'app_home_opened', user: a.userId, channel: dm, tab: input.tab ?? 'home', event_ts: ts };
      break;
    case 'app_uninstalled':
      event = { type: 'app_uninstalled', event_ts: ts };
      break;
    case 'tokens_revoked':
      event = {
        type: 'tokens_revoked',
        event_ts: ts,
        tokens: { oauth: input.revokedOauthUserIds ?? [], bot: input.revokedBotUserIds ?? [botUserId] },
      };
      break;
  }
  return {
    token: a.token,
    team_id: a.teamId,
    ...(a.enterpriseId ? { enterprise_id: a.enterpriseId } : {}),
    api_app_id: a.apiAppId,
    event,
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: input.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: a.enterpriseId ?? null, team_id: a.teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${kind}:${a.teamId}`).toString('base64url')}`,
  };
}
