import { Schema, type Connection, type Model } from 'mongoose';

/** One admin change: who, what, before and after (as JSON strings, so any shape is portable). */
export interface AuditDoc {
  _id: string;
  missionId: string;
  actorKey: string;
  action: string;
  before?: string;
  after?: string;
  at: Date;
}

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    actorKey: { type: String, required: true },
    action: { type: String, required: true },
    before: String,
    after: String,
    at: { type: Date, required: true },
  },
  { collection: 'audit', versionKey: false },
);
auditSchema.index({ missionId: 1, at: -1 });

export function auditModel(conn: Connection): Model<AuditDoc> {
  return conn.models.Audit ?? conn.model<AuditDoc>('Audit', auditSchema);
}
