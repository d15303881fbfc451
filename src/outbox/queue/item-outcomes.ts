import type { Connection, Model, mongo } from 'mongoose';
import type { ConversationRef } from '../../domain/identity';
import type { OutboxError } from '../outbox-item';
import { insertUnlessPresent } from './bulk-writes';
import { conversationFields, queueEntryFor } from './item-documents';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { outboxQueueModel, type QueueEntryDoc } from './queue-model';

/** A message a platform accepted: the item's outcome, to be written as "sent". */
export interface SentRecord {
  messageId: string;
  conversation: ConversationRef;
  at: Date;
}

/** What an outcome changed on a queue entry, for the dispatcher to change in its own copy. */
export type EntryChange = Partial<Pick<QueueEntryDoc, 'attempts' | 'nextAttemptAt' | 'claimN'>>;

/**
 * Statements per bulk update. FerretDB 1.24 keeps each statement's read cursor (and its pooled
 * SQLite connection) open until the whole command ends, and its pool holds 100 connections: a
 * command of ~100 updates waits forever for a connection. Small chunks keep far from that.
 */
const UPDATES_PER_COMMAND = 16;
/** Deletes close their cursor before writing, so they may go in bigger chunks. */
const DELETES_PER_COMMAND = 100;

/** The driver's collection under a model whose `_id`s are strings. */
type ByStringId = mongo.Collection<{ _id: string }>;
const driverCollection = (model: Model<OutboxItemDoc> | Model<QueueEntryDoc>): ByStringId => model.collection as unknown as ByStringId;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function dmField(dm: ConversationRef | undefined): Partial<OutboxItemDoc> {
  return dm ? { conversation: conversationFields(dm) } : {};
}

/**
 * Writes the result of a send attempt on its item and its queue entry. Only the holder of the
 * attempt's claim calls these, so plain writes by `_id` are safe even where updates are not
 * atomic. The item is written first: if the process dies between the two writes, the entry is
 * stale and the next claimer, re-reading the item, tidies it up.
 */
export class ItemOutcomes {
  private readonly items: Model<OutboxItemDoc>;
  private readonly queue: Model<QueueEntryDoc>;

  constructor(conn: Connection) {
    this.items = outboxItemModel(conn);
    this.queue = outboxQueueModel(conn);
  }

  /** Marks items sent, in bulk updates by `_id` (raw driver calls: plain `_id`s, values that need no casting). */
  async sentMany(records: ReadonlyArray<readonly [string, SentRecord]>): Promise<void> {
    for (const part of chunks(records, UPDATES_PER_COMMAND)) {
      await driverCollection(this.items).bulkWrite(
        part.map(([key, r]) => ({
          updateOne: {
            filter: { _id: key },
            update: {
              $set: {
                status: 'sent',
                messageId: r.messageId,
                conversationId: r.conversation.conversationId,
                conversation: conversationFields(r.conversation),
                sentAt: r.at,
                finishedAt: r.at,
                updatedAt: r.at,
              },
              $unset: { nextAttemptAt: 1 as const },
            },
          },
        })),
        { ordered: false },
      );
    }
  }

  /** Deletes the queue entries of items recorded as sent; `onDeleted` hears of each chunk as it goes. */
  async dropEntries(keys: readonly string[], onDeleted: (keys: string[]) => void): Promise<void> {
    for (const part of chunks(keys, DELETES_PER_COMMAND)) {
      await driverCollection(this.queue).bulkWrite(
        part.map((key) => ({ deleteOne: { filter: { _id: key } } })),
        { ordered: false },
      );
      onDeleted(part);
    }
  }

  /** A 429: try again after Retry-After without spending an attempt. */
  async rateLimited(
    key: string,
    w: { nextAttemptAt: Date; error: OutboxError; claimN: number; dm?: ConversationRef },
    at: Date,
  ): Promise<EntryChange> {
    await this.items.updateOne(
      { _id: key },
      { $set: { nextAttemptAt: w.nextAttemptAt, lastError: w.error, updatedAt: at, ...dmField(w.dm) } },
    );
    const change = { nextAttemptAt: w.nextAttemptAt, claimN: w.claimN };
    await this.queue.updateOne({ _id: key }, { $set: change });
    return change;
  }

  /** A transient failure with attempts left: the next attempt's claim ids start again at n = 0. */
  async retryLater(
    key: string,
    w: { attempts: number; nextAttemptAt: Date; error: OutboxError; dm?: ConversationRef },
    at: Date,
  ): Promise<EntryChange> {
    await this.items.updateOne(
      { _id: key },
      { $set: { attempts: w.attempts, nextAttemptAt: w.nextAttemptAt, lastError: w.error, updatedAt: at, ...dmField(w.dm) } },
    );
    const change = { attempts: w.attempts, nextAttemptAt: w.nextAttemptAt, claimN: 0 };
    await this.queue.updateOne({ _id: key }, { $set: change });
    return change;
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
  async resyncEntry(item: { key: string; attempts: number; nextAttemptAt?: Date }): Promise<EntryChange> {
    const change = { attempts: item.attempts, nextAttemptAt: item.nextAttemptAt ?? null };
    await this.queue.updateOne({ _id: item.key }, { $set: change });
    return change;
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
    await insertUnlessPresent(this.queue, [queueEntryFor(item)]);
  }
}
