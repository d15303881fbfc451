import type { Connection } from 'mongoose';

/**
 * How reads that have a choice are shaped (read-shapes.ts makes them). `indexed`: one query on
 * a secondary index or with `$in`, as MongoDB, Atlas, Cosmos DB and FerretDB on PostgreSQL
 * serve them. `id-lookups`: parallel lookups by `_id`, for FerretDB on SQLite, which reads a
 * whole collection for any other filter. `auto` asks the server (MISSION_PULSE_DB_QUERIES).
 */
export type QueryShapes = 'id-lookups' | 'indexed';
export type QueryShapesSetting = QueryShapes | 'auto';
const NAMESPACE_EXISTS = 48;

export const QUERY_SHAPES_SETTINGS: readonly QueryShapesSetting[] = ['auto', 'id-lookups', 'indexed'];

/**
 * FerretDB names itself in `buildInfo` whatever its storage, so that alone cannot tell SQLite
 * from PostgreSQL. Its `explain` says whether a filter reached the storage: FerretDB 1.x on
 * SQLite pushes down nothing but a lone `_id`, on PostgreSQL it pushes down an equality on any
 * field. The probe needs a collection that exists (a filter on an unknown one is never pushed
 * down), so it creates the store's own `probeCollection` if missing. When the answer is unclear
 * the `_id` shapes are kept, which are right, if slower, everywhere.
 */
export async function detectQueryShapes(connection: Connection, probeCollection: string): Promise<QueryShapes> {
  const db = connection.db;
  if (!db) return 'indexed';
  const info = (await db.admin().command({ buildInfo: 1 })) as { ferretdbVersion?: unknown };
  if (typeof info.ferretdbVersion !== 'string') return 'indexed';
  try {
    await db.createCollection(probeCollection).catch((error: { code?: unknown }) => {
      if (error.code !== NAMESPACE_EXISTS) throw error;
    });
    const plan = (await db.command({ explain: { find: probeCollection, filter: { probe: 'query-shapes' } } })) as {
      filterPushdown?: unknown;
    };
    return plan.filterPushdown === true ? 'indexed' : 'id-lookups';
  } catch {
    return 'id-lookups';
  }
}
