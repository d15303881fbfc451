import { inLanes } from './in-lanes';
import type { Connection, Model } from 'mongoose';
import { checkinId, type Checkin, type CheckinEdit, type CheckinRound } from '../domain/checkin';
import type { Answers } from '../domain/questions';
import { isDuplicateKey } from '../errors';
import { checkinModel, type CheckinDoc } from './models/checkin-model';
import type { Stamps } from './stamps';

/** The change stamp of a round's check-ins: bumped after every write to one of them. */
export const checkinStampKey = (roundId: string): string => `checkins:${roundId}`;

/** What a round's check-ins can be found by: its id, and who could have answered. */
export type RoundRef = Pick<CheckinRound, 'id' | 'asked' | 'away'>;

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

/**
 * Lookups in flight at once for one round: enough to keep the server busy, few enough that a
 * 300-member round does not open a connection per member (measured on FerretDB: 16-32 is the
 * sweet spot, unbounded is slower).
 */
const LOOKUP_LANES = 24;

export class CheckinRepository {
  private readonly model: Model<CheckinDoc>;

  constructor(
    conn: Connection,
    private readonly stamps: Stamps,
    /** Store.idLookupsOnly: read a round's check-ins by `_id`, not by `roundId`. */
    private readonly idLookupsOnly = false,
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
   * A round's check-ins. Given the round, on a server that scans for anything but an `_id`
   * (Store.idLookupsOnly) they are parallel `_id` lookups of everyone asked or away, since a
   * check-in is only ever stored for one of them (CheckinService adds a late answerer to `asked`
   * before storing). Given only an id, or on other servers, one query on the `roundId` index.
   */
  async listByRound(round: string | RoundRef): Promise<Checkin[]> {
    if (typeof round === 'string' || !this.idLookupsOnly) {
      const id = typeof round === 'string' ? round : round.id;
      const docs = await this.model.find({ roundId: id }).lean<CheckinDoc[]>().exec();
      return docs.map(toCheckin);
    }
    const who = [...new Set([...round.asked, ...round.away])];
    // The driver's own findOne, without mongoose's query building: a third less client time.
    const col = this.model.db.db?.collection<CheckinDoc>(this.model.collection.collectionName);
    if (!col) throw new Error('database not connected');
    const found = await inLanes(who, LOOKUP_LANES, (m) => col.findOne({ _id: checkinId(round.id, m) }));
    return found.filter((d) => d !== null).map(toCheckin);
  }
}
