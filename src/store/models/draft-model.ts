import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Check-in drafts are kept as a chain of versions. Each change is a new turn document whose
 * `_id` is `<draftId>#<version>`: inserting it is the claim, so two replicas (or two messages
 * handled at once) can never both build on the same version. The head document is a readable
 * copy of the latest version, written after the turn; readers check for newer turns, so a
 * head left behind by a crash is harmless.
 */
export interface DraftHeadDoc {
  /** `checkin:<roundId>:<memberId>`, the id of the check-in it becomes. */
  _id: string;
  version: number;
  roundId: string;
  missionId: string;
  memberId: string;
  userKey: string;
  mode: string;
  status: string;
  /** JSON: answers are keyed by question id, which is data, not schema. */
  answers: string;
  position: string;
  lastMessageAt?: Date;
  lastAnswered?: string;
  recent: string[];
  noted: boolean;
  updatedAt: Date;
}

export interface DraftTurnDoc {
  /** `<draftId>#<version>` */
  _id: string;
  draftId: string;
  roundId: string;
  version: number;
  /** The whole draft at this version, as JSON. */
  state: string;
  at: Date;
}

const headSchema = new Schema<DraftHeadDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    roundId: { type: String, required: true },
    missionId: { type: String, required: true },
    memberId: { type: String, required: true },
    userKey: { type: String, required: true },
    mode: { type: String, required: true, enum: ['new', 'edit'] },
    status: { type: String, required: true, enum: ['active', 'stopped', 'cleared'] },
    answers: { type: String, required: true },
    position: { type: String, default: '' },
    lastMessageAt: Date,
    lastAnswered: String,
    recent: { type: [String], required: true },
    noted: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'checkin_drafts', versionKey: false },
);
headSchema.index({ roundId: 1 });

const turnSchema = new Schema<DraftTurnDoc>(
  {
    _id: { type: String, required: true },
    draftId: { type: String, required: true },
    roundId: { type: String, required: true },
    version: { type: Number, required: true },
    state: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'checkin_draft_turns', versionKey: false },
);
turnSchema.index({ roundId: 1 });

export function draftHeadModel(conn: Connection): Model<DraftHeadDoc> {
  return conn.models.CheckinDraft ?? conn.model<DraftHeadDoc>('CheckinDraft', headSchema);
}

export function draftTurnModel(conn: Connection): Model<DraftTurnDoc> {
  return conn.models.CheckinDraftTurn ?? conn.model<DraftTurnDoc>('CheckinDraftTurn', turnSchema);
}
