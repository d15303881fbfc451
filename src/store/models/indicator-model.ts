import { Schema, type Connection, type Model } from 'mongoose';

/** One indicator of a mission. `_id` is `<missionId>:<key>`, so a key is unique by insert. */
export interface IndicatorDoc {
  _id: string;
  /** Random per definition: readings hang off it, so a removed and re-added key starts clean. */
  uid: string;
  missionId: string;
  key: string;
  name: string;
  unit?: string;
  direction: string;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  ownerMemberId?: string;
  addedAt: Date;
  updatedAt: Date;
}

const indicatorSchema = new Schema<IndicatorDoc>(
  {
    _id: { type: String, required: true },
    uid: { type: String, required: true },
    missionId: { type: String, required: true },
    key: { type: String, required: true },
    name: { type: String, required: true },
    unit: String,
    direction: { type: String, required: true, enum: ['down', 'up'] },
    baselineValue: { type: Number, required: true },
    baselineDate: { type: String, required: true },
    targetValue: { type: Number, required: true },
    targetDate: { type: String, required: true },
    ownerMemberId: String,
    addedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'indicators', versionKey: false },
);
indicatorSchema.index({ missionId: 1 });

export function indicatorModel(conn: Connection): Model<IndicatorDoc> {
  return conn.models.Indicator ?? conn.model<IndicatorDoc>('Indicator', indicatorSchema);
}
