import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One document per direct message taken in, `_id: <platform>:<workspace>:<messageId>`. The
 * insert is the claim: a redelivered message (Slack's retries, a duplicate delivery) finds it.
 */
export interface DmSeenDoc {
  _id: string;
  at: Date;
  /** Set once the message has been answered; until then a second delivery may be a retry after a crash. */
  done: boolean;
}

const dmSeenSchema = new Schema<DmSeenDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    done: { type: Boolean, required: true },
  },
  { collection: 'dm_seen', versionKey: false },
);
dmSeenSchema.index({ at: 1 });

export function dmSeenModel(conn: Connection): Model<DmSeenDoc> {
  return conn.models.DmSeen ?? conn.model<DmSeenDoc>('DmSeen', dmSeenSchema);
}
