import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One reading of an indicator. `_id` is `<indicatorUid>:<date>:<version>`: recording the same
 * date again inserts the next version (a unique insert, so two recorders never collide) and
 * marks the earlier one superseded; the highest version of a date is the one that counts.
 */
export interface IndicatorReadingDoc {
  _id: string;
  indicatorUid: string;
  missionId: string;
  key: string;
  value: number;
  date: string;
  version: number;
  note?: string;
  recordedBy: string;
  recordedByName?: string;
  recordedAt: Date;
  supersededAt?: Date;
}

const readingSchema = new Schema<IndicatorReadingDoc>(
  {
    _id: { type: String, required: true },
    indicatorUid: { type: String, required: true },
    missionId: { type: String, required: true },
    key: { type: String, required: true },
    value: { type: Number, required: true },
    date: { type: String, required: true },
    version: { type: Number, required: true },
    note: String,
    recordedBy: { type: String, required: true },
    recordedByName: String,
    recordedAt: { type: Date, required: true },
    supersededAt: Date,
  },
  { collection: 'indicator_readings', versionKey: false },
);
readingSchema.index({ missionId: 1 });
readingSchema.index({ indicatorUid: 1, date: 1 });

export function indicatorReadingModel(conn: Connection): Model<IndicatorReadingDoc> {
  return conn.models.IndicatorReading ?? conn.model<IndicatorReadingDoc>('IndicatorReading', readingSchema);
}
