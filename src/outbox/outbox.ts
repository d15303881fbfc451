import type { Connection, Model } from 'mongoose';
import type { Clock } from '../domain/clock';
import { userKey } from '../domain/identity';
import { invalidInput, isDuplicateKey } from '../errors';
import { outboxClaimModel, type OutboxClaimDoc } from './claim-model';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { conversationFields } from './item-mapper';
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
  private seqCounter = 0;

  constructor(
    conn: Connection,
    private readonly options: OutboxOptions,
  ) {
    this.items = outboxItemModel(conn);
    this.claims = outboxClaimModel(conn);
    this.queue = outboxQueueModel(conn);
  }

  /** Adds one item; `created: false` when an item with this key already exists. */
  async enqueue(input: EnqueueInput): Promise<EnqueueResult> {
    const doc = this.toDoc(input, this.options.clock.now());
    try {
      await this.items.create(doc);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await this.requeueIfPending([input.key]);
      return { created: false };
    }
    await this.insertEntries([queueEntryFor(doc)]);
    this.options.wake?.();
    return { created: true };
  }

  /** Adds many items in one round trip; results are in input order. */
  async enqueueMany(inputs: EnqueueInput[]): Promise<Array<EnqueueResult & { key: string }>> {
    if (inputs.length === 0) return [];
    const now = this.options.clock.now();
    const docs = inputs.map((i) => this.toDoc(i, now));
    const duplicates = new Set<number>();
    try {
      await this.items.insertMany(docs, { ordered: false, lean: true });
    } catch (e) {
      if (!onlyDuplicates(e)) throw e;
      for (const w of writeErrorsOf(e)) duplicates.add(w.index);
    }
    const results = inputs.map((input, i) => ({ key: input.key, created: !duplicates.has(i) }));
    await this.insertEntries(docs.filter((_, i) => !duplicates.has(i)).map(queueEntryFor));
    await this.requeueIfPending(inputs.filter((_, i) => duplicates.has(i)).map((i) => i.key));
    if (results.some((r) => r.created)) this.options.wake?.();
    return results;
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
    await this.insertEntries(found.map((item) => queueEntryFor({ ...item, status: 'pending', nextAttemptAt: null })));
    if (found.length > 0) this.options.wake?.();
    return found.length;
  }

  /**
   * A duplicate enqueue also heals a crash between an item's insert and its queue entry's: if
   * the item is still pending, its entry is (re)inserted. A stale entry is harmless (see queue-model).
   */
  private async requeueIfPending(keys: string[]): Promise<void> {
    const entries: QueueEntryDoc[] = [];
    for (const key of keys) {
      const item = await this.items.findById(key).lean<OutboxItemDoc>();
      if (item?.status === 'pending') entries.push(queueEntryFor(item));
    }
    await this.insertEntries(entries);
  }

  /** Inserts queue entries; an entry that already exists is left as it is. */
  private async insertEntries(entries: QueueEntryDoc[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.queue.insertMany(entries, { ordered: false, lean: true });
    } catch (e) {
      if (!onlyDuplicates(e)) throw e;
    }
  }

  /**
   * Deletes sent and failed items finished before `before`, and claims made before it. Their
   * dedupe keys become free again, so keep `before` well behind any key that may be re-enqueued.
   */
  async purgeFinished(before: Date): Promise<{ items: number; claims: number }> {
    const items = await this.items.deleteMany({ status: { $in: ['sent', 'failed'] }, finishedAt: { $lt: before } });
    const claims = await this.claims.deleteMany({ claimedAt: { $lt: before } });
    return { items: items.deletedCount, claims: claims.deletedCount };
  }

  private toDoc(input: EnqueueInput, now: Date): OutboxItemDoc {
    validate(input);
    const t = input.target;
    const doc: OutboxItemDoc = {
      _id: input.key,
      platform: targetPlatform(t),
      workspaceKey: targetWorkspaceKey(t),
      lane: laneKey(t),
      target: isUserTarget(t)
        ? { user: { platform: t.user.platform, workspaceId: t.user.workspaceId, userId: t.user.userId } }
        : { conversation: conversationFields(t.conversation) },
      message: JSON.stringify(input.message),
      dueAt: input.notBefore ?? now,
      seq: now.getTime() * 1000 + (this.seqCounter++ % 1000),
      status: 'pending',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
    if (isUserTarget(t)) doc.userKey = userKey(t.user);
    if (input.missionId) doc.missionId = input.missionId;
    if (input.updates) doc.updates = input.updates;
    if (input.context && Object.keys(input.context).length > 0) doc.context = JSON.stringify(input.context);
    return doc;
  }
}

type WriteError = { index: number; code?: number; err?: { code?: number } };

function writeErrorsOf(e: unknown): WriteError[] {
  return (e as { writeErrors?: WriteError[] }).writeErrors ?? [];
}

/** True for a bulk insert error made only of duplicate keys (the other inserts went in). */
function onlyDuplicates(e: unknown): boolean {
  const errors = writeErrorsOf(e);
  return errors.length > 0 && errors.every((w) => (w.code ?? w.err?.code) === 11000);
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
  if (input.updates !== undefined && (input.updates === input.key || input.updates.length === 0)) {
    throw invalidInput('updates must name another item', { key: input.key });
  }
  if (!input.message || typeof input.message.summary !== 'string' || !Array.isArray(input.message.blocks)) {
    throw invalidInput('message must have a summary and blocks', { key: input.key });
  }
}
