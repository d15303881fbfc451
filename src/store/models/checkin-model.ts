import { Schema, type Connection, type Model } from 'mongoose';

export interface CheckinDoc {
  _id: string;
  roundId: string;
  missionId: string;
  memberId: string;
  userKey: string;
  status: string;
  /** JSON strings: answers are keyed by question id, which is data, not schema. */
  answers: string;
  late: boolean;
  submittedAt: Date;
  editedAt?: Date;
  history: string[];
}

const checkinSchema = new Schema<CheckinDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true },
    missionId: { type: String, required: true },
    memberId: { type: String, required: true },
    userKey: { type: String, required: true },
    status: { type: String, required: true, enum: ['answered', 'skipped'] },
    answers: { type: String, required: true },
    late: { type: Boolean, required: true },
    submittedAt: { type: Date, required: true },
    editedAt: Date,
    history: { type: [String], required: true },
  },
  { collection: 'checkins', versionKey: false },
);
checkinSchema.index({ roundId: 1 });
checkinSchema.index({ missionId: 1, submittedAt: -1 });
checkinSchema.index({ userKey: 1 });

export function checkinModel(conn: Connection): Model<CheckinDoc> {
  return conn.models.Checkin ?? conn.model<CheckinDoc>('Checkin', checkinSchema);
}
