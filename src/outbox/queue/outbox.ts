import type { Connection, Model } from 'mongoose';
import type { Clock } from '../../domain/clock';
import { invalidInput, isDuplicateKey } from '../../errors';
import type { Message } from '../../messages/model';
import type { EnqueueInput, EnqueueResult } from '../outbox-item';
import { insertUnlessPresent } from './bulk-writes';
import { outboxClaimModel, type OutboxClaimDoc } from './claim-model';
import { itemFromDoc, messageParser, newItemDoc, queueEntryFor } from './item-documents';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { localFeed, type FedItem } from './local-feed';
import type { OutboxPayloadDoc } from './payload-model';
import { PayloadStore } from './payload-store';
import { outboxQueueModel, type QueueEntryDoc } from './queue-model';

export interface OutboxOptions {
  clock: Clock;
  /**
   * Told once per call that wrote new items. Dispatchers in this process on the same connection
   * need no such hook: they hear of every item written through the local feed (local-feed.ts).
   */
  wake?: () => void;
}

const MAX_KEY_LENGTH = 512;

/** Writes to the outbox. Every write is an insert keyed by the dedupe key, safe with many replicas. */
export class Outbox {
  private readonly items: Model<OutboxItemDoc>;
  private readonly claims: Model<OutboxClaimDoc>;
  private readonly queue: Model<QueueEntryDoc>;
  private readonly payloads: PayloadStore;
  private seqCounter = 0;

  constructor(
    private readonly conn: Connection,
    private readonly options: OutboxOptions,
  ) {
    this.items = outboxItemModel(conn);
    this.claims = outboxClaimModel(conn);
    this.queue = outboxQueueModel(conn);
    this.payloads = new PayloadStore(conn);
  }

  /** Adds one item; `created: false` when an item with this key already exists. */
  async enqueue(input: EnqueueInput): Promise<EnqueueResult> {
    const now = this.options.clock.now();
    validate(input);
    const doc = newItemDoc(input, now, this.nextSeq(now));
    try {
      await this.items.create(doc);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await this.announce(await this.requeueIfPending([input.key]));
      return { created: false };
    }
    await this.insertEntries([queueEntryFor(doc)]);
    await this.announce([doc]);
    this.options.wake?.();
    return { created: true };
  }

  /** Adds many items in one round trip; results are in input order. */
  async enqueueMany(inputs: EnqueueInput[]): Promise<Array<EnqueueResult & { key: string }>> {
    if (inputs.length === 0) return [];
    const now = this.options.clock.now();
    for (const input of inputs) validate(input);
    const docs = inputs.map((i) => newItemDoc(i, now, this.nextSeq(now)));
    const stored = await this.sharePayloads(inputs, docs, now);
    const duplicates = await insertUnlessPresent(this.items, stored);
    const results = inputs.map((input, i) => ({ key: input.key, created: !duplicates.has(i) }));
    const created = docs.filter((_, i) => !duplicates.has(i));
    await this.insertEntries(created.map(queueEntryFor));
    const requeued = await this.requeueIfPending(inputs.filter((_, i) => duplicates.has(i)).map((i) => i.key));
    // The Dispatcher in this process takes them from here, all at once: items of one conversation
    // that another replica created first are known before any of this call's go out.
    await this.announce([...created, ...requeued]);
    if (created.length > 0) this.options.wake?.();
    return results;
  }

  /**
   * Stores a message object given for several items (a round's prompt) once, as a payload the
   * items name, and returns the documents to insert. The returned documents lack the message;
   * `docs` keep it in memory for the dispatcher in this process.
   */
  private async sharePayloads(inputs: EnqueueInput[], docs: OutboxItemDoc[], now: Date): Promise<OutboxItemDoc[]> {
    const uses = new Map<Message, number>();
    for (const input of inputs) uses.set(input.message, (uses.get(input.message) ?? 0) + 1);
    const payloads = new Map<Message, OutboxPayloadDoc>();
    const stored = docs.map((doc, i) => {
      const message = inputs[i].message;
      if ((uses.get(message) ?? 0) < 2 || doc.message === undefined) return doc;
      let payload = payloads.get(message);
      if (!payload) payloads.set(message, (payload = PayloadStore.create(doc.message, now)));
      // One string for all of them in memory too, until the dispatcher has sent them.
      doc.message = payload.message;
      doc.payloadId = payload._id;
      const withoutMessage: OutboxItemDoc = { ...doc };
      delete withoutMessage.message;
      return withoutMessage;
    });
    // Before the items that name them: an item never points at a payload not yet written.
    await this.payloads.insertMany([...payloads.values()]);
    return stored;
  }

  /**
   * Puts a user's unreachable items back to pending (they installed the app again). Their DM is
   * opened afresh, since the old conversation did not work. Returns how many were requeued.
   */
  async requeueUnreachable(user: string): Promise<number> {
    const now = this.options.clock.now();
    const found = await this.items.find({ userKey: user, status: 'unreachable' }).lean<OutboxItemDoc[]>();
    for (const item of found) {
      await this.items.updateOne(
        { _id: item._id, status: 'unreachable' },
        { $set: { status: 'pending', updatedAt: now }, $unset: { conversation: 1, nextAttemptAt: 1, finishedAt: 1 } },
      );
    }
    const requeued = found.map((item): OutboxItemDoc => {
      const doc: OutboxItemDoc = { ...item, status: 'pending', nextAttemptAt: null, updatedAt: now };
      delete doc.conversation;
      delete doc.finishedAt;
      return doc;
    });
    await this.insertEntries(requeued.map(queueEntryFor));
    await this.announce(requeued);
    if (found.length > 0) this.options.wake?.();
    return found.length;
  }

  /**
   * Deletes every item addressed to a user, and their queue entries (erasure: the outbox keeps
   * its own collections, so it erases its own). Messages shared with others stay in
   * outbox_payloads until the nightly purge finds no item naming them. Returns how many items.
   */
  async forgetUser(user: string): Promise<number> {
    const ids = (await this.items.find({ userKey: user }, { _id: 1 }).lean<Array<Pick<OutboxItemDoc, '_id'>>>()).map((d) => d._id);
    const { deletedCount } = await this.items.deleteMany({ userKey: user });
    if (ids.length > 0) await this.queue.deleteMany({ _id: { $in: ids } });
    return deletedCount;
  }

  /**
   * A duplicate enqueue also heals a crash between an item's insert and its queue entry's: if
   * the item is still pending, its entry is (re)inserted. A stale entry is harmless (see queue-model).
   */
  private async requeueIfPending(keys: string[]): Promise<OutboxItemDoc[]> {
    const pending: OutboxItemDoc[] = [];
    for (const key of keys) {
      const item = await this.items.findById(key).lean<OutboxItemDoc>();
      if (item?.status === 'pending') pending.push(item);
    }
    await this.insertEntries(pending.map(queueEntryFor));
    return pending;
  }

  /** Inserts queue entries; an entry that already exists is left as it is. */
  private async insertEntries(entries: QueueEntryDoc[]): Promise<void> {
    await insertUnlessPresent(this.queue, entries);
  }

  /**
   * Hands pending items just written to the Dispatchers of this process (see local-feed.ts), as
   * items they can send without reading them back. Shared messages are parsed once per call.
   */
  private async announce(docs: OutboxItemDoc[]): Promise<void> {
    if (docs.length === 0 || !localFeed.listening(this.conn)) return;
    const parse = messageParser();
    const fed: FedItem[] = [];
    for (const doc of docs) {
      let message: string | undefined = doc.message;
      if (message === undefined) {
        try {
          message = await this.payloads.messageOf(doc);
        } catch {
          // Its payload is missing: the dispatcher finds out when it reads the item to send it.
        }
      }
      fed.push({ entry: queueEntryFor(doc), ...(message !== undefined ? { item: itemFromDoc(doc, parse(message)) } : {}) });
    }
    localFeed.offer(this.conn, fed);
  }

  /**
   * Deletes sent and failed items finished before `before`, and claims made before it. Their
   * dedupe keys become free again, so keep `before` well behind any key that may be re-enqueued.
   */
  async purgeFinished(before: Date): Promise<{ items: number; claims: number; payloads: number }> {
    const items = await this.items.deleteMany({ status: { $in: ['sent', 'failed'] }, finishedAt: { $lt: before } });
    const claims = await this.claims.deleteMany({ claimedAt: { $lt: before } });
    const payloads = await this.payloads.purgeUnreferenced(this.items, before);
    return { items: items.deletedCount, claims: claims.deletedCount, payloads };
  }

  private nextSeq(now: Date): number {
    return now.getTime() * 1000 + (this.seqCounter++ % 1000);
  }
}

function validate(input: EnqueueInput): void {
  if (typeof input.key !== 'string' || input.key.length === 0 || input.key.length > MAX_KEY_LENGTH || input.key.includes('\0')) {
    throw invalidInput('outbox key must be 1-512 characters without NUL', { key: input.key });
  }
  const t = input.target as Partial<{ user: unknown; conversation: unknown }>;
  if (!t || (t.user === undefined) === (t.conversation === undefined)) {
    throw invalidInput('outbox target must name either a conversation or a user', { key: input.key });
  }
  if (input.notBefore !== undefined && Number.isNaN(input.notBefore.getTime())) {
    throw invalidInput('notBefore is not a valid date', { key: input.key });
  }
  if (
    input.dm !== undefined &&
    (!('user' in input.target) ||
      input.dm.platform !== input.target.user.platform ||
      input.dm.workspaceId !== input.target.user.workspaceId)
  ) {
    throw invalidInput('dm must be a conversation in the workspace of the target user', { key: input.key });
  }
  if (input.updates !== undefined && (input.updates === input.key || input.updates.length === 0)) {
    throw invalidInput('updates must name another item', { key: input.key });
  }
  if (!input.message || typeof input.message.summary !== 'string' || !Array.isArray(input.message.blocks)) {
    throw invalidInput('message must have a summary and blocks', { key: input.key });
  }
}
