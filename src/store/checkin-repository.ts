import type { Connection, Model } from 'mongoose';
import type { Checkin } from '../domain/checkin';
import type { Answers } from '../domain/questions';
import { isDuplicateKey } from '../errors';
import { toCheckin } from './checkin-documents';
import { checkinModel, type CheckinDoc } from './models/checkin-model';
import type { ReadShapes, RoundRef } from './read-shapes';
import { checkinStampKey } from './stamp-keys';
import type { Stamps } from './stamps';

/** Check-ins: one per member and round (`_id` from domain/checkin.ts checkinId), edits kept as history. */
export class CheckinRepository {
  private readonly model: Model<CheckinDoc>;

  constructor(
    conn: Connection,
    private readonly stamps: Stamps,
    private readonly shapes: ReadShapes,
  ) {
    this.model = checkinModel(conn);
  }

  /** First answer (or skip) of a member in a round. False when one already exists. */
  async insert(c: Omit<Checkin, 'history'>): Promise<boolean> {
    try {
      await this.model.create({
        _id: c.id,
        roundId: c.roundId,
        missionId: c.missionId,
        memberId: c.memberId,
        userKey: c.userKey,
        status: c.status,
        answers: JSON.stringify(c.answers),
        late: c.late,
        submittedAt: c.submittedAt,
        history: [],
      });
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    await this.stamps.bump(checkinStampKey(c.roundId));
    return true;
  }

  /** Replaces the answers, keeping the previous version in the history. */
  async edit(previous: Checkin, answers: Answers, at: Date, status: Checkin['status'] = 'answered'): Promise<void> {
    const old = JSON.stringify({ answers: previous.answers, at: (previous.editedAt ?? previous.submittedAt).toISOString() });
    await this.model
      .updateOne({ _id: previous.id }, { $set: { answers: JSON.stringify(answers), editedAt: at, status }, $push: { history: old } })
      .exec();
    await this.stamps.bump(checkinStampKey(previous.roundId));
  }

  async get(id: string): Promise<Checkin | undefined> {
    const d = await this.model.findById(id).lean<CheckinDoc>().exec();
    return d ? toCheckin(d) : undefined;
  }

  /**
   * A round's check-ins. Given the round, read in the store's shape (read-shapes.ts); given
   * only its id, one query on the `roundId` index.
   */
  async listByRound(round: string | RoundRef): Promise<Checkin[]> {
    const docs =
      typeof round === 'string'
        ? await this.model.find({ roundId: round }).lean<CheckinDoc[]>().exec()
        : await this.shapes.checkinsOfRound(round);
    return docs.map(toCheckin);
  }
}
