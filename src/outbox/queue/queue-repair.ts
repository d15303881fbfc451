import type { Connection } from 'mongoose';
import { insertUnlessPresent } from './bulk-writes';
import { queueEntryFor } from './item-documents';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { outboxQueueModel } from './queue-model';

/**
 * Gives every pending item a queue entry. An item can lack one only if its writer died between
 * the two inserts, so the dispatcher runs this once at start-up. It scans outbox_items, which is
 * fine once per start; an entry it adds for an item sent meanwhile is dropped by the claimer.
 */
export async function repairQueue(conn: Connection): Promise<number> {
  const items = outboxItemModel(conn);
  const queue = outboxQueueModel(conn);
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
  await insertUnlessPresent(queue, missing);
  return missing.length;
}
