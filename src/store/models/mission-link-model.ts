import { Schema, type Connection, type Model } from 'mongoose';
import { conversationRefSchema, userRefSchema, workspaceRefSchema } from './shared-schemas';

type ConversationDoc = { platform: string; workspaceId: string; conversationId: string; kind: string; serviceUrl?: string };

/** A workspace linked to a mission. `_id` is `<missionId>:<workspaceKey>`: one link per pair. */
export interface MissionLinkDoc {
  _id: string;
  missionId: string;
  workspace: { platform: string; workspaceId: string };
  workspaceKey: string;
  linkedBy: { platform: string; workspaceId: string; userId: string };
  linkedByName: string;
  linkedAt: Date;
  invitedBy?: { platform: string; workspaceId: string; userId: string };
  digestChannel?: ConversationDoc;
  alertChannel?: ConversationDoc;
}

const missionLinkSchema = new Schema<MissionLinkDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    workspace: { type: workspaceRefSchema, required: true },
    workspaceKey: { type: String, required: true },
    linkedBy: { type: userRefSchema, required: true },
    linkedByName: { type: String, required: true },
    linkedAt: { type: Date, required: true },
    invitedBy: userRefSchema,
    digestChannel: conversationRefSchema,
    alertChannel: conversationRefSchema,
  },
  { collection: 'mission_links', versionKey: false },
);

export function missionLinkModel(conn: Connection): Model<MissionLinkDoc> {
  return conn.models.MissionLink ?? conn.model<MissionLinkDoc>('MissionLink', missionLinkSchema);
}
