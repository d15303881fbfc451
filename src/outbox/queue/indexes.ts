import type { Connection } from 'mongoose';
import { outboxClaimModel } from './claim-model';
import { outboxItemModel } from './item-model';
import { outboxPayloadModel } from './payload-model';
import { outboxQueueModel } from './queue-model';

/**
 * Creates the outbox collections' indexes (only what is missing). Call once at start-up when the
 * connection has autoIndex off, as openStore does. Dedupe needs no call: it rests on `_id`.
 */
export async function ensureOutboxIndexes(conn: Connection): Promise<void> {
  await Promise.all(
    [outboxItemModel(conn), outboxQueueModel(conn), outboxClaimModel(conn), outboxPayloadModel(conn)].map((m) => m.createIndexes()),
  );
}
