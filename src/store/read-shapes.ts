import type { Connection, Model } from 'mongoose';
import { checkinId, type CheckinRound } from '../domain/checkin';
import { inLanes } from './in-lanes';
import { checkinModel, type CheckinDoc } from './models/checkin-model';
import { missionModel, type MissionDoc } from './models/mission-model';
import { personModel, type PersonDoc } from './models/person-model';
import { nativeCollection } from './native-collection';
import type { QueryShapes } from './query-shapes';

/** What a round's check-ins can be found by: its id, and who could have answered. */
export type RoundRef = Pick<CheckinRound, 'id' | 'asked' | 'away'>;

/**
 * The reads that can be made two ways, made one way: the strategy chosen once when the store
 * opens (query-shapes.ts) and given to the repositories that make them. Both give the same
 * documents (test/integration/read-shapes.test.ts); nothing above the store knows which is in
 * use. Documents are as stored (lean), in no particular order.
 */
export interface ReadShapes {
  readonly name: QueryShapes;
  /**
   * A round's check-ins. A check-in is only ever stored for someone asked or away
   * (CheckinService adds a late answerer to `asked` before storing), so the `_id`s of all of
   * them cover every check-in the round has.
   */
  checkinsOfRound(round: RoundRef): Promise<CheckinDoc[]>;
  /** The missions with these ids that exist. */
  missionsByIds(ids: readonly string[]): Promise<MissionDoc[]>;
  /** The people with these keys (`userKey`) that exist. */
  peopleByKeys(keys: readonly string[]): Promise<PersonDoc[]>;
}

/**
 * Lookups in flight at once: enough to keep the server busy, few enough that a 300-member
 * round does not open a connection per member (measured on FerretDB: 16-32 is the sweet spot,
 * unbounded is slower).
 */
const LOOKUP_LANES = 24;

/** One `_id` lookup per id, a bounded number at a time: the only read FerretDB on SQLite answers from an index. */
async function eachById<T extends { _id: string }>(model: Model<T>, ids: readonly string[]): Promise<T[]> {
  // The driver's own findOne, without mongoose's query building: a third less client time.
  const col = nativeCollection(model);
  const found = await inLanes([...new Set(ids)], LOOKUP_LANES, (id) => col.findOne({ _id: id } as Parameters<typeof col.findOne>[0]));
  return found.filter((d): d is NonNullable<typeof d> => d !== null) as T[];
}

/** One query with `$in` on `_id`. */
async function allById<T extends { _id: string }>(model: Model<T>, ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  return model
    .find({ _id: { $in: [...ids] } })
    .lean<T[]>()
    .exec();
}

const roundMembers = (round: RoundRef): string[] => [...new Set([...round.asked, ...round.away])];

/**
 * Parallel `_id` lookups, for a server that answers only a lone `_id` equality from an index
 * (FerretDB 1.x on SQLite): any other filter, `$in` on `_id` included, reads the whole collection.
 */
class IdLookups implements ReadShapes {
  readonly name = 'id-lookups';
  constructor(private readonly models: ShapedModels) {}

  checkinsOfRound(round: RoundRef): Promise<CheckinDoc[]> {
    return eachById(
      this.models.checkins,
      roundMembers(round).map((m) => checkinId(round.id, m)),
    );
  }

  missionsByIds(ids: readonly string[]): Promise<MissionDoc[]> {
    return eachById(this.models.missions, ids);
  }

  peopleByKeys(keys: readonly string[]): Promise<PersonDoc[]> {
    return eachById(this.models.people, keys);
  }
}

/** One query on a secondary index or with `$in`: MongoDB, Atlas, Cosmos DB, FerretDB on PostgreSQL. */
class IndexedQueries implements ReadShapes {
  readonly name = 'indexed';
  constructor(private readonly models: ShapedModels) {}

  checkinsOfRound(round: RoundRef): Promise<CheckinDoc[]> {
    return this.models.checkins.find({ roundId: round.id }).lean<CheckinDoc[]>().exec();
  }

  missionsByIds(ids: readonly string[]): Promise<MissionDoc[]> {
    return allById(this.models.missions, ids);
  }

  peopleByKeys(keys: readonly string[]): Promise<PersonDoc[]> {
    return allById(this.models.people, keys);
  }
}

interface ShapedModels {
  checkins: Model<CheckinDoc>;
  missions: Model<MissionDoc>;
  people: Model<PersonDoc>;
}

/** The strategy for `shapes` over the collections of `conn`. */
export function readShapes(shapes: QueryShapes, conn: Connection): ReadShapes {
  const models = { checkins: checkinModel(conn), missions: missionModel(conn), people: personModel(conn) };
  return shapes === 'id-lookups' ? new IdLookups(models) : new IndexedQueries(models);
}
