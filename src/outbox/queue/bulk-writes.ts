import type { Model } from 'mongoose';

/** One failed document of a bulk write, by its index in the input. */
interface WriteError {
  index: number;
  code?: number;
  err?: { code?: number };
}

function writeErrorsOf(e: unknown): WriteError[] {
  return (e as { writeErrors?: WriteError[] }).writeErrors ?? [];
}

/**
 * The input indexes that failed with a duplicate key, when a bulk insert (ordered: false) failed
 * only for that reason (the other documents went in); undefined when anything else went wrong.
 */
function duplicateIndexes(e: unknown): Set<number> | undefined {
  const errors = writeErrorsOf(e);
  if (errors.length === 0 || !errors.every((w) => (w.code ?? w.err?.code) === 11000)) return undefined;
  return new Set(errors.map((w) => w.index));
}

/**
 * Inserts `docs` in one command, each on its own (ordered: false): a document whose `_id` exists
 * already is left out, the others go in. Returns the indexes of those left out; any other error
 * is thrown.
 */
export async function insertUnlessPresent<T>(model: Model<T>, docs: T[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await model.insertMany(docs, { ordered: false, lean: true });
    return new Set();
  } catch (e) {
    const duplicates = duplicateIndexes(e);
    if (!duplicates) throw e;
    return duplicates;
  }
}
