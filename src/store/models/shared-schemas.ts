import { Schema } from 'mongoose';

/** Embedded shapes reused by several collections. `_id: false` keeps subdocuments plain. */
export const workspaceRefSchema = new Schema(
  { platform: { type: String, required: true }, workspaceId: { type: String, required: true } },
  { _id: false },
);

export const userRefSchema = new Schema(
  {
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
  },
  { _id: false },
);

export const conversationRefSchema = new Schema(
  {
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    conversationId: { type: String, required: true },
    kind: { type: String, required: true, enum: ['dm', 'channel', 'group'] },
    serviceUrl: { type: String },
  },
  { _id: false },
);
