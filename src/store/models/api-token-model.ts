import { Schema, type Connection, type Model } from 'mongoose';
import { userRefSchema } from './shared-schemas';

/** A reporting API token. `_id` is the token's public id; only the secret's SHA-256 is kept. */
export interface ApiTokenDoc {
  _id: string;
  missionId: string;
  /** The workspace the token was issued in ("slack:T1"): tenancy is re-checked on every use. */
  workspaceKey: string;
  secretHash: string;
  label?: string;
  createdBy: { platform: string; workspaceId: string; userId: string };
  createdByName?: string;
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
  revokedBy?: string;
}

const apiTokenSchema = new Schema<ApiTokenDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    workspaceKey: { type: String, required: true },
    secretHash: { type: String, required: true },
    label: String,
    createdBy: { type: userRefSchema, required: true },
    createdByName: String,
    createdAt: { type: Date, required: true },
    lastUsedAt: Date,
    revokedAt: Date,
    revokedBy: String,
  },
  { collection: 'api_tokens', versionKey: false },
);
// `mission api-token <slug> list`.
apiTokenSchema.index({ missionId: 1 });

export function apiTokenModel(conn: Connection): Model<ApiTokenDoc> {
  return conn.models.ApiToken ?? conn.model<ApiTokenDoc>('ApiToken', apiTokenSchema);
}
