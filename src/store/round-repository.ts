import type { Connection, Model } from 'mongoose';
import type { CheckinRound } from '../domain/checkin';
import type { Question } from '../domain/questions';
import { isDuplicateKey } from '../errors';
import { roundModel, type RoundDoc } from './models/round-model';

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

  constructor(conn: Connection) {
    this.model = roundModel(conn);
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
    const d = await this.model.findOne({ missionId, status: 'open' }).sort({ opensAt: -1 }).lean<RoundDoc>().exec();
    return d ? toRound(d) : undefined;
  }

  async findOpenForMissions(missionIds: string[]): Promise<CheckinRound[]> {
    if (missionIds.length === 0) return [];
    const docs = await this.model.find({ missionId: { $in: missionIds }, status: 'open' }).lean<RoundDoc[]>().exec();
    return docs.map(toRound);
  }

  async latest(missionId: string, limit: number): Promise<CheckinRound[]> {
    const docs = await this.model.find({ missionId }).sort({ opensAt: -1 }).limit(limit).lean<RoundDoc[]>().exec();
    return docs.map(toRound);
  }

  async dueReminders(now: Date, limit: number): Promise<CheckinRound[]> {
    const docs = await this.model.find({ status: 'open', reminded: false, remindAt: { $lte: now } }).limit(limit).lean<RoundDoc[]>().exec();
    return docs.map(toRound);
  }

  async dueCloses(now: Date, limit: number): Promise<CheckinRound[]> {
    const docs = await this.model.find({ status: 'open', closesAt: { $lte: now } }).limit(limit).lean<RoundDoc[]>().exec();
    return docs.map(toRound);
  }

  async addAsked(id: string, memberId: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $addToSet: { asked: memberId } }).exec();
  }

  /** Open rounds whose prompts may not all be in the outbox (the opener crashed mid-way). */
  async unfinishedFanOuts(limit: number): Promise<CheckinRound[]> {
    const docs = await this.model.find({ status: 'open', fannedOut: false }).limit(limit).lean<RoundDoc[]>().exec();
    return docs.map(toRound);
  }

  async markFannedOut(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { fannedOut: true } }).exec();
  }

  async markReminded(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { reminded: true } }).exec();
  }

  async markClosed(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: 'closed', closedAt: at } }).exec();
  }
}
