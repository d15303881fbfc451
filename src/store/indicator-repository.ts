import type { Connection, Model } from 'mongoose';
import type { Indicator } from '../domain/indicator';
import { conflict, isDuplicateKey } from '../errors';
import { newId } from './ids';
import { IndicatorReadingRepository } from './indicator-reading-repository';
import { stripUndefined } from './strip-undefined';
import { indicatorModel, type IndicatorDoc } from './models/indicator-model';

/** An indicator as stored: the definition plus where it belongs and its readings' anchor. */
export interface StoredIndicator extends Indicator {
  missionId: string;
  /** Readings belong to this, not to the key: removing and re-adding a key starts afresh. */
  uid: string;
  addedAt: Date;
  updatedAt: Date;
}

/** Fields an edit may change; null clears an optional one. */
export interface IndicatorChange {
  name?: string;
  unit?: string | null;
  direction?: Indicator['direction'];
  baseline?: Indicator['baseline'];
  target?: Indicator['target'];
  ownerMemberId?: string | null;
}

export const indicatorDocId = (missionId: string, key: string): string => `${missionId}:${key}`;

function toIndicator(d: IndicatorDoc): StoredIndicator {
  return {
    missionId: d.missionId,
    uid: d.uid,
    key: d.key,
    name: d.name,
    ...(d.unit ? { unit: d.unit } : {}),
    direction: d.direction as Indicator['direction'],
    baseline: { value: d.baselineValue, date: d.baselineDate },
    target: { value: d.targetValue, date: d.targetDate },
    ...(d.ownerMemberId ? { ownerMemberId: d.ownerMemberId } : {}),
    addedAt: d.addedAt,
    updatedAt: d.updatedAt,
  };
}

/** Mission indicators (definitions); `readings` holds what was measured. */
export class IndicatorRepository {
  private readonly model: Model<IndicatorDoc>;
  readonly readings: IndicatorReadingRepository;

  constructor(conn: Connection) {
    this.model = indicatorModel(conn);
    this.readings = new IndicatorReadingRepository(conn);
  }

  /** Adds an indicator; a key already used in the mission is a CONFLICT (the insert decides). */
  async insert(missionId: string, ind: Indicator, at: Date): Promise<StoredIndicator> {
    const doc: IndicatorDoc = stripUndefined({
      _id: indicatorDocId(missionId, ind.key),
      uid: newId('ind'),
      missionId,
      key: ind.key,
      name: ind.name,
      unit: ind.unit,
      direction: ind.direction,
      baselineValue: ind.baseline.value,
      baselineDate: ind.baseline.date,
      targetValue: ind.target.value,
      targetDate: ind.target.date,
      ownerMemberId: ind.ownerMemberId,
      addedAt: at,
      updatedAt: at,
    });
    try {
      await this.model.create(doc);
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict(`This mission already has an indicator with key ${ind.key}.`);
      throw e;
    }
    return toIndicator(doc);
  }

  async get(missionId: string, key: string): Promise<StoredIndicator | undefined> {
    const d = await this.model.findById(indicatorDocId(missionId, key)).lean<IndicatorDoc>().exec();
    return d ? toIndicator(d) : undefined;
  }

  /** The mission's indicators in the order they were added. */
  async listByMission(missionId: string): Promise<StoredIndicator[]> {
    const docs = await this.model.find({ missionId }).lean<IndicatorDoc[]>().exec();
    return docs.map(toIndicator).sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a.key.localeCompare(b.key));
  }

  async countByMission(missionId: string): Promise<number> {
    return this.model.countDocuments({ missionId }).exec();
  }

  /** Applies an edit (one update) and returns the result; undefined if the indicator is gone. */
  async update(current: StoredIndicator, change: IndicatorChange, at: Date): Promise<StoredIndicator | undefined> {
    const set: Record<string, unknown> = stripUndefined({
      name: change.name,
      unit: change.unit ?? undefined,
      direction: change.direction,
      baselineValue: change.baseline?.value,
      baselineDate: change.baseline?.date,
      targetValue: change.target?.value,
      targetDate: change.target?.date,
      ownerMemberId: change.ownerMemberId ?? undefined,
      updatedAt: at,
    });
    const unset: Record<string, ''> = {};
    if (change.unit === null) unset.unit = '';
    if (change.ownerMemberId === null) unset.ownerMemberId = '';
    const update = Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set };
    // Matching the uid too: an edit never lands on a same-key indicator added since it was read.
    const r = await this.model.updateOne({ _id: indicatorDocId(current.missionId, current.key), uid: current.uid }, update).exec();
    if (r.matchedCount === 0) return undefined;
    return this.get(current.missionId, current.key);
  }

  /** Removes the definition, then its readings; true if it was there. */
  async remove(current: StoredIndicator): Promise<boolean> {
    const r = await this.model.deleteOne({ _id: indicatorDocId(current.missionId, current.key), uid: current.uid }).exec();
    if (r.deletedCount === 0) return false;
    // Readings hang off the uid, so any left behind by a failure here are never shown again.
    await this.readings.removeAllOf(current.uid);
    return true;
  }
}
