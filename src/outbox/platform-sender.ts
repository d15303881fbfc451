import type { ConversationRef, Platform, UserRef } from '../domain/identity';
import type { Message } from '../messages/model';

/**
 * What the outbox needs from a platform to deliver a message. Adapters implement it; the
 * outbox decides when, how fast and how often to call it.
 */
export interface PlatformSender {
  platform: Platform;
  /** Post a new message; returns the platform's id for later updates. */
  send(target: ConversationRef, message: Message): Promise<SendResult>;
  /** Replace a message the bot posted earlier. */
  update(target: ConversationRef, messageId: string, message: Message): Promise<void>;
  /**
   * Open (or find) the direct-message conversation with a user. Slack can always do this;
   * Teams can only through a stored conversation reference, so its sender may throw
   * SendError('unreachable').
   */
  openDm(user: UserRef): Promise<ConversationRef>;
  /**
   * A conversation that reaches the user's DM without opening it first, when the platform
   * takes one (Slack: the user id as chat.postMessage's channel; it answers with the DM's id).
   * Saves a rate-limited openDm call per person: Slack's conversations.open allows 50 a minute.
   */
  directTarget?(user: UserRef): ConversationRef | undefined;
  /**
   * Upload a file into a conversation (Slack: files.uploadV2). Optional: a platform whose bots
   * cannot post files in chat (Teams, without the file consent flow) leaves it out, and the
   * caller sends a download link instead.
   */
  sendFile?(target: ConversationRef, file: OutgoingFile): Promise<SendResult>;
}

/** A file the bot posts. `title` and `comment` are plain text: senders escape them. */
export interface OutgoingFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
  title: string;
  comment?: string;
}

export interface SendResult {
  messageId: string;
  /** The conversation actually used (a DM opened for a user target). */
  conversationId: string;
}

export type SendFailureKind =
  /** HTTP 429: wait retryAfterMs, then try again; not counted as a failed attempt. */
  | 'rate-limited'
  /** 5xx, timeouts, dropped connections: retry with backoff. */
  | 'transient'
  /** 4xx that will not change on retry (bad payload, channel gone, bot removed). */
  | 'permanent'
  /** The bot cannot reach this user (Teams app not installed for them). */
  | 'unreachable';

/** What a 429 covers: the conversation called (the default), or the whole workspace or tenant. */
export type RateLimitScope = 'conversation' | 'workspace';

export class SendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly retryAfterMs?: number,
    public scope?: RateLimitScope,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
