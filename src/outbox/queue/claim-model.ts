import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One send attempt's claim. `_id` is `send:<itemId>:<attempt>:<n>`: inserting it is the claim
 * (the loser gets duplicate key 11000). Only the holder writes to it afterwards (releasedAt);
 * a claim whose lease has passed may be taken over by inserting n + 1.
 */
export interface OutboxClaimDoc {
  _id: string;
  itemId: string;
  attempt: number;
  n: number;
  replicaId: string;
  claimedAt: Date;
  leaseUntil: Date;
  releasedAt?: Date;
  outcome?: string;
}

const claimSchema = new Schema<OutboxClaimDoc>(
  {
    _id: { type: String, required: true },
    itemId: { type: String, required: true },
    attempt: { type: Number, required: true },
    n: { type: Number, required: true },
    replicaId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    releasedAt: Date,
    outcome: String,
  },
  { collection: 'outbox_claims', versionKey: false },
);
// purgeFinished(before).
claimSchema.index({ claimedAt: 1 });

export function outboxClaimModel(conn: Connection): Model<OutboxClaimDoc> {
  return conn.models.OutboxClaim ?? conn.model<OutboxClaimDoc>('OutboxClaim', claimSchema);
}

export function claimId(itemId: string, attempt: number, n: number): string {
  return `send:${itemId}:${attempt}:${n}`;
}
