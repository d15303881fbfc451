import type { Model } from 'mongoose';
import type { ConversationRef } from '../domain/identity';
import type { OutboxItemDoc } from './item-model';
import { conversationFields } from './item-mapper';
import type { OutboxError } from './types';

/**
 * Writes the result of a send attempt on its item. Only the holder of the attempt's claim calls
 * these, so plain `$set`s by `_id` are safe even where updates are not atomic.
 */
export class ItemOutcomes {
  constructor(private readonly items: Model<OutboxItemDoc>) {}

  async rememberConversation(key: string, conversation: ConversationRef, at: Date): Promise<void> {
    await this.set(key, { conversation: conversationFields(conversation), updatedAt: at });
  }

  async sent(key: string, r: { messageId: string; conversation: ConversationRef; claimN: number }, at: Date): Promise<void> {
    await this.items.updateOne(
      { _id: key },
      {
        $set: {
          status: 'sent',
          messageId: r.messageId,
          conversationId: r.conversation.conversationId,
          conversation: conversationFields(r.conversation),
          sentAt: at,
          finishedAt: at,
          updatedAt: at,
          claimN: r.claimN,
        },
        $unset: { nextAttemptAt: 1 },
      },
    );
  }

  /** A 429: try again after Retry-After without spending an attempt. */
  async rateLimited(key: string, nextAttemptAt: Date, error: OutboxError, claimN: number, at: Date): Promise<void> {
    await this.set(key, { nextAttemptAt, lastError: error, claimN, updatedAt: at });
  }

  /** A transient failure with attempts left: the next attempt's claims start again at n = 0. */
  async retryLater(key: string, attempts: number, nextAttemptAt: Date, error: OutboxError, at: Date): Promise<void> {
    await this.set(key, { attempts, nextAttemptAt, lastError: error, claimN: 0, updatedAt: at });
  }

  async failed(key: string, attempts: number, error: OutboxError, at: Date): Promise<void> {
    await this.items.updateOne(
      { _id: key },
      { $set: { status: 'failed', attempts, lastError: error, finishedAt: at, updatedAt: at }, $unset: { nextAttemptAt: 1 } },
    );
  }

  async unreachable(key: string, error: OutboxError, claimN: number, at: Date): Promise<void> {
    await this.items.updateOne(
      { _id: key },
      {
        $set: { status: 'unreachable', lastError: error, claimN, finishedAt: at, updatedAt: at },
        $unset: { nextAttemptAt: 1, conversation: 1 },
      },
    );
  }

  private async set(key: string, fields: Partial<OutboxItemDoc>): Promise<void> {
    await this.items.updateOne({ _id: key }, { $set: fields });
  }
}
