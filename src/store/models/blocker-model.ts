import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './shared-schemas';

export interface BlockerDoc {
  _id: string;
  missionId: string;
  ownerMemberId: string;
  ownerName: string;
  ownerOrganisation?: string;
  ownerUser: { platform: string; workspaceId: string; userId: string };
  text: string;
  severity: string;
  helpWanted?: string;
  status: string;
  source: string;
  checkinId?: string;
  firstWeek: string;
  firstSeenAt: Date;
  generation: number;
  /** Outbox keys of the alert and escalation posts, so a change can update each of them. */
  posts: string[];
  escalateAt?: Date;
  escalatedAt?: Date;
  resolvedAt?: Date;
  resolvedBy?: string;
  resolvedByMemberId?: string;
  resolution?: string;
  updatedAt: Date;
}

const blockerSchema = new Schema<BlockerDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    ownerMemberId: { type: String, required: true },
    ownerName: { type: String, required: true },
    ownerOrganisation: String,
    ownerUser: { type: userRefSchema, required: true },
    text: { type: String, required: true },
    severity: { type: String, required: true, enum: ['low', 'medium', 'high'] },
    helpWanted: String,
    status: { type: String, required: true, enum: ['open', 'resolved', 'withdrawn'] },
    source: { type: String, required: true, enum: ['checkin', 'command'] },
    checkinId: String,
    firstWeek: { type: String, required: true },
    firstSeenAt: { type: Date, required: true },
    generation: { type: Number, required: true },
    posts: { type: [String], required: true },
    escalateAt: Date,
    escalatedAt: Date,
    resolvedAt: Date,
    resolvedBy: String,
    resolvedByMemberId: String,
    resolution: String,
    updatedAt: { type: Date, required: true },
  },
  { collection: 'blockers', versionKey: false },
);
// A mission's open blockers (check-in questions, `mission blockers`, the digest).
blockerSchema.index({ missionId: 1, status: 1 });
// What the digest shows as resolved this week.
blockerSchema.index({ missionId: 1, resolvedAt: 1 });
// The scheduler's escalation pass: only blockers still waiting carry escalateAt.
blockerSchema.index({ escalateAt: 1 });

export function blockerModel(conn: Connection): Model<BlockerDoc> {
  return conn.models.Blocker ?? conn.model<BlockerDoc>('Blocker', blockerSchema);
}
