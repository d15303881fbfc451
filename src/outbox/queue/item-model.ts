import { Schema, type Connection, type Model } from 'mongoose';
import { conversationRefSchema, userRefSchema } from '../../store/models/shared-schemas';

type ConversationFields = { platform: string; workspaceId: string; conversationId: string; kind: string; serviceUrl?: string };
type UserFields = { platform: string; workspaceId: string; userId: string };

/** One outgoing message. `_id` is the dedupe key, so a second enqueue of it is a duplicate-key no-op. */
export interface OutboxItemDoc {
  _id: string;
  missionId?: string;
  platform: string;
  workspaceKey: string;
  /** Per-conversation (or per-user) ordering lane, see ../target.ts. */
  lane: string;
  /** Set for user targets, so requeueUnreachable can find them. */
  userKey?: string;
  target: { conversation?: ConversationFields; user?: UserFields };
  /** The neutral Message as JSON (keys may not be legal field names on every backend); absent when `payloadId` names it. */
  message?: string;
  /** The shared payload holding the message (see payload-model.ts), instead of `message`. */
  payloadId?: string;
  updates?: string;
  /** Record<string,string> as JSON, for the same reason. */
  context?: string;
  dueAt: Date;
  /** Creation order within a millisecond; sorts items with equal dueAt. */
  seq: number;
  status: string;
  attempts: number;
  nextAttemptAt?: Date | null;
  conversation?: ConversationFields | null;
  messageId?: string;
  conversationId?: string;
  sentAt?: Date;
  finishedAt?: Date;
  lastError?: { kind: string; message: string };
  createdAt: Date;
  updatedAt: Date;
}

const itemSchema = new Schema<OutboxItemDoc>(
  {
    _id: { type: String, required: true },
    missionId: String,
    platform: { type: String, required: true },
    workspaceKey: { type: String, required: true },
    lane: { type: String, required: true },
    userKey: String,
    target: {
      conversation: conversationRefSchema,
      user: userRefSchema,
    },
    message: String,
    payloadId: String,
    updates: String,
    context: String,
    dueAt: { type: Date, required: true },
    seq: { type: Number, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: Date,
    conversation: conversationRefSchema,
    messageId: String,
    conversationId: String,
    sentAt: Date,
    finishedAt: Date,
    lastError: new Schema({ kind: String, message: String }, { _id: false }),
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'outbox_items', versionKey: false },
);
// Start-up repair of the queue (pending items without an entry) and status counts.
itemSchema.index({ status: 1, dueAt: 1 });
// Read helpers for services and metrics.
itemSchema.index({ missionId: 1, status: 1 });
// requeueUnreachable(userKey).
itemSchema.index({ userKey: 1, status: 1 });
// purgeFinished(before).
itemSchema.index({ finishedAt: 1 });

export function outboxItemModel(conn: Connection): Model<OutboxItemDoc> {
  return conn.models.OutboxItem ?? conn.model<OutboxItemDoc>('OutboxItem', itemSchema);
}
