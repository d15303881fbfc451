import type { ConversationRef, Platform, UserRef } from '../domain/identity';
import type { Message } from '../messages/model';
import type { SendFailureKind } from './platform-sender';

/** Where an outbox item goes: a known conversation, or a person whose DM the dispatcher opens. */
export type OutboxTarget = { conversation: ConversationRef } | { user: UserRef };

/**
 * pending: waiting to be sent (possibly in backoff); sent: delivered (messageId known);
 * failed: gave up (permanent error or retries exhausted); unreachable: the bot cannot reach the
 * user until they install the app again (see Outbox.requeueUnreachable).
 */
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'unreachable'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface EnqueueInput {
  /** Dedupe key and item id, e.g. `prompt:<round>:<member>`; enqueueing it again is a no-op. */
  key: string;
  missionId?: string;
  target: OutboxTarget;
  message: Message;
  /** Not sent before this time (default: at once). */
  notBefore?: Date;
  /** Key of an earlier item whose sent message this one replaces (chat.update / updateActivity). */
  updates?: string;
  /** Free-form facts for callbacks and admins (round, member, kind…). */
  context?: Record<string, string>;
  /**
   * For a user target: their DM conversation, when the caller has it at hand (a stored Teams
   * conversation reference). Saves a lookup per message at send time; if it no longer works,
   * the item ends unreachable as it would without it.
   */
  dm?: ConversationRef;
}

export interface EnqueueResult {
  created: boolean;
}

export interface OutboxError {
  kind: SendFailureKind | 'internal';
  message: string;
}

/** An item as services, callbacks and the dispatcher see it (stored as OutboxItemDoc: queue/item-documents.ts maps the two). */
export interface OutboxItem {
  key: string;
  missionId?: string;
  target: OutboxTarget;
  platform: Platform;
  message: Message;
  /** When the item became (or becomes) due: notBefore, else its creation time. */
  dueAt: Date;
  updates?: string;
  context: Record<string, string>;
  status: OutboxStatus;
  /** Failed attempts so far (rate-limited attempts do not count). */
  attempts: number;
  /** Set while the item waits for a retry or a Retry-After. */
  nextAttemptAt?: Date;
  /** The conversation used: the target's, or the user's DM (given at enqueue or opened). */
  conversation?: ConversationRef;
  messageId?: string;
  conversationId?: string;
  sentAt?: Date;
  lastError?: OutboxError;
  createdAt: Date;
  updatedAt: Date;
}
