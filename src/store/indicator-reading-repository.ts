import type { Connection, Model } from 'mongoose';
import type { IndicatorReading } from '../domain/indicator';
import { isDuplicateKey } from '../errors';
import { stripUndefined } from './strip-undefined';
import { indicatorReadingModel, type IndicatorReadingDoc } from './models/indicator-reading-model';

export interface NewReading {
  value: number;
  date: string;
  note?: string;
  recordedBy: string;
  recordedByName?: string;
}

/** Which indicator a reading belongs to. */
export interface ReadingOwner {
  missionId: string;
  key: string;
  uid: string;
}

const MAX_VERSION_RACES = 5;

function toReading(d: IndicatorReadingDoc): IndicatorReading {
  return {
    missionId: d.missionId,
    key: d.key,
    value: d.value,
    date: d.date,
    ...(d.note ? { note: d.note } : {}),
    recordedBy: d.recordedBy,
    ...(d.recordedByName ? { recordedByName: d.recordedByName } : {}),
    recordedAt: d.recordedAt,
  };
}

/** The reading that counts for each date (its highest version), oldest date first. */
function current(docs: IndicatorReadingDoc[]): IndicatorReadingDoc[] {
  const byDate = new Map<string, IndicatorReadingDoc>();
  for (const d of docs) {
    const seen = byDate.get(d.date);
    if (!seen || d.version > seen.version) byDate.set(d.date, d);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Readings of indicators. A date holds one reading at a time; replaced ones are kept, superseded. */
export class IndicatorReadingRepository {
  private readonly model: Model<IndicatorReadingDoc>;

  constructor(conn: Connection) {
    this.model = indicatorReadingModel(conn);
  }

  /**
   * Records a reading. Another reading for the same date is superseded (kept, with
   * `supersededAt`) and returned as `replaced`.
   */
  async record(owner: ReadingOwner, input: NewReading, at: Date): Promise<{ reading: IndicatorReading; replaced?: IndicatorReading }> {
    for (let attempt = 0; attempt < MAX_VERSION_RACES; attempt++) {
      const sameDate = await this.model.find({ indicatorUid: owner.uid, date: input.date }).lean<IndicatorReadingDoc[]>().exec();
      const previous = current(sameDate)[0];
      const version = (previous?.version ?? 0) + 1;
      const doc: IndicatorReadingDoc = stripUndefined({
        _id: `${owner.uid}:${input.date}:${version}`,
        indicatorUid: owner.uid,
        missionId: owner.missionId,
        key: owner.key,
        value: input.value,
        date: input.date,
        version,
        note: input.note,
        recordedBy: input.recordedBy,
        recordedByName: input.recordedByName,
        recordedAt: at,
      });
      try {
        await this.model.create(doc);
      } catch (e) {
        if (isDuplicateKey(e)) continue; // someone recorded this date at the same moment: go after them
        throw e;
      }
      if (previous) {
        await this.model
          .updateMany({ indicatorUid: owner.uid, date: input.date, version: { $lt: version } }, { $set: { supersededAt: at } })
          .exec();
      }
      return { reading: toReading(doc), ...(previous ? { replaced: toReading(previous) } : {}) };
    }
    throw new Error(`could not record a reading for ${owner.uid} on ${input.date}: too many at once`);
  }

  /** The readings that count, oldest date first. */
  async list(uid: string): Promise<IndicatorReading[]> {
    const docs = await this.model.find({ indicatorUid: uid }).lean<IndicatorReadingDoc[]>().exec();
    return current(docs).map(toReading);
  }

  /** The readings that count for every indicator of a mission, by indicator uid. */
  async listForMission(missionId: string): Promise<Map<string, IndicatorReading[]>> {
    const docs = await this.model.find({ missionId }).lean<IndicatorReadingDoc[]>().exec();
    const byUid = new Map<string, IndicatorReadingDoc[]>();
    for (const d of docs) byUid.set(d.indicatorUid, [...(byUid.get(d.indicatorUid) ?? []), d]);
    return new Map([...byUid].map(([uid, list]) => [uid, current(list).map(toReading)]));
  }

  /** Every version ever recorded for one date, oldest first (for audits and tests). */
  async versions(uid: string, date: string): Promise<Array<IndicatorReading & { supersededAt?: Date }>> {
    const docs = await this.model.find({ indicatorUid: uid, date }).lean<IndicatorReadingDoc[]>().exec();
    return docs
      .sort((a, b) => a.version - b.version)
      .map((d) => ({ ...toReading(d), ...(d.supersededAt ? { supersededAt: d.supersededAt } : {}) }));
  }

  async removeAllOf(uid: string): Promise<void> {
    await this.model.deleteMany({ indicatorUid: uid }).exec();
  }
}
