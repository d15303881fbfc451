import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One message shared by many items (a round's prompt to each of its members), stored once:
 * items name it by `payloadId` instead of carrying their own copy. Each item is written twice
 * (inserted, then marked sent), and on FerretDB every write re-encodes the whole document, so
 * a 9 KB message in each of 10,000 items cost more than the rest of the item together.
 * Written only for messages given to several items at once, which are addressed to many people
 * and so carry nothing that one person's erasure must remove.
 */
export interface OutboxPayloadDoc {
  _id: string;
  /** The neutral Message as JSON. */
  message: string;
  createdAt: Date;
}

const payloadSchema = new Schema<OutboxPayloadDoc>(
  {
    _id: { type: String, required: true },
    message: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'outbox_payloads', versionKey: false },
);
// purgeFinished: payloads old enough that no new item can still be on its way to them.
payloadSchema.index({ createdAt: 1 });

export function outboxPayloadModel(conn: Connection): Model<OutboxPayloadDoc> {
  return conn.models.OutboxPayload ?? conn.model<OutboxPayloadDoc>('OutboxPayload', payloadSchema);
}
