import type { Connection, Model } from 'mongoose';
import type { Clock } from '../domain/clock';
import { userKey } from '../domain/identity';
import { invalidInput, isDuplicateKey } from '../errors';
import type { Message } from '../messages/model';
import { duplicateIndexes } from './bulk-errors';
import { outboxClaimModel, type OutboxClaimDoc } from './claim-model';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { conversationFields } from './item-mapper';
import { localFeed } from './local-feed';
import type { OutboxPayloadDoc } from './payload-model';
import { PayloadStore } from './payloads';
import { outboxQueueModel, queueEntryFor, type QueueEntryDoc } from './queue-model';
import { isUserTarget, laneKey, targetPlatform, targetWorkspaceKey } from './target';
import type { EnqueueInput, EnqueueResult } from './types';

export interface OutboxOptions {
  clock: Clock;
  /** Called after new items are written, e.g. `() => dispatcher.wake()` so they go out at once. */
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
    const doc = this.toDoc(input, this.options.clock.now());
    try {
      await this.items.create(doc);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      localFeed.offer(this.conn, await this.requeueIfPending([input.key]));
      return { created: false };
    }
    await this.insertEntries([queueEntryFor(doc)]);
    localFeed.offer(this.conn, [doc]);
    this.options.wake?.();
    return { created: true };
  }

  /** Adds many items in one round trip; results are in input order. */
  async enqueueMany(inputs: EnqueueInput[]): Promise<Array<EnqueueResult & { key: string }>> {
    if (inputs.length === 0) return [];
    const now = this.options.clock.now();
    const docs = inputs.map((i) => this.toDoc(i, now));
    const stored = await this.sharePayloads(inputs, docs, now);
    let duplicates = new Set<number>();
    try {
      await this.items.insertMany(stored, { ordered: false, lean: true });
    } catch (e) {
      const dup = duplicateIndexes(e);
      if (!dup) throw e;
      duplicates = dup;
    }
    const results = inputs.map((input, i) => ({ key: input.key, created: !duplicates.has(i) }));
    const created = docs.filter((_, i) => !duplicates.has(i));
    await this.insertEntries(created.map(queueEntryFor));
    const requeued = await this.requeueIfPending(inputs.filter((_, i) => duplicates.has(i)).map((i) => i.key));
    // The Dispatcher in this process takes them from here, all at once: items of one conversation
    // that another replica created first are known before any of this call's go out.
    localFeed.offer(this.conn, [...created, ...requeued]);
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
    localFeed.offer(this.conn, requeued);
    if (found.length > 0) this.options.wake?.();
    return found.length;
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
    if (entries.length === 0) return;
    try {
      await this.queue.insertMany(entries, { ordered: false, lean: true });
    } catch (e) {
      if (!duplicateIndexes(e)) throw e;
    }
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

  private toDoc(input: EnqueueInput, now: Date): OutboxItemDoc {
    validate(input);
    const message = JSON.stringify(input.message);
    const t = input.target;
    const doc: OutboxItemDoc = {
      _id: input.key,
      platform: targetPlatform(t),
      workspaceKey: targetWorkspaceKey(t),
      lane: laneKey(t),
      target: isUserTarget(t)
        ? { user: { platform: t.user.platform, workspaceId: t.user.workspaceId, userId: t.user.userId } }
        : { conversation: conversationFields(t.conversation) },
      message,
      dueAt: input.notBefore ?? now,
      seq: now.getTime() * 1000 + (this.seqCounter++ % 1000),
      status: 'pending',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
    if (isUserTarget(t)) {
      doc.userKey = userKey(t.user);
      // A DM the caller already knows saves looking it up (or opening it) at send time.
      if (input.dm) doc.conversation = conversationFields(input.dm);
    }
    if (input.missionId) doc.missionId = input.missionId;
    if (input.updates) doc.updates = input.updates;
    if (input.context && Object.keys(input.context).length > 0) doc.context = JSON.stringify(input.context);
    return doc;
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
