import { Schema, type Connection, type Model } from 'mongoose';
import { conversationRefSchema } from './shared-schemas';

/** A person across all their missions: away dates and how to reach them in a direct message. */
export interface PersonDoc {
  /** userKey: `${platform}:${workspaceId}:${userId}` */
  _id: string;
  platform: string;
  workspaceId: string;
  userId: string;
  displayName?: string;
  awayUntil?: string;
  dm?: { platform: string; workspaceId: string; conversationId: string; kind: string; serviceUrl?: string };
  updatedAt: Date;
}

const personSchema = new Schema<PersonDoc>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    displayName: String,
    awayUntil: String,
    dm: conversationRefSchema,
    updatedAt: { type: Date, required: true },
  },
  { collection: 'people', versionKey: false },
);

export function personModel(conn: Connection): Model<PersonDoc> {
  return conn.models.Person ?? conn.model<PersonDoc>('Person', personSchema);
}
