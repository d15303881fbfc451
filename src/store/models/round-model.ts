import { Schema, type Connection, type Model } from 'mongoose';

export interface RoundDoc {
  _id: string;
  missionId: string;
  weekKey: string;
  status: string;
  opensAt: Date;
  remindAt: Date;
  closesAt: Date;
  /** Questions as a JSON string: keeps the round's copy portable whatever its shape. */
  questions: string;
  asked: string[];
  away: string[];
  reminded: boolean;
  /** Set once every prompt is in the outbox; a round left unset was cut short by a crash. */
  fannedOut: boolean;
  closedAt?: Date;
}

const roundSchema = new Schema<RoundDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    weekKey: { type: String, required: true },
    status: { type: String, required: true, enum: ['open', 'closed'] },
    opensAt: { type: Date, required: true },
    remindAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    questions: { type: String, required: true },
    asked: { type: [String], required: true },
    away: { type: [String], required: true },
    reminded: { type: Boolean, required: true },
    fannedOut: { type: Boolean, required: true },
    closedAt: Date,
  },
  { collection: 'rounds', versionKey: false },
);
roundSchema.index({ status: 1, remindAt: 1 });
roundSchema.index({ status: 1, closesAt: 1 });
roundSchema.index({ missionId: 1, opensAt: -1 });

export function roundModel(conn: Connection): Model<RoundDoc> {
  return conn.models.Round ?? conn.model<RoundDoc>('Round', roundSchema);
}
