import { Schema, type Connection, type Model } from 'mongoose';

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
