import { randomUUID } from 'node:crypto';
import { channelThreadId, personalConversationId } from './ids';

/**
 * Builders for the activities Teams POSTs to the bot's messaging endpoint. Shapes follow what Teams
 * sends (channelId 'msteams', 29:/28: ids, tenant in conversation and channelData, clientInfo entity).
 */
export interface TeamsUser {
  /** "29:..." */
  id: string;
  aadObjectId: string;
  name: string;
}

export interface TeamsActivityContext {
  serviceUrl: string;
  /** The bot's Microsoft App Id; the recipient is "28:<appId>". */
  appId: string;
  botName?: string;
  tenantId?: string;
  user?: TeamsUser;
  locale?: string;
  timezone?: string;
}

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export interface TeamsChannelInfo {
  teamId: string;
  teamName?: string;
  channelId: string;
  channelName?: string;
}

/** An inbound activity as JSON; typed loosely on purpose (it is what goes on the wire). */
export interface TeamsActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp: string;
  channelId: 'msteams';
  serviceUrl: string;
  from: { id: string; name: string; aadObjectId: string };
  conversation: { id: string; conversationType: ConversationType; tenantId: string; isGroup?: boolean; name?: string };
  recipient: { id: string; name: string };
  channelData: Record<string, unknown>;
  locale: string;
  localTimezone: string;
  entities?: Array<Record<string, unknown>>;
  text?: string;
  textFormat?: string;
  value?: unknown;
  name?: string;
  replyToId?: string;
  action?: string;
  membersAdded?: Array<{ id: string; aadObjectId?: string; name?: string }>;
  membersRemoved?: Array<{ id: string; aadObjectId?: string; name?: string }>;
  attachments?: Array<{ contentType: string; content: unknown }>;
}

export const DEFAULT_TENANT_ID = '72f988bf-0000-4000-8000-00000000c0de';
export const DEFAULT_TEAMS_USER: TeamsUser = {
  id: '29:1AdaLovelaceStandInUserIdForMissionPulseTests',
  aadObjectId: '6c3f7a1e-0000-4000-8000-0000000000ad',
  name: 'Ada Lovelace',
};

let lastId = 0;
const activityId = (): string => {
  lastId = Math.max(Date.now(), lastId + 1);
  return String(lastId);
};

interface Where {
  conversationType: ConversationType;
  conversationId?: string;
  channel?: TeamsChannelInfo;
}

function base(ctx: TeamsActivityContext, type: string, where: Where): TeamsActivity {
  const tenantId = ctx.tenantId ?? DEFAULT_TENANT_ID;
  const user = ctx.user ?? DEFAULT_TEAMS_USER;
  const locale = ctx.locale ?? 'en-GB';
  const timezone = ctx.timezone ?? 'Europe/London';
  const now = new Date();
  const conversationId =
    where.conversationId ??
    (where.conversationType === 'personal'
      ? personalConversationId(user.id, tenantId)
      : where.conversationType === 'channel'
        ? `${where.channel?.channelId ?? channelThreadId(`${tenantId}:general`)};messageid=${activityId()}`
        : `19:${randomUUID().replace(/-/g, '')}@thread.v2`);
  const channelData: Record<string, unknown> = { tenant: { id: tenantId } };
  if (where.channel) {
    channelData.teamsChannelId = where.channel.channelId;
    channelData.teamsTeamId = where.channel.teamId;
    channelData.channel = { id: where.channel.channelId, ...(where.channel.channelName ? { name: where.channel.channelName } : {}) };
    channelData.team = { id: where.channel.teamId, ...(where.channel.teamName ? { name: where.channel.teamName } : {}) };
  }
  return {
    type,
    id: activityId(),
    timestamp: now.toISOString(),
    localTimestamp: now.toISOString().replace('Z', '+00:00'),
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: {
      id: conversationId,
      conversationType: where.conversationType,
      tenantId,
      ...(where.conversationType !== 'personal' ? { isGroup: true } : {}),
    },
    recipient: { id: `28:${ctx.appId}`, name: ctx.botName ?? 'Mission Pulse' },
    channelData,
    locale,
    localTimezone: timezone,
    entities: [{ type: 'clientInfo', locale, country: 'GB', platform: 'Web', timezone }],
  };
}

const defaultChannel = (ctx: TeamsActivityContext): TeamsChannelInfo => {
  const tenant = ctx.tenantId ?? DEFAULT_TENANT_ID;
  return {
    teamId: channelThreadId(`${tenant}:team`),
    teamName: 'Ladywood Mission',
    channelId: channelThreadId(`${tenant}:general`),
    channelName: 'General',
  };
};

/** A message a user types in the bot's personal chat. */
export function personalMessage(ctx: TeamsActivityContext, input: { text: string; conversationId?: string }): TeamsActivity {
  return {
    ...base(ctx, 'message', { conversationType: 'personal', ...(input.conversationId ? { conversationId: input.conversationId } : {}) }),
    text: input.text,
    textFormat: 'plain',
  };
}

/** A channel message that @mentions the bot: "<at>Mission Pulse</at> mission list". */
export function channelMention(
  ctx: TeamsActivityContext,
  input: { text: string; channel?: TeamsChannelInfo; conversationId?: string },
): TeamsActivity {
  const channel = input.channel ?? defaultChannel(ctx);
  const botName = ctx.botName ?? 'Mission Pulse';
  const mentionText = `<at>${botName}</at>`;
  const activity = base(ctx, 'message', {
    conversationType: 'channel',
    channel,
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
  });
  const text = `${mentionText} ${input.text}`;
  return {
    ...activity,
    text,
    textFormat: 'plain',
    attachments: [
      {
        contentType: 'text/html',
        content: `<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${botName}</span>&nbsp;${input.text}</div></div>`,
      },
    ],
    entities: [{ type: 'mention', mentioned: { id: `28:${ctx.appId}`, name: botName }, text: mentionText }, ...(activity.entities ?? [])],
  };
}

/** Action.Submit pressed on a card in personal chat: a message with `value` and no text. */
export function cardSubmit(
  ctx: TeamsActivityContext,
  input: { value: Record<string, unknown>; replyToId: string; conversationId?: string },
): TeamsActivity {
  const activity = base(ctx, 'message', {
    conversationType: 'personal',
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
  });
  return {
    ...activity,
    value: input.value,
    replyToId: input.replyToId,
    channelData: { ...activity.channelData, source: { name: 'message' }, legacy: { replyToId: input.replyToId } },
  };
}

/** Universal Action (Action.Execute): invoke `adaptiveCard/action`; the bot must answer with an invoke response. */
export function cardAction(
  ctx: TeamsActivityContext,
  input: {
    verb: string;
    data?: Record<string, unknown>;
    replyToId?: string;
    conversationType?: ConversationType;
    conversationId?: string;
    channel?: TeamsChannelInfo;
  },
): TeamsActivity {
  const conversationType = input.conversationType ?? 'personal';
  const where: Where = {
    conversationType,
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    ...(conversationType === 'channel' ? { channel: input.channel ?? defaultChannel(ctx) } : {}),
  };
  const activity = base(ctx, 'invoke', where);
  return {
    ...activity,
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: input.verb, data: input.data ?? {} }, trigger: 'manual' },
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
    channelData: { ...activity.channelData, source: { name: 'message' } },
  };
}

/** conversationUpdate with membersAdded ('bot' = the bot itself was added, as on install). */
export function conversationUpdate(
  ctx: TeamsActivityContext,
  input: { membersAdded: 'bot' | TeamsUser[]; conversationType?: ConversationType; channel?: TeamsChannelInfo; conversationId?: string },
): TeamsActivity {
  const conversationType = input.conversationType ?? 'personal';
  const channel = conversationType === 'channel' ? (input.channel ?? defaultChannel(ctx)) : undefined;
  const activity = base(ctx, 'conversationUpdate', {
    conversationType,
    ...(channel ? { channel } : {}),
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
  });
  const added =
    input.membersAdded === 'bot' ? [{ id: `28:${ctx.appId}` }] : input.membersAdded.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId }));
  if (channel) activity.conversation.id = channel.channelId;
  return {
    ...activity,
    membersAdded: added,
    channelData: { ...activity.channelData, eventType: channel ? 'teamMemberAdded' : 'memberAdded' },
  };
}

/** installationUpdate when the app is added to / removed from a personal scope, team or chat. */
export function installationUpdate(
  ctx: TeamsActivityContext,
  input: { action: 'add' | 'remove'; conversationType?: ConversationType; channel?: TeamsChannelInfo; conversationId?: string },
): TeamsActivity {
  const conversationType = input.conversationType ?? 'personal';
  const channel = conversationType === 'channel' ? (input.channel ?? defaultChannel(ctx)) : undefined;
  const activity = base(ctx, 'installationUpdate', {
    conversationType,
    ...(channel ? { channel } : {}),
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
  });
  if (channel) activity.conversation.id = channel.channelId;
  return { ...activity, action: input.action, channelData: { ...activity.channelData, source: { name: 'message' } } };
}
