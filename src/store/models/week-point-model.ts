import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One round's trend figures (domain/digest-types.ts WeekPoint), kept so a digest reads a few
 * small documents instead of every earlier round's check-ins. `_id` is the round id. The
 * `basis*` fields say what the figures were computed from: the round's check-in stamp and the
 * sizes of its asked and away lists. Figures whose basis no longer matches are computed again.
 */
export interface WeekPointDoc {
  _id: string;
  missionId: string;
  weekKey: string;
  asked: number;
  answered: number;
  /** Absent when no one gave a confidence answer. */
  confidence?: number;
  confidenceAnswers: number;
  /** The `checkins:<round>` stamp read before the check-ins were ('' when never bumped). */
  basisStamp: string;
  basisAsked: number;
  basisAway: number;
  computedAt: Date;
}

const weekPointSchema = new Schema<WeekPointDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    weekKey: { type: String, required: true },
    asked: { type: Number, required: true },
    answered: { type: Number, required: true },
    confidence: Number,
    confidenceAnswers: { type: Number, required: true },
    basisStamp: { type: String, default: '' },
    basisAsked: { type: Number, required: true },
    basisAway: { type: Number, required: true },
    computedAt: { type: Date, required: true },
  },
  { collection: 'week_points', versionKey: false },
);

export function weekPointModel(conn: Connection): Model<WeekPointDoc> {
  return conn.models.WeekPoint ?? conn.model<WeekPointDoc>('WeekPoint', weekPointSchema);
}
