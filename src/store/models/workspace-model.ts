import { Schema, type Connection, type Model } from 'mongoose';

export interface WorkspaceDoc {
  /** `${platform}:${workspaceId}` */
  _id: string;
  platform: string;
  workspaceId: string;
  name?: string;
  firstSeenAt: Date;
}

const workspaceSchema = new Schema<WorkspaceDoc>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: String,
    firstSeenAt: { type: Date, required: true },
  },
  { collection: 'workspaces', versionKey: false },
);

export function workspaceModel(conn: Connection): Model<WorkspaceDoc> {
  return conn.models.Workspace ?? conn.model<WorkspaceDoc>('Workspace', workspaceSchema);
}
