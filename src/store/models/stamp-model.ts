import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A change stamp: `token` is replaced after every write to the data the key names
 * ("members:<mission>", "schedule"). Caches remember the token they loaded under and reload
 * when it differs, so every replica sees every change after one `_id` read.
 */
export interface StampDoc {
  _id: string;
  token: string;
  at: Date;
}

const stampSchema = new Schema<StampDoc>(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'stamps', versionKey: false },
);

export function stampModel(conn: Connection): Model<StampDoc> {
  return conn.models.Stamp ?? conn.model<StampDoc>('Stamp', stampSchema);
}
