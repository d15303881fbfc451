import { Schema, type Connection, type Model } from 'mongoose';

export interface MemberDoc {
  _id: string;
  missionId: string;
  platform: string;
  workspaceId: string;
  userId: string;
  userKey: string;
  displayName: string;
  organisation?: string;
  role: string;
  joinedAt: Date;
}

const memberSchema = new Schema<MemberDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    userKey: { type: String, required: true },
    displayName: { type: String, required: true },
    organisation: String,
    role: { type: String, required: true, enum: ['member', 'lead', 'admin'] },
    joinedAt: { type: Date, required: true },
  },
  { collection: 'members', versionKey: false },
);
memberSchema.index({ missionId: 1 });
memberSchema.index({ userKey: 1 });

export function memberModel(conn: Connection): Model<MemberDoc> {
  return conn.models.Member ?? conn.model<MemberDoc>('Member', memberSchema);
}
