import type { Connection, Model } from 'mongoose';
import { isLive, type CheckinDraft } from '../domain/checkin-draft';
import { conflict, isDuplicateKey } from '../errors';
import { draftHeadModel, draftTurnModel, type DraftHeadDoc, type DraftTurnDoc } from './models/draft-model';

/** Tries before giving up when other writers keep getting in first (a person sending a burst). */
const MAX_TRIES = 8;

const turnId = (draftId: string, version: number): string => `${draftId}#${version}`;

interface StoredDraft extends Omit<CheckinDraft, 'lastMessageAt' | 'updatedAt'> {
  lastMessageAt?: string;
  updatedAt: string;
}

function toJson(d: CheckinDraft): string {
  return JSON.stringify(d);
}

function fromJson(s: string): CheckinDraft {
  const raw = JSON.parse(s) as StoredDraft;
  const { lastMessageAt, updatedAt, ...rest } = raw;
  return { ...rest, updatedAt: new Date(updatedAt), ...(lastMessageAt ? { lastMessageAt: new Date(lastMessageAt) } : {}) };
}

function fromHead(h: DraftHeadDoc): CheckinDraft {
  return {
    id: h._id,
    roundId: h.roundId,
    missionId: h.missionId,
    memberId: h.memberId,
    userKey: h.userKey,
    mode: h.mode as CheckinDraft['mode'],
    status: h.status as CheckinDraft['status'],
    answers: JSON.parse(h.answers) as Record<string, string>,
    position: h.position ?? '',
    ...(h.lastMessageAt ? { lastMessageAt: h.lastMessageAt } : {}),
    ...(h.lastAnswered ? { lastAnswered: h.lastAnswered } : {}),
    recent: h.recent,
    noted: h.noted,
    updatedAt: h.updatedAt,
  };
}

/**
 * Check-in drafts as a chain of versions (see draft-model): every change is a unique insert,
 * so concurrent changes are applied one after the other, never lost.
 */
export class DraftRepository {
  private readonly heads: Model<DraftHeadDoc>;
  private readonly turns: Model<DraftTurnDoc>;

  constructor(conn: Connection) {
    this.heads = draftHeadModel(conn);
    this.turns = draftTurnModel(conn);
  }

  /** The latest version of a draft (including a cleared one), or undefined if it never existed. */
  async read(id: string): Promise<{ version: number; draft: CheckinDraft } | undefined> {
    const head = await this.heads.findById(id).lean<DraftHeadDoc>().exec();
    let version = head?.version ?? 0;
    let draft = head ? fromHead(head) : undefined;
    // The head may lag behind the turns (a crash, or two writers finishing out of order).
    for (;;) {
      const next = await this.turns
        .findById(turnId(id, version + 1))
        .lean<DraftTurnDoc>()
        .exec();
      if (!next) break;
      version = next.version;
      draft = fromJson(next.state);
    }
    return draft ? { version, draft } : undefined;
  }

  /** The draft in progress (active or stopped), if any. */
  async live(id: string): Promise<CheckinDraft | undefined> {
    const found = await this.read(id);
    return found && isLive(found.draft) ? found.draft : undefined;
  }

  /** Stores `draft` as the version after `version`; false when someone else wrote that version first. */
  async write(version: number, draft: CheckinDraft): Promise<boolean> {
    const next = version + 1;
    try {
      await this.turns.create({
        _id: turnId(draft.id, next),
        draftId: draft.id,
        roundId: draft.roundId,
        version: next,
        state: toJson(draft),
        at: draft.updatedAt,
      });
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    await this.writeHead(next, draft);
    return true;
  }

  /** Overwrites the head by _id, creating it (a unique insert) the first time; the turns stay the truth. */
  private async writeHead(version: number, draft: CheckinDraft): Promise<void> {
    const { id, answers, lastMessageAt, lastAnswered, ...fields } = draft;
    const doc = {
      ...fields,
      version,
      answers: JSON.stringify(answers),
      ...(lastMessageAt ? { lastMessageAt } : {}),
      ...(lastAnswered ? { lastAnswered } : {}),
    };
    const unset = { ...(lastMessageAt ? {} : { lastMessageAt: 1 }), ...(lastAnswered ? {} : { lastAnswered: 1 }) };
    const overwrite = () =>
      this.heads.updateOne({ _id: id }, { $set: doc, ...(Object.keys(unset).length ? { $unset: unset } : {}) }).exec();
    if ((await overwrite()).matchedCount > 0) return;
    try {
      await this.heads.create({ _id: id, ...doc });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await overwrite();
    }
  }

  /**
   * Applies `change` to the latest version and stores the result, re-reading and re-applying
   * when another change got in first. `change` returns undefined to leave the draft as it is;
   * it must be free of side effects, since it may run more than once.
   */
  async update(
    id: string,
    change: (current: CheckinDraft | undefined) => CheckinDraft | undefined,
  ): Promise<{ draft: CheckinDraft | undefined; written: boolean }> {
    for (let i = 0; i < MAX_TRIES; i++) {
      const current = await this.read(id);
      const next = change(current?.draft);
      if (!next) return { draft: current?.draft, written: false };
      if (await this.write(current?.version ?? 0, next)) return { draft: next, written: true };
    }
    throw conflict('Too many changes to this check-in at once. Please send that again.');
  }

  /** Ends the draft in progress (the check-in was submitted). */
  async clear(id: string, at: Date): Promise<void> {
    await this.update(id, (d) =>
      d && isLive(d) ? { ...d, status: 'cleared', position: '', lastAnswered: undefined, updatedAt: at } : undefined,
    );
  }

  /** Drops every draft of a closed round: they can no longer become check-ins. */
  async deleteRound(roundId: string): Promise<void> {
    await this.turns.deleteMany({ roundId }).exec();
    await this.heads.deleteMany({ roundId }).exec();
  }
}
