import type { Model } from 'mongoose';
import type { OutboxItemDoc } from './item-model';
import { queueEntryFor, type QueueEntryDoc } from './queue-model';

/**
 * Gives every pending item a queue entry. An item can lack one only if its writer died between
 * the two inserts, so the dispatcher runs this once at start-up. It scans outbox_items, which is
 * fine once per start; an entry it adds for an item sent meanwhile is dropped by the claimer.
 */
export async function repairQueue(items: Model<OutboxItemDoc>, queue: Model<QueueEntryDoc>): Promise<number> {
  const pending = await items
    .find(
      { status: 'pending' },
      { _id: 1, lane: 1, platform: 1, workspaceKey: 1, target: 1, dueAt: 1, seq: 1, attempts: 1, nextAttemptAt: 1 },
    )
    .lean<OutboxItemDoc[]>();
  if (pending.length === 0) return 0;
  const queued = await queue.find({}, { _id: 1 }).lean<Array<{ _id: string }>>();
  const have = new Set(queued.map((q) => q._id));
  const missing = pending.filter((p) => !have.has(p._id)).map(queueEntryFor);
  if (missing.length === 0) return 0;
  try {
    await queue.insertMany(missing, { ordered: false, lean: true });
  } catch (e) {
    const errors = (e as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors ?? [];
    if (errors.length === 0 || errors.some((w) => (w.code ?? w.err?.code) !== 11000)) throw e;
  }
  return missing.length;
}
