import {
  blockActions,
  eventCallback,
  sendToBolt,
  slashCommand,
  viewSubmissionFor,
  type SlackCall,
  type SlackPayloadKinds,
  type SlackStandIn,
  type SlackStateValue,
  type SlackView,
} from '../stand-ins/slack';
import slackManifest from '../../manifests/slack/manifest.json';
import { ActivityLog, byTime } from './activity-log';
import { slackMentions } from './mentions';
import { PERSONAS, SLACK_CHANNEL, type Persona } from './personas';
import { slackTsToMs, type ActionResult, type ShownConversation, type ShownHome, type ShownMessage, type ShownModal } from './view-model';
import { blockIdOf } from './web/render/block-kit-html';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The slash commands the Slack app declares: Slack refuses any other before the app hears it. */
const SLASH_COMMANDS: string[] = slackManifest.features.slash_commands.map((c) => c.command);
const COMMAND_WORD = /^(mission|checkin|blocker)\b/i;

export interface SlackSideOptions {
  slack: SlackStandIn;
  /** The bot's Request URL, e.g. http://127.0.0.1:3978/slack/events. */
  eventsUrl: () => string;
  signingSecret: string;
  log: ActivityLog;
}

/** Text as Slack sends it when should_escape is on: `& < >` as entities, picked people as `<@U…|name>`. */
function asSlackSends(text: string): string {
  return slackMentions(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), PERSONAS);
}

interface SourceMessage {
  text: string;
  blocks: unknown[];
  ephemeral: boolean;
}

/**
 * Plays each person's Slack client: builds the payloads Slack would send with the stand-in's
 * builders, signs them with the signing secret and POSTs them to the bot's real endpoint; reads
 * what the bot sent back from the stand-in's state.
 */
export class SlackSide {
  /** Replies Slack showed from the slash command's HTTP answer (they live nowhere else). */
  private readonly ackMessages = new Map<string, SourceMessage & { channel: string }>();
  private lastAck = 0;

  constructor(private readonly opts: SlackSideOptions) {}

  conversationId(p: Persona, which: 'channel' | 'dm'): string {
    return which === 'channel' ? SLACK_CHANNEL.id : this.opts.slack.dmChannelFor(p.slack.userId);
  }

  private actor(p: Persona) {
    return { teamId: this.opts.slack.teamId, userId: p.slack.userId, userName: p.slack.userName };
  }

  private post<K extends 'slash_command' | 'block_actions' | 'view_submission' | 'event_callback'>(kind: K, payload: SlackPayloadKinds[K]) {
    return sendToBolt(this.opts.eventsUrl(), kind, payload, { signingSecret: this.opts.signingSecret, timeoutMs: 10_000 });
  }

  private note(p: Persona, channel: string, text: string, raw: unknown = null, rawLabel = 'Nothing was sent.'): void {
    this.opts.log.add({
      platform: 'slack',
      conversationId: channel,
      visibleTo: p.id,
      author: { kind: 'system' },
      body: { kind: 'event', text },
      raw,
      rawLabel,
    });
  }

  /** What the person typed in the message box of the channel or of their DM with the app. */
  async send(p: Persona, which: 'channel' | 'dm', typed: string): Promise<ActionResult> {
    const channel = this.conversationId(p, which);
    const text = typed.trim();
    const slash = splitSlashCommand(text);
    if (slash) return this.command(p, which, channel, slash.command.toLowerCase(), slash.text);

    if (which === 'channel') {
      this.opts.log.add({
        platform: 'slack',
        conversationId: channel,
        author: { kind: 'person', personaId: p.id },
        body: { kind: 'text', text },
        raw: null,
        rawLabel: 'Not sent to the bot: the app does not subscribe to channel messages.',
      });
      if (COMMAND_WORD.test(text)) this.note(p, channel, `On Slack, commands start with a slash: try /${text}`);
      return { status: 200 };
    }
    const payload = eventCallback('message.im', {
      ...this.actor(p),
      standIn: this.opts.slack,
      channelId: channel,
      text: asSlackSends(text),
    });
    this.opts.log.add({
      platform: 'slack',
      conversationId: channel,
      author: { kind: 'person', personaId: p.id },
      body: { kind: 'text', text },
      raw: payload,
      rawLabel: 'event_callback (message.im) JSON POSTed to /slack/events',
    });
    const res = await this.post('event_callback', payload);
    if (COMMAND_WORD.test(text)) this.note(p, channel, `On Slack, commands start with a slash: try /${text}`);
    return { status: res.status };
  }

  private async command(p: Persona, which: 'channel' | 'dm', channel: string, command: string, rest: string): Promise<ActionResult> {
    const typed = `${command} ${rest}`.trim();
    if (!SLASH_COMMANDS.includes(command)) {
      this.note(p, channel, `${command} is not a valid command. This app's commands are ${SLASH_COMMANDS.join(', ')}.`);
      return { status: 200 };
    }
    const payload = slashCommand({
      ...this.actor(p),
      standIn: this.opts.slack,
      command,
      text: asSlackSends(rest.trim()),
      channelId: channel,
      channelName: which === 'dm' ? 'directmessage' : SLACK_CHANNEL.name,
    });
    this.opts.log.add({
      platform: 'slack',
      conversationId: channel,
      visibleTo: p.id,
      author: { kind: 'person', personaId: p.id },
      notes: ['Only visible to you'],
      body: { kind: 'text', text: typed },
      raw: payload,
      rawLabel: 'slash_command fields, form-encoded and signed, POSTed to /slack/events',
    });
    const res = await this.post('slash_command', payload);
    if (res.status !== 200) {
      this.note(
        p,
        channel,
        `${command} failed with the error "http_${res.status}"`,
        { status: res.status, body: res.body },
        "The bot's HTTP answer",
      );
      return { status: res.status };
    }
    this.recordAck(p, channel, res.body);
    return { status: res.status };
  }

  /** A slash command's HTTP answer with text or blocks is shown by Slack as a reply. */
  private recordAck(p: Persona, channel: string, body: string): void {
    if (!body.trim()) return;
    let ack: unknown;
    try {
      ack = JSON.parse(body);
    } catch {
      ack = { text: body };
    }
    if (!isObject(ack) || (ack.text === undefined && ack.blocks === undefined)) return;
    const ephemeral = ack.response_type !== 'in_channel';
    this.lastAck = Math.max(Date.now() * 1000, this.lastAck + 1);
    const ts = `${Math.floor(this.lastAck / 1e6)}.${String(this.lastAck % 1e6).padStart(6, '0')}`;
    const message = {
      channel,
      text: typeof ack.text === 'string' ? ack.text : '',
      blocks: Array.isArray(ack.blocks) ? ack.blocks : [],
      ephemeral,
    };
    this.ackMessages.set(ts, message);
    this.opts.log.add({
      platform: 'slack',
      conversationId: channel,
      ...(ephemeral ? { visibleTo: p.id } : {}),
      author: { kind: 'bot' },
      notes: ephemeral ? ['Only visible to you'] : [],
      body: { kind: 'slack', text: message.text, blocks: message.blocks, channel, ts, ephemeral },
      raw: ack,
      rawLabel: "The bot's HTTP answer to the slash command (Slack shows it as a reply)",
    });
  }

  private findSource(p: Persona, channel: string, ts: string): SourceMessage | undefined {
    const { slack } = this.opts;
    const posted = slack.messages(channel).find((m) => m.ts === ts);
    if (posted) return { text: posted.text ?? '', blocks: posted.blocks ?? [], ephemeral: false };
    const eph = slack.ephemerals({ user: p.slack.userId, channel }).find((e) => e.ts === ts);
    if (eph) return { text: eph.text ?? '', blocks: eph.blocks ?? [], ephemeral: true };
    const ack = this.ackMessages.get(ts);
    return ack && ack.channel === channel ? ack : undefined;
  }

  /** A button pressed on a message: block_actions. */
  async press(p: Persona, input: { channel: string; ts: string; blockId: string; actionId: string }): Promise<ActionResult> {
    const source = this.findSource(p, input.channel, input.ts);
    if (!source) return { status: 404 };
    const index = source.blocks.findIndex((b, i) => blockIdOf(b, i) === input.blockId);
    const block = source.blocks[index];
    const elements =
      isObject(block) && Array.isArray(block.elements)
        ? block.elements
        : isObject(block) && isObject(block.accessory)
          ? [block.accessory]
          : [];
    const button = elements.find((e): e is Json => isObject(e) && e.action_id === input.actionId);
    if (!button) return { status: 404 };
    const label = isObject(button.text) && typeof button.text.text === 'string' ? button.text.text : input.actionId;
    const payload = blockActions({
      ...this.actor(p),
      standIn: this.opts.slack,
      actionId: input.actionId,
      blockId: input.blockId,
      ...(typeof button.value === 'string' ? { value: button.value } : {}),
      buttonText: label,
      source: {
        kind: 'message',
        channelId: input.channel,
        messageTs: input.ts,
        text: source.text,
        blocks: source.blocks,
        ephemeral: source.ephemeral,
        channelName: input.channel.startsWith('D') ? 'directmessage' : SLACK_CHANNEL.name,
      },
    });
    this.opts.log.add({
      platform: 'slack',
      conversationId: input.channel,
      visibleTo: p.id,
      author: { kind: 'person', personaId: p.id },
      body: { kind: 'event', text: `You clicked “${label}”` },
      raw: payload,
      rawLabel: 'block_actions payload, form-encoded and signed, POSTed to /slack/events',
    });
    const res = await this.post('block_actions', payload);
    return { status: res.status };
  }

  /** The person clicks the app's Home tab: Slack sends `app_home_opened`, and the bot publishes the tab. */
  async openHome(p: Persona): Promise<ActionResult> {
    const payload = eventCallback('app_home_opened', { ...this.actor(p), standIn: this.opts.slack, tab: 'home' });
    const res = await this.post('event_callback', payload);
    return { status: res.status };
  }

  /** A button on the Home tab: block_actions from the `home` view (Slack gives no response_url there). */
  async pressHome(p: Persona, input: { blockId: string; actionId: string }): Promise<ActionResult> {
    const view = this.opts.slack.homeView(p.slack.userId);
    if (!view) return { status: 404 };
    const index = view.blocks.findIndex((b, i) => blockIdOf(b, i) === input.blockId);
    const block = view.blocks[index];
    const elements = isObject(block) && Array.isArray(block.elements) ? block.elements : [];
    const button = elements.find((e): e is Json => isObject(e) && e.action_id === input.actionId);
    if (!button) return { status: 404 };
    const label = isObject(button.text) && typeof button.text.text === 'string' ? button.text.text : input.actionId;
    const payload = blockActions({
      ...this.actor(p),
      standIn: this.opts.slack,
      actionId: input.actionId,
      blockId: input.blockId,
      ...(typeof button.value === 'string' ? { value: button.value } : {}),
      buttonText: label,
      source: { kind: 'view', view: { id: view.id, type: 'home', hash: view.hash, blocks: view.blocks } },
    });
    const res = await this.post('block_actions', payload);
    return { status: res.status };
  }

  private openView(p: Persona, viewId: string): SlackView | undefined {
    return this.opts.slack.openViews(p.slack.userId).find((v) => v.id === viewId);
  }

  /** The modal's Submit: view_submission with the inputs as Slack reports them in view.state. */
  async submitView(p: Persona, viewId: string, values: Record<string, Record<string, string>>): Promise<ActionResult> {
    const view = this.openView(p, viewId);
    if (!view) return { status: 409 };
    const state = viewState(view.blocks, values);
    const payload = viewSubmissionFor(view, state, this.actor(p));
    const res = await this.post('view_submission', payload);
    this.opts.slack.applyViewSubmissionAck(p.slack.userId, res.status === 200 ? res.body : '{"response_action":"errors","errors":{}}');
    const errors = readErrors(res.body);
    const title = isObject(view.title) && typeof view.title.text === 'string' ? view.title.text : 'form';
    this.opts.log.add({
      platform: 'slack',
      conversationId: this.conversationId(p, 'dm'),
      visibleTo: p.id,
      author: { kind: 'person', personaId: p.id },
      body: { kind: 'event', text: errors ? `You submitted “${title}”; Slack showed the errors on the form` : `You submitted “${title}”` },
      raw: payload,
      rawLabel: 'view_submission payload, form-encoded and signed, POSTed to /slack/events',
    });
    return { status: res.status, ...(errors ? { errors } : {}) };
  }

  /** Cancel (or Escape): Slack closes the modal and tells the app nothing unless notify_on_close. */
  closeView(p: Persona, viewId: string): ActionResult {
    const stack = this.opts.slack.openViews(p.slack.userId);
    if (stack[stack.length - 1]?.id !== viewId) return { status: 409 };
    // An empty acknowledgement closes the top view, which is what Cancel does.
    this.opts.slack.applyViewSubmissionAck(p.slack.userId, '');
    return { status: 200 };
  }

  state(p: Persona): { conversations: ShownConversation[]; modal?: ShownModal; home?: ShownHome } {
    const calls = callIndex(this.opts.slack.calls());
    const conversations: ShownConversation[] = [
      { id: SLACK_CHANNEL.id, kind: 'channel', title: `#${SLACK_CHANNEL.name}`, messages: this.messages(p, SLACK_CHANNEL.id, calls) },
      {
        id: this.conversationId(p, 'dm'),
        kind: 'dm',
        title: 'Mission Pulse',
        messages: this.messages(p, this.conversationId(p, 'dm'), calls),
      },
    ];
    const stack = this.opts.slack.openViews(p.slack.userId);
    const top = stack[stack.length - 1];
    const published = this.opts.slack.homeView(p.slack.userId);
    const home: ShownHome | undefined = published
      ? { viewId: published.id, hash: published.hash, blocks: published.blocks, raw: published.raw }
      : undefined;
    return { conversations, ...(top ? { modal: { viewId: top.id, hash: top.hash, view: top.raw } } : {}), ...(home ? { home } : {}) };
  }

  private messages(p: Persona, channel: string, calls: Map<string, SlackCall>): ShownMessage[] {
    const { slack } = this.opts;
    const files = new Map(slack.files().map((f) => [f.id, f]));
    const posted = slack.messages(channel).map((m): ShownMessage => {
      const call = calls.get(`${channel}:${m.ts}`);
      // A file shared into the channel (the digest's chart) shows as Slack shows an image.
      const images = (m.files ?? [])
        .map((id) => files.get(id))
        .filter((f): f is NonNullable<typeof f> => f !== undefined && f.bytes !== undefined && /\.png$/i.test(f.filename))
        .map((f) => ({
          type: 'image',
          image_url: `data:image/png;base64,${f.bytes!.toString('base64')}`,
          alt_text: f.altText ?? f.title ?? f.filename,
          title: { type: 'plain_text', text: f.title ?? f.filename },
        }));
      return {
        key: `slack:${channel}:${m.ts}`,
        version: String(m.updates),
        at: slackTsToMs(m.ts),
        author: m.user === slack.botUserId ? { kind: 'bot' } : { kind: 'system' },
        notes: m.updates > 0 ? ['edited'] : [],
        body: { kind: 'slack', text: m.text ?? '', blocks: [...(m.blocks ?? []), ...images], channel, ts: m.ts, ephemeral: false },
        raw: call ? call.params : m,
        rawLabel: call
          ? `${call.method} as the bot called it (token redacted)`
          : `The message as Slack holds it (sent ${m.via === 'response_url' ? 'through a response_url' : 'by the Web API'})`,
      };
    });
    const ephemerals = slack.ephemerals({ user: p.slack.userId, channel }).map((e): ShownMessage => ({
      key: `slack-eph:${channel}:${e.ts}`,
      version: '0',
      at: slackTsToMs(e.ts),
      author: { kind: 'bot' },
      notes: ['Only visible to you'],
      body: { kind: 'slack', text: e.text ?? '', blocks: e.blocks ?? [], channel, ts: e.ts, ephemeral: true },
      raw: { text: e.text, blocks: e.blocks, response_type: 'ephemeral' },
      rawLabel: e.via === 'response_url' ? 'Ephemeral reply the bot POSTed to the response_url' : 'chat.postEphemeral as the bot called it',
    }));
    const logged = this.opts.log.shown('slack', (id) => id === channel, p.id);
    return byTime([...posted, ...ephemerals, ...logged]);
  }
}

/** The latest call that wrote each message, by `channel:ts`, to show what the bot really sent. */
function callIndex(calls: SlackCall[]): Map<string, SlackCall> {
  const index = new Map<string, SlackCall>();
  for (const c of calls) {
    if (c.outcome !== 'ok' || !c.response) continue;
    if (c.method === 'chat.postMessage' || c.method === 'chat.update') {
      const channel = c.response.channel;
      const ts = c.response.ts;
      if (typeof channel === 'string' && typeof ts === 'string') index.set(`${channel}:${ts}`, c);
    }
  }
  return index;
}

/** The page sends `{block_id: {action_id: value}}`; Slack's view.state carries each element's type and shape. */
export function viewState(
  blocks: unknown[],
  values: Record<string, Record<string, string>>,
): Record<string, Record<string, SlackStateValue>> {
  const state: Record<string, Record<string, SlackStateValue>> = {};
  blocks.forEach((block, i) => {
    if (!isObject(block) || block.type !== 'input' || !isObject(block.element)) return;
    const el = block.element;
    const blockId = blockIdOf(block, i);
    const actionId = typeof el.action_id === 'string' ? el.action_id : '';
    const value = values[blockId]?.[actionId] ?? '';
    if (el.type === 'static_select') {
      const option = (Array.isArray(el.options) ? el.options : []).find((o): o is Json => isObject(o) && o.value === value);
      const text = option && isObject(option.text) && typeof option.text.text === 'string' ? option.text.text : value;
      state[blockId] = {
        [actionId]: { type: 'static_select', selected_option: option ? { text: { type: 'plain_text', text, emoji: true }, value } : null },
      };
    } else if (el.type === 'plain_text_input') {
      state[blockId] = { [actionId]: { type: 'plain_text_input', value: value === '' ? null : value } };
    }
  });
  return state;
}

function readErrors(body: string): Record<string, string> | undefined {
  try {
    const ack = JSON.parse(body) as unknown;
    if (isObject(ack) && ack.response_action === 'errors' && isObject(ack.errors)) {
      return Object.fromEntries(Object.entries(ack.errors).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // an empty or non-JSON answer closes the modal
  }
  return undefined;
}

/** `/mission list` -> { command: '/mission', text: 'list' }; undefined unless the text starts with a slash command. */
function splitSlashCommand(text: string): { command: string; text: string } | undefined {
  const space = text.search(/\s/);
  const command = space < 0 ? text : text.slice(0, space);
  if (!command.startsWith('/') || command.length < 2) return undefined;
  return { command, text: space < 0 ? '' : text.slice(space).trimStart() };
}
