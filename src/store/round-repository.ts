import type { Connection, Model } from 'mongoose';
import type { CheckinRound } from '../domain/checkin';
import type { Question } from '../domain/questions';
import { isDuplicateKey } from '../errors';
import { roundModel, type RoundDoc } from './models/round-model';
import { StampedCache } from './stamped-cache';
import type { Stamps } from './stamps';

/** Change-stamp key of the open rounds' index: bumped when a round opens, fans out, is reminded or closes. */
const OPEN_KEY = 'rounds-open';

/** What the scheduler and commands ask of open rounds, without their questions and rosters. */
interface OpenRound {
  id: string;
  missionId: string;
  opensAt: number;
  remindAt: number;
  closesAt: number;
  reminded: boolean;
  fannedOut: boolean;
}

function toRound(d: RoundDoc): CheckinRound {
  return {
    id: d._id,
    missionId: d.missionId,
    weekKey: d.weekKey,
    status: d.status as CheckinRound['status'],
    opensAt: d.opensAt,
    remindAt: d.remindAt,
    closesAt: d.closesAt,
    questions: JSON.parse(d.questions) as Question[],
    asked: [...d.asked],
    away: [...(d.away ?? [])],
    ...(d.closedAt ? { closedAt: d.closedAt } : {}),
  };
}

export class RoundRepository {
  private readonly model: Model<RoundDoc>;

  // Open rounds are few (one per mission at most) but the collection keeps every week of every
  // mission: on the embedded database each question about open rounds would scan all of
  // history, so their index is cached behind a change stamp.
  private readonly open: StampedCache<OpenRound[]>;

  constructor(
    conn: Connection,
    private readonly stamps: Stamps,
  ) {
    this.model = roundModel(conn);
    this.open = new StampedCache(stamps, { maxEntries: 1, maxAgeMs: 10 * 60_000 });
  }

  private async openRounds(): Promise<OpenRound[]> {
    return this.open.get(OPEN_KEY, async () => {
      const docs = await this.model
        .find({ status: 'open' }, { missionId: 1, opensAt: 1, remindAt: 1, closesAt: 1, reminded: 1, fannedOut: 1 })
        .lean<Array<Pick<RoundDoc, '_id' | 'missionId' | 'opensAt' | 'remindAt' | 'closesAt' | 'reminded' | 'fannedOut'>>>()
        .exec();
      return docs.map((d) => ({
        id: d._id,
        missionId: d.missionId,
        opensAt: d.opensAt.getTime(),
        remindAt: d.remindAt.getTime(),
        closesAt: d.closesAt.getTime(),
        reminded: d.reminded,
        fannedOut: d.fannedOut,
      }));
    });
  }

  /** The open rounds among `entries`, re-read by `_id` (the index may lag a write by one stamp read). */
  private async confirmOpen(entries: OpenRound[], limit = entries.length): Promise<CheckinRound[]> {
    const rounds = await Promise.all(entries.slice(0, limit).map((e) => this.get(e.id)));
    return rounds.filter((r): r is CheckinRound => r?.status === 'open');
  }

  private async changed(): Promise<void> {
    this.open.forget(OPEN_KEY);
    await this.stamps.bump(OPEN_KEY);
  }

  /** Opens a round. The deterministic _id makes this the claim: false if it already exists. */
  async insert(r: CheckinRound): Promise<boolean> {
    try {
      await this.model.create({
        _id: r.id,
        missionId: r.missionId,
        weekKey: r.weekKey,
        status: r.status,
        opensAt: r.opensAt,
        remindAt: r.remindAt,
        closesAt: r.closesAt,
        questions: JSON.stringify(r.questions),
        asked: r.asked,
        away: r.away,
        reminded: false,
        fannedOut: false,
      });
      await this.changed();
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  async get(id: string): Promise<CheckinRound | undefined> {
    const d = await this.model.findById(id).lean<RoundDoc>().exec();
    return d ? toRound(d) : undefined;
  }

  /** The open round of a mission, if any (the newest). */
  async findOpen(missionId: string): Promise<CheckinRound | undefined> {
    const mine = (await this.openRounds()).filter((r) => r.missionId === missionId).sort((a, b) => b.opensAt - a.opensAt);
    return (await this.confirmOpen(mine))[0];
  }

  async findOpenForMissions(missionIds: string[]): Promise<CheckinRound[]> {
    if (missionIds.length === 0) return [];
    const wanted = new Set(missionIds);
    return this.confirmOpen((await this.openRounds()).filter((r) => wanted.has(r.missionId)));
  }

  async latest(missionId: string, limit: number): Promise<CheckinRound[]> {
    const docs = await this.model.find({ missionId }).sort({ opensAt: -1 }).limit(limit).lean<RoundDoc[]>().exec();
    return docs.map(toRound);
  }

  async dueReminders(now: Date, limit: number): Promise<CheckinRound[]> {
    const due = (await this.openRounds()).filter((r) => !r.reminded && r.remindAt <= now.getTime());
    return (await this.confirmOpen(due, limit)).filter((r) => r.remindAt.getTime() <= now.getTime());
  }

  async dueCloses(now: Date, limit: number): Promise<CheckinRound[]> {
    const due = (await this.openRounds()).filter((r) => r.closesAt <= now.getTime());
    return (await this.confirmOpen(due, limit)).filter((r) => r.closesAt.getTime() <= now.getTime());
  }

  async addAsked(id: string, memberId: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $addToSet: { asked: memberId } }).exec();
  }

  /** Open rounds whose prompts may not all be in the outbox (the opener crashed mid-way). */
  async unfinishedFanOuts(limit: number): Promise<CheckinRound[]> {
    return this.confirmOpen(
      (await this.openRounds()).filter((r) => !r.fannedOut),
      limit,
    );
  }

  async markFannedOut(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { fannedOut: true } }).exec();
    await this.changed();
  }

  async markReminded(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { reminded: true } }).exec();
    await this.changed();
  }

  async markClosed(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: 'closed', closedAt: at } }).exec();
    await this.changed();
  }
}
