import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Which check-in a person's replies are about, per platform identity (`_id` is the user key).
 * Plain writes: the last one wins, and either outcome is a valid choice the person made.
 */
export interface ConversationDoc {
  _id: string;
  /** The round the person is answering by reply. */
  roundId?: string;
  /** Round ids offered in "which mission?", in the order shown; empty when not asking. */
  choosing: string[];
  /** What they said before they were asked which mission; applied once they choose. */
  held?: string;
  heldAt?: Date;
  updatedAt: Date;
}

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    roundId: String,
    choosing: { type: [String], required: true },
    held: String,
    heldAt: Date,
    updatedAt: { type: Date, required: true },
  },
  { collection: 'checkin_conversations', versionKey: false },
);

export function conversationModel(conn: Connection): Model<ConversationDoc> {
  return conn.models.CheckinConversation ?? conn.model<ConversationDoc>('CheckinConversation', conversationSchema);
}
