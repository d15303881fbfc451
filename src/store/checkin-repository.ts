import type { Connection, Model } from 'mongoose';
import type { Checkin, CheckinEdit } from '../domain/checkin';
import type { Answers } from '../domain/questions';
import { isDuplicateKey } from '../errors';
import { checkinModel, type CheckinDoc } from './models/checkin-model';

/** The stored fields every reader shares; `history` is decoded only by those that need it. */
export function toCheckinWithoutHistory(d: CheckinDoc): Omit<Checkin, 'history'> {
  return {
    id: d._id,
    roundId: d.roundId,
    missionId: d.missionId,
    memberId: d.memberId,
    userKey: d.userKey,
    status: d.status as Checkin['status'],
    answers: JSON.parse(d.answers) as Answers,
    late: d.late,
    submittedAt: d.submittedAt,
    ...(d.editedAt ? { editedAt: d.editedAt } : {}),
  };
}

function toCheckin(d: CheckinDoc): Checkin {
  return {
    ...toCheckinWithoutHistory(d),
    history: d.history.map((h) => {
      const e = JSON.parse(h) as { answers: Answers; at: string };
      return { answers: e.answers, at: new Date(e.at) } satisfies CheckinEdit;
    }),
  };
}

export class CheckinRepository {
  private readonly model: Model<CheckinDoc>;

  constructor(conn: Connection) {
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
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  /** Replaces the answers, keeping the previous version in the history. */
  async edit(previous: Checkin, answers: Answers, at: Date, status: Checkin['status'] = 'answered'): Promise<void> {
    const old = JSON.stringify({ answers: previous.answers, at: (previous.editedAt ?? previous.submittedAt).toISOString() });
    await this.model
      .updateOne({ _id: previous.id }, { $set: { answers: JSON.stringify(answers), editedAt: at, status }, $push: { history: old } })
      .exec();
  }

  async get(id: string): Promise<Checkin | undefined> {
    const d = await this.model.findById(id).lean<CheckinDoc>().exec();
    return d ? toCheckin(d) : undefined;
  }

  async listByRound(roundId: string): Promise<Checkin[]> {
    const docs = await this.model.find({ roundId }).lean<CheckinDoc[]>().exec();
    return docs.map(toCheckin);
  }
}
