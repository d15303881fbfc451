import type { Connection, Model } from 'mongoose';
import type { Clock } from '../../domain/clock';
import type { ConversationRef } from '../../domain/identity';
import { OUTBOX_STATUSES, type OutboxItem, type OutboxStatus } from '../outbox-item';
import { conversationRefOf, itemFromDoc } from './item-documents';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { PayloadStore } from './payload-store';
import { outboxQueueModel, type QueueEntryDoc } from './queue-model';

/** Reads of the outbox: items for services, admin views and metrics, and the dispatcher's reads. */
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

  /** The item as stored now; throws INVALID_INPUT if it names a shared message that does not exist. */
  async get(key: string): Promise<OutboxItem | null> {
    const doc = await this.items.findById(key).lean<OutboxItemDoc>();
    return doc ? itemFromDoc(doc, await this.payloads.messageOf(doc)) : null;
  }

  /** The item's status alone, or undefined when there is no such item. */
  async statusOf(key: string): Promise<OutboxStatus | undefined> {
    const doc = await this.items.findById(key, { status: 1 }).lean<Pick<OutboxItemDoc, 'status'>>();
    return doc?.status as OutboxStatus | undefined;
  }

  /** Where an item's message went, for a later item that replaces it: its status, and once sent its message. */
  async sentMessageOf(
    key: string,
  ): Promise<{ status: OutboxStatus | 'missing'; sent?: { conversation: ConversationRef; messageId: string } }> {
    const doc = await this.items
      .findById(key, { status: 1, messageId: 1, conversation: 1 })
      .lean<Pick<OutboxItemDoc, 'status' | 'messageId' | 'conversation'>>();
    if (!doc) return { status: 'missing' };
    const status = doc.status as OutboxStatus;
    if (status === 'sent' && doc.messageId && doc.conversation) {
      return { status, sent: { conversation: conversationRefOf(doc.conversation), messageId: doc.messageId } };
    }
    return { status };
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
    for (const doc of docs) out.push(itemFromDoc(doc, await this.payloads.messageOf(doc)));
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

  /** Queue entries due by `now` for `platforms`, oldest first, at most `limit`. */
  async dueEntries(now: Date, platforms: readonly string[], limit: number): Promise<QueueEntryDoc[]> {
    return this.queue
      .find({ dueAt: { $lte: now }, platform: { $in: platforms } })
      .sort({ dueAt: 1, seq: 1 })
      .limit(limit)
      .lean<QueueEntryDoc[]>();
  }
}
