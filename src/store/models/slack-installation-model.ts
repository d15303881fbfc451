import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One Slack installation of the app (OAuth), keyed by the workspace's team id, or by the
 * enterprise id for an org-wide install. The installation itself (tokens included) is only
 * ever stored sealed; uninstalling removes `sealed` and keeps when and why, for the record.
 */
export interface SlackInstallationDoc {
  _id: string;
  teamId?: string;
  enterpriseId?: string;
  orgWide: boolean;
  /** The installation as JSON, encrypted (src/store/encryption.ts). Absent once removed. */
  sealed?: string;
  /** The Slack user who installed it. */
  installedBy?: string;
  installedAt: Date;
  updatedAt: Date;
  removedAt?: Date;
  /** app_uninstalled or tokens_revoked. */
  removedReason?: string;
}

const slackInstallationSchema = new Schema<SlackInstallationDoc>(
  {
    _id: { type: String, required: true },
    teamId: String,
    enterpriseId: String,
    orgWide: { type: Boolean, required: true },
    sealed: String,
    installedBy: String,
    installedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    removedAt: Date,
    removedReason: String,
  },
  { collection: 'slack_installations', versionKey: false },
);

export function slackInstallationModel(conn: Connection): Model<SlackInstallationDoc> {
  return conn.models.SlackInstallation ?? conn.model<SlackInstallationDoc>('SlackInstallation', slackInstallationSchema);
}
