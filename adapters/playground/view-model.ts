/**
 * The JSON the playground page reads from `GET /playground/api/state`: each conversation one
 * person can see, with every message as the platform holds it and the raw payload behind it.
 */

export type Author = { kind: 'bot' } | { kind: 'person'; personaId: string } | { kind: 'system' };

export type MessageBody =
  /** What a person typed, as plain text. */
  | { kind: 'text'; text: string }
  /** A Slack message from the bot: Block Kit plus the fallback text. */
  | { kind: 'slack'; text: string; blocks: unknown[]; channel: string; ts: string; ephemeral: boolean }
  /** A Teams activity from the bot: its text and Adaptive Card attachments. */
  | { kind: 'teams'; text: string; cards: unknown[]; conversationId: string; activityId: string }
  /** Something that happened rather than something said: a button press, a form sent, a hint. */
  | { kind: 'event'; text: string };

export interface ShownMessage {
  key: string;
  /** Changes whenever the content does, so the page re-renders only what changed. */
  version: string;
  /** Milliseconds since the epoch. */
  at: number;
  author: Author;
  /** Short labels the platform would show: "Only visible to you", "edited". */
  notes: string[];
  body: MessageBody;
  /** The exact payload on the wire: what was POSTed to the bot, or what the bot sent. */
  raw: unknown;
  rawLabel: string;
  /** Teams channel posts: the thread (conversation id) the message belongs to. */
  thread?: string;
}

export interface ShownConversation {
  id: string;
  kind: 'channel' | 'dm';
  title: string;
  messages: ShownMessage[];
}

export interface ShownModal {
  viewId: string;
  /** Changes when the bot updates the view. */
  hash: string;
  view: unknown;
}

/** The person's App Home tab, as the bot last published it with `views.publish`. */
export interface ShownHome {
  viewId: string;
  /** Changes when the bot publishes the view again. */
  hash: string;
  blocks: unknown[];
  raw: unknown;
}

export interface PlaygroundState {
  as: string;
  slack: { conversations: ShownConversation[]; modal?: ShownModal; home?: ShownHome };
  teams: { conversations: ShownConversation[] };
}

/** What an action on the page produced: the bot's HTTP answer, and form errors if any. */
export interface ActionResult {
  status: number;
  errors?: Record<string, string>;
}

export const slackTsToMs = (ts: string): number => Math.round(Number(ts) * 1000);
