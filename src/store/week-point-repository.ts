import type { Connection, Model } from 'mongoose';
import type { Checkin, CheckinRound } from '../domain/checkin';
import { weekPoint, type WeekPoint } from '../domain/digest';
import { isDuplicateKey } from '../errors';
import type { CheckinRepository } from './checkin-repository';
import type { RoundRef } from './read-shapes';
import { checkinStampKey } from './stamp-keys';
import { weekPointModel, type WeekPointDoc } from './models/week-point-model';
import type { Stamps } from './stamps';

/** What a week point was computed from; it stands while all three are unchanged. */
interface Basis {
  stamp: string;
  asked: number;
  away: number;
}

const basisOf = (round: CheckinRound, stamp: string): Basis => ({ stamp, asked: round.asked.length, away: round.away.length });

function holds(d: WeekPointDoc | null | undefined, b: Basis): d is WeekPointDoc {
  return d != null && d.basisStamp === b.stamp && d.basisAsked === b.asked && d.basisAway === b.away;
}

const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];

function toPoint(d: WeekPointDoc): WeekPoint {
  return {
    weekKey: d.weekKey,
    asked: d.asked,
    answered: d.answered,
    ...(d.confidence !== undefined && d.confidence !== null ? { confidence: d.confidence } : {}),
    confidenceAnswers: d.confidenceAnswers,
  };
}

/** FerretDB answers the loser of two racing upserts with a duplicate error, as code 11000 or 1. */
function isUpsertRace(e: unknown): boolean {
  return isDuplicateKey(e) || (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 1);
}

/**
 * Each round's trend figures (participation and confidence), stored once computed, so a digest
 * reads one small document per earlier week instead of that week's check-ins. A point is valid
 * while the round's check-in stamp (bumped by CheckinRepository after every write) and the
 * sizes of its asked and away lists are what they were when it was computed: a late answer or
 * an edit makes the next digest compute it again. Derived data only: any writer stores the same
 * figures for the same basis, so the last write winning is fine.
 */
export class WeekPointRepository {
  private readonly model: Model<WeekPointDoc>;

  constructor(
    conn: Connection,
    private readonly stamps: Stamps,
    private readonly checkins: CheckinRepository,
  ) {
    this.model = weekPointModel(conn);
  }

  /** The week point of each round, in the order given: stored ones where still valid, the rest computed and stored. */
  async pointsOf(rounds: CheckinRound[]): Promise<WeekPoint[]> {
    return Promise.all(
      rounds.map(async (round) => {
        const [stamp, stored] = await Promise.all([this.stamps.read(checkinStampKey(round.id)), this.read(round.id)]);
        const basis = basisOf(round, stamp);
        if (holds(stored, basis)) return toPoint(stored);
        const point = weekPoint(round, await this.checkins.listByRound(round));
        await this.save(round, point, basis);
        return point;
      }),
    );
  }

  /**
   * A round's check-ins, for a reader that needs them all (the digest of this round); its week
   * point is stored on the way unless a valid one is already there, so the digests of the
   * following weeks need not read them again. `stored` is the round as stored now, read
   * alongside the stamp: whoever answered since `round` was read is in its `asked` list.
   */
  async checkinsOf(round: CheckinRound, stored?: Promise<RoundRef | undefined>): Promise<Checkin[]> {
    // The stamp is read before the check-ins: a write landing after it bumps it again, so a
    // point computed from a read that missed the write is never taken as current.
    const [stamp, kept, now] = await Promise.all([this.stamps.read(checkinStampKey(round.id)), this.read(round.id), stored]);
    const latest = now ? { ...round, asked: union(round.asked, now.asked), away: union(round.away, now.away) } : round;
    const checkins = await this.checkins.listByRound(latest);
    const basis = basisOf(latest, stamp);
    if (!holds(kept, basis)) await this.save(latest, weekPoint(latest, checkins), basis);
    return checkins;
  }

  private async read(roundId: string): Promise<WeekPointDoc | undefined> {
    return (await this.model.findById(roundId).lean<WeekPointDoc>().exec()) ?? undefined;
  }

  private async save(round: CheckinRound, p: WeekPoint, basis: Basis): Promise<void> {
    const doc: WeekPointDoc = {
      _id: round.id,
      missionId: round.missionId,
      weekKey: p.weekKey,
      asked: p.asked,
      answered: p.answered,
      ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
      confidenceAnswers: p.confidenceAnswers,
      basisStamp: basis.stamp,
      basisAsked: basis.asked,
      basisAway: basis.away,
      computedAt: new Date(),
    };
    try {
      await this.model.replaceOne({ _id: round.id }, doc, { upsert: true }).exec();
    } catch (e) {
      // Another reader stored this round's point at the same moment. Each stored point carries
      // the basis it was computed under, so whichever landed is consistent, and an out-of-date
      // one is computed again by the next reader.
      if (!isUpsertRace(e)) throw e;
    }
  }
}
