import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './shared-schemas';

/** An invite code to link a mission to another workspace. `_id` is the code's hash. */
export interface InviteDoc {
  _id: string;
  missionId: string;
  createdBy: { platform: string; workspaceId: string; userId: string };
  createdByName: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * The use of an invite. `_id` is the code's hash again: inserting it is the claim, so of two
 * joins at once exactly one insert succeeds (a conditional update could let both win).
 */
export interface InviteClaimDoc {
  _id: string;
  missionId: string;
  workspaceKey: string;
  claimedBy: { platform: string; workspaceId: string; userId: string };
  at: Date;
}

const inviteSchema = new Schema<InviteDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    createdBy: { type: userRefSchema, required: true },
    createdByName: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'invites', versionKey: false },
);

const inviteClaimSchema = new Schema<InviteClaimDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    workspaceKey: { type: String, required: true },
    claimedBy: { type: userRefSchema, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'invite_claims', versionKey: false },
);

export function inviteModel(conn: Connection): Model<InviteDoc> {
  return conn.models.Invite ?? conn.model<InviteDoc>('Invite', inviteSchema);
}

export function inviteClaimModel(conn: Connection): Model<InviteClaimDoc> {
  return conn.models.InviteClaim ?? conn.model<InviteClaimDoc>('InviteClaim', inviteClaimSchema);
}
