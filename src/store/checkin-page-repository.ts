import type { Connection, Model } from 'mongoose';
import type { Checkin } from '../domain/checkin';
import { toCheckinWithoutHistory } from './checkin-documents';
import { checkinModel, type CheckinDoc } from './models/checkin-model';

/** A check-in as reports need it (edit history left out). */
export type ReportedCheckin = Omit<Checkin, 'history'>;

const toReported = (d: CheckinDoc): ReportedCheckin => toCheckinWithoutHistory(d);

/**
 * Read-only paging over a mission's check-ins for the reporting API and exports. Check-in ids
 * are `checkin:round:<mission>:<week>:<member>`, so ordering by `_id` is oldest week first and
 * `_id > cursor` is a keyset page that no later write can shift.
 */
export class CheckinPageRepository {
  private readonly model: Model<CheckinDoc>;

  constructor(conn: Connection) {
    this.model = checkinModel(conn);
  }

  async page(missionId: string, opts: { after?: string; limit: number; roundId?: string }): Promise<ReportedCheckin[]> {
    const filter: Record<string, unknown> = { missionId };
    if (opts.roundId) filter.roundId = opts.roundId;
    if (opts.after) filter._id = { $gt: opts.after };
    const docs = await this.model.find(filter).sort({ _id: 1 }).limit(opts.limit).lean<CheckinDoc[]>().exec();
    return docs.map(toReported);
  }

  /**
   * Who answered or skipped in each round, answers left out: one read for a page of rounds,
   * enough for the participation figures (domain/digest.ts memberStatuses).
   */
  async responsesByRound(roundIds: string[]): Promise<Map<string, Checkin[]>> {
    const out = new Map<string, Checkin[]>();
    if (roundIds.length === 0) return out;
    const docs = await this.model
      .find({ roundId: { $in: roundIds } }, { answers: 0, history: 0 })
      .lean<Array<Omit<CheckinDoc, 'answers' | 'history'>>>()
      .exec();
    for (const d of docs) {
      const c: Checkin = { ...toReported({ ...d, answers: '{}', history: [] }), history: [] };
      out.set(d.roundId, [...(out.get(d.roundId) ?? []), c]);
    }
    return out;
  }
}
