import type { Connection } from 'mongoose';

/**
 * Every document of every collection, as canonical JSON by collection and _id: taken before
 * and after an attempt, the difference is exactly what the attempt wrote.
 */
export type Snapshot = Map<string, Map<string, string>>;

export interface DocChange {
  collection: string;
  id: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

/** JSON with object keys sorted, so two reads of an unchanged document compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });
}

export async function snapshot(conn: Connection): Promise<Snapshot> {
  const db = conn.db;
  if (!db) throw new Error('database not connected');
  const out: Snapshot = new Map();
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const all = await Promise.all(collections.map(async (name) => [name, await db.collection(name).find({}).toArray()] as const));
  for (const [name, docs] of all) out.set(name, new Map(docs.map((d) => [String(d._id), canonical(d)])));
  return out;
}

export function changesBetween(before: Snapshot, after: Snapshot): DocChange[] {
  const out: DocChange[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name) ?? new Map<string, string>();
    const b = after.get(name) ?? new Map<string, string>();
    for (const [id, doc] of b) {
      const was = a.get(id);
      if (was === undefined) out.push({ collection: name, id, kind: 'added', after: doc });
      else if (was !== doc) out.push({ collection: name, id, kind: 'changed', before: was, after: doc });
    }
    for (const [id, doc] of a) if (!b.has(id)) out.push({ collection: name, id, kind: 'removed', before: doc });
  }
  return out;
}

/** A short account of changes for a failure message. */
export function describeChanges(changes: DocChange[]): string {
  return changes.map((c) => `${c.kind} ${c.collection}/${c.id}: ${(c.after ?? c.before ?? '').slice(0, 300)}`).join('\n');
}
