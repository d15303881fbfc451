import type { Model } from 'mongoose';
import type { ConversationRef } from '../domain/identity';
import { isDuplicateKey } from '../errors';
import type { OutboxItemDoc } from './item-model';
import { conversationFields } from './item-mapper';
import type { PendingSet } from './pending-set';
import { queueEntryFor, type QueueEntryDoc } from './queue-model';
import type { OutboxError } from './types';

/**
 * Writes the result of a send attempt on its item and its queue entry. Only the holder of the
 * attempt's claim calls these, so plain writes by `_id` are safe even where updates are not
 * atomic. The item is written first: if the process dies between the two writes, the entry is
 * stale and the next claimer, re-reading the item, tidies it up.
 */
export class ItemOutcomes {
  constructor(
    private readonly items: Model<OutboxItemDoc>,
    private readonly queue: Model<QueueEntryDoc>,
    /** The dispatcher's view of the backlog, kept in step with what is written to the queue. */
    private readonly pending?: PendingSet,
  ) {}

  async sent(key: string, r: { messageId: string; conversation: ConversationRef }, at: Date): Promise<void> {
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
        },
        $unset: { nextAttemptAt: 1 },
      },
    );
    await this.dropEntry(key);
  }

  /** A 429: try again after Retry-After without spending an attempt. */
  async rateLimited(
    key: string,
    w: { nextAttemptAt: Date; error: OutboxError; claimN: number; dm?: ConversationRef },
    at: Date,
  ): Promise<void> {
    await this.items.updateOne(
      { _id: key },
      { $set: { nextAttemptAt: w.nextAttemptAt, lastError: w.error, updatedAt: at, ...dmField(w.dm) } },
    );
    await this.queue.updateOne({ _id: key }, { $set: { nextAttemptAt: w.nextAttemptAt, claimN: w.claimN } });
    this.pending?.patch(key, { nextAttemptAt: w.nextAttemptAt, claimN: w.claimN });
  }

  /** A transient failure with attempts left: the next attempt's claim ids start again at n = 0. */
  async retryLater(
    key: string,
    w: { attempts: number; nextAttemptAt: Date; error: OutboxError; dm?: ConversationRef },
    at: Date,
  ): Promise<void> {
    await this.items.updateOne(
      { _id: key },
      { $set: { attempts: w.attempts, nextAttemptAt: w.nextAttemptAt, lastError: w.error, updatedAt: at, ...dmField(w.dm) } },
    );
    await this.queue.updateOne({ _id: key }, { $set: { attempts: w.attempts, nextAttemptAt: w.nextAttemptAt, claimN: 0 } });
    this.pending?.patch(key, { attempts: w.attempts, nextAttemptAt: w.nextAttemptAt, claimN: 0 });
  }

  async failed(key: string, attempts: number, error: OutboxError, at: Date): Promise<void> {
    await this.items.updateOne(
      { _id: key },
      { $set: { status: 'failed', attempts, lastError: error, finishedAt: at, updatedAt: at }, $unset: { nextAttemptAt: 1 } },
    );
    await this.dropEntry(key);
  }

  /** The user cannot be reached; their DM is forgotten, since it did not work. */
  async unreachable(key: string, error: OutboxError, at: Date): Promise<void> {
    await this.items.updateOne(
      { _id: key },
      { $set: { status: 'unreachable', lastError: error, finishedAt: at, updatedAt: at }, $unset: { nextAttemptAt: 1, conversation: 1 } },
    );
    await this.dropEntry(key);
  }

  /** Brings a queue entry that lags its item (a write lost in a crash) back in line. */
  async resyncEntry(item: OutboxItemDoc): Promise<void> {
    await this.queue.updateOne({ _id: item._id }, { $set: { attempts: item.attempts, nextAttemptAt: item.nextAttemptAt ?? null } });
    this.pending?.patch(item._id, { attempts: item.attempts, nextAttemptAt: item.nextAttemptAt ?? null });
  }

  async dropEntry(key: string): Promise<void> {
    await this.queue.deleteOne({ _id: key });
  }

  /**
   * Drops an entry whose item was seen not pending. If the item turned pending again meanwhile
   * (requeueUnreachable racing us), the entry is put back so the item is not stranded.
   */
  async dropStaleEntry(key: string): Promise<void> {
    await this.dropEntry(key);
    const item = await this.items.findById(key).lean<OutboxItemDoc>();
    if (item?.status !== 'pending') return;
    try {
      await this.queue.create(queueEntryFor(item));
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
}

function dmField(dm: ConversationRef | undefined): Partial<OutboxItemDoc> {
  return dm ? { conversation: conversationFields(dm) } : {};
}
