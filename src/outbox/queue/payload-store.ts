import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { invalidInput } from '../../errors';
import type { OutboxItemDoc } from './item-model';
import { outboxPayloadModel, type OutboxPayloadDoc } from './payload-model';

/** Payloads kept in memory by id: a round's items all name the same one. */
const CACHE_SIZE = 200;

/** Reads and writes the messages items share (see payload-model.ts). */
export class PayloadStore {
  private readonly payloads: Model<OutboxPayloadDoc>;
  /** Payloads never change, so a copy read once stays good. Map order: least recently used first. */
  private readonly cache = new Map<string, string>();

  constructor(conn: Connection) {
    this.payloads = outboxPayloadModel(conn);
  }

  /** A new payload for `message`; its id is random, so two replicas never share one. */
  static create(message: string, at: Date): OutboxPayloadDoc {
    return { _id: `payload:${randomUUID()}`, message, createdAt: at };
  }

  async insertMany(docs: OutboxPayloadDoc[]): Promise<void> {
    if (docs.length > 0) await this.payloads.insertMany(docs, { lean: true });
  }

  /** The item's message as JSON: its own, or its payload's. */
  async messageOf(doc: Pick<OutboxItemDoc, '_id' | 'message' | 'payloadId'>): Promise<string> {
    if (doc.message !== undefined) return doc.message;
    if (!doc.payloadId) throw invalidInput('outbox item has no message', { key: doc._id });
    const cached = this.cache.get(doc.payloadId);
    if (cached !== undefined) {
      this.cache.delete(doc.payloadId);
      this.cache.set(doc.payloadId, cached);
      return cached;
    }
    const found = await this.payloads.findById(doc.payloadId).lean<OutboxPayloadDoc>();
    if (!found) throw invalidInput('outbox item names a payload that does not exist', { key: doc._id, payloadId: doc.payloadId });
    this.cache.set(doc.payloadId, found.message);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return found.message;
  }

  /**
   * Deletes payloads created before `before` that no item names any more (their items were
   * purged, or they were written for items that turned out to exist already). Reads every
   * item's payload id: a job for the nightly purge, not for a hot path.
   */
  async purgeUnreferenced(items: Model<OutboxItemDoc>, before: Date): Promise<number> {
    const old = await this.payloads.find({ createdAt: { $lt: before } }, { _id: 1 }).lean<Array<{ _id: string }>>();
    if (old.length === 0) return 0;
    const used = new Set(
      (await items.find({ payloadId: { $exists: true } }, { payloadId: 1 }).lean<Array<{ payloadId?: string }>>()).map((d) => d.payloadId),
    );
    const unused = old.map((p) => p._id).filter((id) => !used.has(id));
    let deleted = 0;
    for (let i = 0; i < unused.length; i += 100) {
      const r = await this.payloads.bulkWrite(
        unused.slice(i, i + 100).map((id) => ({ deleteOne: { filter: { _id: id } } })),
        { ordered: false },
      );
      deleted += r.deletedCount;
    }
    for (const id of unused) this.cache.delete(id);
    return deleted;
  }
}
