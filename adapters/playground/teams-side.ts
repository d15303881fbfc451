import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  cardSubmit,
  channelMention,
  installationUpdate,
  personalConversationId,
  personalMessage,
  postActivity,
  type BotConnectorStandIn,
  type ConnectorActivity,
  type TeamsActivity,
  type TeamsActivityContext,
} from '../stand-ins/teams';
import { ActivityLog, byTime } from './activity-log';
import { teamsMentions } from './mentions';
import { PERSONAS, TEAMS_CHANNEL, TEAMS_TENANT_ID, type Persona } from './personas';
import type { ActionResult, ShownConversation, ShownMessage } from './view-model';

export const BOT_NAME = 'Mission Pulse';

export interface TeamsSideOptions {
  connector: BotConnectorStandIn;
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  messagesUrl: () => string;
  log: ActivityLog;
}

/**
 * Plays the Bot Framework Emulator channel for each person's Teams client: activities built with
 * the stand-in's builders, POSTed to the bot's real endpoint without a token (the bot has no app
 * id and was started with TEAMS_ALLOW_EMULATOR=true); replies are read from the Bot Connector
 * stand-in at the activities' serviceUrl.
 */
export class TeamsSide {
  constructor(private readonly opts: TeamsSideOptions) {}

  personalId(p: Persona): string {
    return personalConversationId(p.teams.id, TEAMS_TENANT_ID);
  }

  private ctx(p: Persona): TeamsActivityContext {
    return {
      serviceUrl: this.opts.connector.serviceUrl,
      appId: '',
      botName: BOT_NAME,
      tenantId: TEAMS_TENANT_ID,
      user: { id: p.teams.id, name: p.name, aadObjectId: p.teams.aadObjectId },
    };
  }

  private post(activity: TeamsActivity): Promise<{ status: number; body: string }> {
    return postActivity(this.opts.messagesUrl(), activity, { timeoutMs: 10_000 });
  }

  private trouble(p: Persona, conversationId: string, status: number, body: string): void {
    this.opts.log.add({
      platform: 'teams',
      conversationId,
      visibleTo: p.id,
      author: { kind: 'system' },
      body: { kind: 'event', text: `The bot answered HTTP ${status}; Teams would show this message as not delivered.` },
      raw: { status, body },
      rawLabel: "The bot's HTTP answer",
    });
  }

  /**
   * The app installed in the person's personal scope, as Teams announces it: the bot stores the
   * conversation so it can send check-in prompts there later.
   */
  async install(p: Persona): Promise<ActionResult> {
    const activity = installationUpdate(this.ctx(p), { action: 'add' });
    const res = await this.post(activity);
    this.opts.log.add({
      platform: 'teams',
      conversationId: this.personalId(p),
      visibleTo: p.id,
      author: { kind: 'system' },
      body: { kind: 'event', text: `${BOT_NAME} was added for ${p.name}` },
      raw: activity,
      rawLabel: 'installationUpdate activity POSTed to /api/messages',
    });
    if (res.status >= 300) this.trouble(p, this.personalId(p), res.status, res.body);
    return { status: res.status };
  }

  /** A message typed in the personal chat with the bot, or posted in the channel mentioning it. */
  async send(p: Persona, where: 'personal' | 'channel', typed: string): Promise<ActionResult> {
    const text = typed.trim();
    const mentioned = teamsMentions(text, PERSONAS);
    const activity =
      where === 'personal'
        ? personalMessage(this.ctx(p), { text: mentioned.text })
        : channelMention(this.ctx(p), { text: mentioned.text, channel: { ...TEAMS_CHANNEL } });
    if (mentioned.entities.length > 0) activity.entities = [...(activity.entities ?? []), ...mentioned.entities];
    const conversationId = activity.conversation.id;
    this.opts.log.add({
      platform: 'teams',
      conversationId,
      ...(where === 'channel' ? { thread: conversationId } : {}),
      author: { kind: 'person', personaId: p.id },
      body: { kind: 'text', text: where === 'channel' ? `@${BOT_NAME} ${text}` : text },
      raw: activity,
      rawLabel: 'message activity POSTed to /api/messages',
    });
    const res = await this.post(activity);
    if (res.status >= 300) this.trouble(p, conversationId, res.status, res.body);
    return { status: res.status };
  }

  /** Action.Submit on a card: a message activity whose `value` holds the data and the inputs. */
  async submit(
    p: Persona,
    input: { conversationId: string; replyToId: string; value: Record<string, unknown>; title?: string },
  ): Promise<ActionResult> {
    const known = this.opts.connector.activities(input.conversationId).some((a) => a.id === input.replyToId);
    if (!known) return { status: 404 };
    const isChannel = input.conversationId.startsWith(TEAMS_CHANNEL.channelId);
    if (!isChannel && input.conversationId !== this.personalId(p)) return { status: 403 };
    const activity = isChannel
      ? channelSubmit(this.ctx(p), input.conversationId, input.replyToId, input.value)
      : cardSubmit(this.ctx(p), { value: input.value, replyToId: input.replyToId, conversationId: input.conversationId });
    this.opts.log.add({
      platform: 'teams',
      conversationId: input.conversationId,
      ...(isChannel ? { thread: input.conversationId } : {}),
      visibleTo: p.id,
      author: { kind: 'person', personaId: p.id },
      body: { kind: 'event', text: `You pressed “${input.title ?? 'Submit'}”` },
      raw: activity,
      rawLabel: "message activity with the card's value POSTed to /api/messages",
    });
    const res = await this.post(activity);
    if (res.status >= 300) this.trouble(p, input.conversationId, res.status, res.body);
    return { status: res.status };
  }

  state(p: Persona): { conversations: ShownConversation[] } {
    const personal = this.personalId(p);
    const { connector } = this.opts;
    const threads = connector
      .conversations()
      .map((c) => c.id)
      .filter((id) => id.startsWith(TEAMS_CHANNEL.channelId));
    const channelMessages = [
      ...threads.flatMap((id) =>
        connector
          .activities(id)
          .filter(isShown)
          .map((a) => shownActivity(a, id)),
      ),
      ...this.opts.log.shown('teams', (id) => id.startsWith(TEAMS_CHANNEL.channelId), p.id),
    ];
    return {
      conversations: [
        {
          id: personal,
          kind: 'dm',
          title: BOT_NAME,
          messages: byTime([
            ...connector
              .activities(personal)
              .filter(isShown)
              .map((a) => shownActivity(a)),
            ...this.opts.log.shown('teams', (id) => id === personal, p.id),
          ]),
        },
        {
          id: TEAMS_CHANNEL.channelId,
          kind: 'channel',
          title: `${TEAMS_CHANNEL.teamName} › ${TEAMS_CHANNEL.channelName}`,
          messages: byTime(channelMessages),
        },
      ],
    };
  }
}

/** Typing indicators come and go; the page shows messages. */
const isShown = (a: ConnectorActivity): boolean => a.activity.type === 'message';

function shownActivity(a: ConnectorActivity, thread?: string): ShownMessage {
  const attachments = Array.isArray(a.activity.attachments)
    ? (a.activity.attachments as Array<{ contentType?: string; content?: unknown }>)
    : [];
  return {
    key: `teams:${a.conversationId}:${a.id}`,
    version: String(a.updates),
    at: a.receivedAt,
    author: { kind: 'bot' },
    notes: a.updates > 0 ? ['Edited'] : [],
    body: {
      kind: 'teams',
      text: typeof a.activity.text === 'string' ? a.activity.text : '',
      cards: attachments.filter((x) => x.contentType === ADAPTIVE_CARD_CONTENT_TYPE).map((x) => x.content),
      conversationId: a.conversationId,
      activityId: a.id,
    },
    raw: a.activity,
    rawLabel:
      a.updates > 0
        ? 'Activity as the bot last sent it to the Bot Connector (updated with PUT)'
        : 'Activity the bot sent to the Bot Connector',
    ...(thread ? { thread } : {}),
  };
}

/** Action.Submit on a card in a channel thread: the channel's shape, with `value` and no text. */
function channelSubmit(
  ctx: TeamsActivityContext,
  conversationId: string,
  replyToId: string,
  value: Record<string, unknown>,
): TeamsActivity {
  const base = channelMention(ctx, { text: '', channel: { ...TEAMS_CHANNEL }, conversationId });
  const activity: TeamsActivity = {
    ...base,
    entities: (base.entities ?? []).filter((e) => e.type === 'clientInfo'),
    value,
    replyToId,
    channelData: { ...base.channelData, source: { name: 'message' }, legacy: { replyToId } },
  };
  delete activity.text;
  delete activity.textFormat;
  delete activity.attachments;
  return activity;
}
