import type { Connection, Model } from 'mongoose';
import type { Clock } from '../domain/clock';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { toOutboxItem } from './item-mapper';
import { PayloadStore } from './payloads';
import { outboxQueueModel, type QueueEntryDoc } from './queue-model';
import { OUTBOX_STATUSES, type OutboxItem, type OutboxStatus } from './types';

/** Read helpers over the outbox for services, admin views and metrics. */
export class OutboxRepository {
  private readonly items: Model<OutboxItemDoc>;
  private readonly queue: Model<QueueEntryDoc>;
  private readonly payloads: PayloadStore;

  constructor(
    conn: Connection,
    private readonly clock: Clock,
  ) {
    this.items = outboxItemModel(conn);
    this.queue = outboxQueueModel(conn);
    this.payloads = new PayloadStore(conn);
  }

  async get(key: string): Promise<OutboxItem | null> {
    const doc = await this.items.findById(key).lean<OutboxItemDoc>();
    return doc ? toOutboxItem(doc, await this.payloads.messageOf(doc)) : null;
  }

  /** Item counts per status, for one mission or for everything (scans items: for admin views). */
  async countByStatus(missionId?: string): Promise<Record<OutboxStatus, number>> {
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    const rows = await this.items.aggregate<{ _id: string; n: number }>([
      { $match: missionId ? { missionId } : {} },
      { $group: { _id: '$status', n: { $sum: 1 } } },
    ]);
    for (const row of rows) {
      if ((OUTBOX_STATUSES as readonly string[]).includes(row._id)) counts[row._id as OutboxStatus] = row.n;
    }
    return counts;
  }

  /** A mission's failed items, most recent first (bounded). */
  async listFailed(missionId: string, limit = 100): Promise<OutboxItem[]> {
    const docs = await this.items.find({ missionId, status: 'failed' }).sort({ finishedAt: -1 }).limit(limit).lean<OutboxItemDoc[]>();
    const out: OutboxItem[] = [];
    for (const doc of docs) out.push(toOutboxItem(doc, await this.payloads.messageOf(doc)));
    return out;
  }

  /** Milliseconds since the oldest pending item became due, or 0 when nothing is waiting. Cheap: reads the queue. */
  async oldestPendingAge(): Promise<number> {
    const now = this.clock.now();
    const doc = await this.queue
      .findOne({ dueAt: { $lte: now } })
      .sort({ dueAt: 1, seq: 1 })
      .lean<QueueEntryDoc>();
    return doc ? Math.max(0, now.getTime() - doc.dueAt.getTime()) : 0;
  }
}
