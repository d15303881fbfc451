import type { Connection, Model } from 'mongoose';
import { comparePeriods } from '../domain/budget-rules';
import type { BudgetEntry } from '../domain/indicator';
import { isDuplicateKey } from '../errors';
import { budgetModel, type BudgetDoc } from './models/budget-model';

export const budgetDocId = (missionId: string, period: string): string => `${missionId}:${period.toLowerCase()}`;

function toEntry(d: Pick<BudgetDoc, 'missionId' | 'period' | 'total' | 'aligned' | 'recordedBy' | 'recordedAt'>): BudgetEntry {
  return {
    missionId: d.missionId,
    period: d.period,
    total: d.total,
    aligned: d.aligned,
    recordedBy: d.recordedBy,
    recordedAt: new Date(d.recordedAt),
  };
}

/** Budget alignment per mission and period (periods compared without regard to case). */
export class BudgetRepository {
  private readonly model: Model<BudgetDoc>;

  constructor(conn: Connection) {
    this.model = budgetModel(conn);
  }

  /** Records a period's figures; figures already there are replaced, kept in history, and returned. */
  async record(entry: BudgetEntry): Promise<{ previous?: BudgetEntry }> {
    const _id = budgetDocId(entry.missionId, entry.period);
    const fields = {
      period: entry.period,
      total: entry.total,
      aligned: entry.aligned,
      recordedBy: entry.recordedBy,
      recordedAt: entry.recordedAt,
    };
    try {
      await this.model.create({ _id, missionId: entry.missionId, ...fields, history: [] });
      return {};
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const existing = await this.model.findById(_id).lean<BudgetDoc>().exec();
    if (!existing) throw new Error(`budget ${_id} vanished after a duplicate insert`);
    const previous = toEntry(existing);
    await this.model.updateOne({ _id }, { $set: fields, $push: { history: JSON.stringify(previous) } }).exec();
    return { previous };
  }

  /** Every period of a mission, in period order (see comparePeriods). */
  async list(missionId: string): Promise<BudgetEntry[]> {
    const docs = await this.model.find({ missionId }).lean<BudgetDoc[]>().exec();
    return docs.map(toEntry).sort((a, b) => comparePeriods(a.period, b.period));
  }

  /** Earlier figures for a period, oldest first. */
  async history(missionId: string, period: string): Promise<BudgetEntry[]> {
    const d = await this.model.findById(budgetDocId(missionId, period)).lean<BudgetDoc>().exec();
    return (d?.history ?? []).map((h) => toEntry(JSON.parse(h) as BudgetDoc));
  }
}
