import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One "I can help" offer. `_id` is `help:<blockerId>:<memberId>`, so the insert is the claim:
 * pressing twice, or on two replicas at once, records one offer and tells the owner once.
 */
export interface BlockerHelperDoc {
  _id: string;
  blockerId: string;
  missionId: string;
  memberId: string;
  name: string;
  organisation?: string;
  at: Date;
}

const blockerHelperSchema = new Schema<BlockerHelperDoc>(
  {
    _id: { type: String, required: true },
    blockerId: { type: String, required: true },
    missionId: { type: String, required: true },
    memberId: { type: String, required: true },
    name: { type: String, required: true },
    organisation: String,
    at: { type: Date, required: true },
  },
  { collection: 'blocker_helpers', versionKey: false },
);
blockerHelperSchema.index({ blockerId: 1 });

export function blockerHelperModel(conn: Connection): Model<BlockerHelperDoc> {
  return conn.models.BlockerHelper ?? conn.model<BlockerHelperDoc>('BlockerHelper', blockerHelperSchema);
}
