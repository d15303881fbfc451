import { Schema, type Connection, type Model } from 'mongoose';
import type { OutboxItemDoc } from './item-model';

/**
 * The dispatcher's work list: one small entry per pending item, deleted when the item is sent or
 * fails. FerretDB on SQLite serves only `_id` equality from an index, so the poll scans this
 * collection, which holds the backlog alone, rather than every item ever sent. The item in
 * outbox_items stays the authority: a claimer re-reads it, and a stale entry is dropped.
 */
export interface QueueEntryDoc {
  _id: string;
  lane: string;
  platform: string;
  workspaceKey: string;
  /** The conversation, when known (a target's, a user's DM): lets the limiter be asked before anything is claimed. */
  conversationKey?: string;
  dueAt: Date;
  seq: number;
  attempts: number;
  nextAttemptAt?: Date | null;
  /** Where to start probing claim ids for the current attempt (a hint; the inserts decide). */
  claimN: number;
}

const queueSchema = new Schema<QueueEntryDoc>(
  {
    _id: { type: String, required: true },
    lane: { type: String, required: true },
    platform: { type: String, required: true },
    workspaceKey: { type: String, required: true },
    conversationKey: String,
    dueAt: { type: Date, required: true },
    seq: { type: Number, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: Date,
    claimN: { type: Number, required: true },
  },
  { collection: 'outbox_queue', versionKey: false },
);
// The batch read: due entries, oldest first.
queueSchema.index({ dueAt: 1, seq: 1 });

export function outboxQueueModel(conn: Connection): Model<QueueEntryDoc> {
  return conn.models.OutboxQueueEntry ?? conn.model<QueueEntryDoc>('OutboxQueueEntry', queueSchema);
}

export function queueEntryFor(item: OutboxItemDoc): QueueEntryDoc {
  const entry: QueueEntryDoc = {
    _id: item._id,
    lane: item.lane,
    platform: item.platform,
    workspaceKey: item.workspaceKey,
    dueAt: item.dueAt,
    seq: item.seq,
    attempts: item.attempts,
    claimN: 0,
  };
  // A user target's DM, when known, names the conversation its rate limits are kept for.
  const c = item.target.conversation ?? item.conversation;
  if (c) entry.conversationKey = `${c.platform}:${c.workspaceId}:${c.conversationId}`;
  if (item.nextAttemptAt) entry.nextAttemptAt = item.nextAttemptAt;
  return entry;
}
