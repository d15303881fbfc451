import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Connection } from 'mongoose';
import type { Clock } from '../domain/clock';
import type { Platform } from '../domain/identity';
import type { Logger } from '../logger';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
import { BatchRun } from './batch-run';
import { ClaimStore } from './claims';
import type { DispatchContext, ItemCallback } from './dispatch-context';
import { DmCache } from './dm-cache';
import { outboxItemModel, type OutboxItemDoc } from './item-model';
import { ItemOutcomes } from './item-outcomes';
import { localFeed } from './local-feed';
import { PayloadStore } from './payloads';
import { PendingSet } from './pending-set';
import type { PlatformSender } from './platform-sender';
import { outboxQueueModel, queueEntryFor, type QueueEntryDoc } from './queue-model';
import { repairQueue } from './queue-repair';
import { resolveRateLimits, type RateLimitOverrides } from './rate-limits';
import { SentRecorder } from './sent-recorder';
import { SlidingWindowLimiter } from './sliding-window-limiter';
import { settlesWithin, sleep, WakeSignal } from './timing';
import type { RunResult } from './types';

export interface DispatcherOptions {
  connection: Connection;
  senders: Map<Platform, PlatformSender> | Partial<Record<Platform, PlatformSender>>;
  clock: Clock;
  logger: Logger;
  limits?: RateLimitOverrides;
  retry?: Partial<RetryPolicy>;
  /** How long a claim protects an attempt before another replica may take it over (60 s). */
  leaseMs?: number;
  /** Conversations served at once (8); one conversation never has two calls in flight. */
  concurrency?: number;
  /** Items claimed together, with one insert, by runOnce (200); the loop claims a few per worker at a time. */
  batchSize?: number;
  /** Queue entries read at most per look at the queue (5,000). */
  scanLimit?: number;
  /** Items enqueued by this process kept whole in memory, saving a read each (5,000). */
  maxCachedItems?: number;
  /** Idle wait between polls when there is no wake-up (1 s, real time). */
  pollIntervalMs?: number;
  /** Longest in-process wait for a rate limit before deferring to a later run (1 s). */
  maxInlineWaitMs?: number;
  /** Items one conversation may send per run before others get a turn (10). */
  laneBudget?: number;
  onFailed?: ItemCallback;
  onUnreachable?: ItemCallback;
  replicaId?: string;
  /** Random source for backoff jitter (tests pin it). */
  random?: () => number;
  /** Monotonic milliseconds for the rate limiter (tests may drive it). */
  monotonicNow?: () => number;
}

const EMPTY: RunResult = { sent: 0, failed: 0, deferred: 0 };

/**
 * While this process has work of its own, it reads the queue (a scan of the backlog on FerretDB)
 * at most every this-many times as long as the last read took: other replicas' items and stale
 * entries are found within seconds, and the reads stay a small share of the work.
 */
const SCAN_DUTY_FACTOR = 20;

/**
 * Claims due outbox items and sends them through the platforms' senders, under client-side rate
 * limits, with retries. Safe to run on many replicas at once (see README.md in this folder).
 */
export class Dispatcher {
  private readonly ctx: DispatchContext;
  private readonly connection: Connection;
  private readonly platforms: Set<string>;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly scanLimit: number;
  private readonly pollIntervalMs: number;
  private readonly laneBudget: number;
  private readonly signal = new WakeSignal();
  private abort = new AbortController();
  private stopping = false;
  private loop: Promise<void> | undefined;
  /** Bumped by start(): a loop left running past a stop() deadline sees it and ends. */
  private generation = 0;
  private current: Promise<unknown> = Promise.resolve();
  private retryHint: number | undefined;
  private unlisten: (() => void) | undefined;
  /** The last read of the queue: when (performance.now()), how long it took, whether it got everything due. */
  private lastScan: { at: number; ms: number; complete: boolean } | undefined;
  private lastPickEmpty = true;
  /** Reads of the queue begun so far, and the last one that completed: idle() waits for a fresh one. */
  private scansBegun = 0;
  private scanned = 0;
  private idleWaiters: Array<{ afterScan: number; resolve: () => void; reject: (e: Error) => void }> = [];

  constructor(opts: DispatcherOptions) {
    const leaseMs = opts.leaseMs ?? 60_000;
    const replicaId = opts.replicaId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const senders = opts.senders instanceof Map ? opts.senders : new Map(Object.entries(opts.senders) as Array<[Platform, PlatformSender]>);
    const items = outboxItemModel(opts.connection);
    const queue = outboxQueueModel(opts.connection);
    const pending = new PendingSet(opts.maxCachedItems ?? 5000);
    this.connection = opts.connection;
    this.platforms = new Set(senders.keys());
    this.concurrency = Math.max(1, opts.concurrency ?? 8);
    this.batchSize = Math.max(1, opts.batchSize ?? 200);
    this.scanLimit = Math.max(1, opts.scanLimit ?? 5000);
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.laneBudget = Math.max(1, opts.laneBudget ?? 10);
    this.ctx = {
      items,
      queue,
      claims: new ClaimStore(opts.connection, opts.clock, replicaId, leaseMs),
      outcomes: new ItemOutcomes(items, queue, pending),
      recorder: new SentRecorder(items, queue),
      payloads: new PayloadStore(opts.connection),
      pending,
      reserved: new Map(),
      senders,
      clock: opts.clock,
      logger: opts.logger.child({ component: 'outbox', replicaId }),
      limiter: new SlidingWindowLimiter(opts.monotonicNow),
      limits: resolveRateLimits(opts.limits),
      retry: { ...DEFAULT_RETRY_POLICY, ...opts.retry },
      random: opts.random ?? Math.random,
      dmCache: new DmCache(),
      inFlight: new Set(),
      held: new Map(),
      maxInlineWaitMs: opts.maxInlineWaitMs ?? 1000,
      leaseSafetyMs: Math.min(5000, leaseMs / 4),
      onFailed: opts.onFailed,
      onUnreachable: opts.onUnreachable,
      sleep: (ms) => sleep(ms, this.abort.signal),
    };
  }

  /** Reads the queue, then claims and sends what is due now; runs never overlap within one dispatcher. */
  runOnce(): Promise<RunResult> {
    return this.run(true);
  }

  /**
   * Sends until stopped: straight on while there is work, else waits for wake() or a poll. Items
   * enqueued in this process come straight from its Outbox; the queue is read for the rest.
   */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.abort = new AbortController();
    this.unlisten = localFeed.listen(this.connection, { offer: (docs) => this.offer(docs) });
    this.lastScan = undefined; // the loop's first run reads the queue
    this.loop = this.runLoop(++this.generation);
  }

  /** New work was enqueued: look now rather than at the next poll. */
  wake(): void {
    this.signal.wake();
  }

  /**
   * Resolves once this dispatcher has nothing to send now: its loop has read the queue since the
   * call, every attempt it started is over and recorded, and no item it knows of is due by the
   * outbox clock (one due later on that clock, a retry or a scheduled item, does not count).
   * Whatever it was going to send has then reached the platform. Rejects if it is not running.
   */
  idle(): Promise<void> {
    if (!this.loop || this.stopping) return Promise.reject(new Error('the outbox dispatcher is not running'));
    return new Promise((resolve, reject) => {
      this.idleWaiters.push({ afterScan: this.scansBegun, resolve, reject });
      this.signal.wake();
    });
  }

  /**
   * Stops taking items and waits up to `deadlineMs` for calls in flight; claims still held then
   * are released so another replica can send those items without waiting for the lease.
   */
  async stop(opts: { deadlineMs?: number } = {}): Promise<{ finished: boolean; released: number }> {
    this.stopping = true;
    this.unlisten?.();
    this.unlisten = undefined;
    this.abort.abort();
    this.signal.wake();
    for (const w of this.idleWaiters.splice(0)) w.reject(new Error('the outbox dispatcher stopped before it was idle'));
    const finished = await settlesWithin(Promise.all([this.loop, this.current]), opts.deadlineMs ?? 10_000);
    try {
      await this.ctx.recorder.flush();
    } catch (e) {
      this.ctx.logger.error({ err: e, unwritten: this.ctx.recorder.unwritten }, 'outbox could not record sent messages on stop');
    }
    let released = 0;
    for (const entry of this.ctx.held.values()) {
      if (entry.abandoned) continue;
      entry.abandoned = true;
      try {
        await this.ctx.claims.release(entry.claim, 'released-on-stop');
        released++;
      } catch (e) {
        this.ctx.logger.error({ err: e, claim: entry.claim.id }, 'outbox could not release a claim on stop');
      }
    }
    this.loop = undefined;
    return { finished, released };
  }

  /** Re-creates queue entries lost in a crash (start() runs it once); returns how many. */
  async repairQueue(): Promise<number> {
    const repaired = await repairQueue(this.ctx.items, this.ctx.queue);
    if (repaired > 0) this.ctx.logger.warn({ repaired }, 'outbox queue entries restored');
    return repaired;
  }

  private run(scan: boolean, pump = false): Promise<RunResult> {
    const run = this.current.then(() => (this.stopping ? { ...EMPTY } : this.runBatch(scan, pump)));
    this.current = run.catch(() => undefined);
    return run;
  }

  private async runBatch(scan: boolean, pump: boolean): Promise<RunResult> {
    this.retryHint = undefined;
    // Outcomes a failed write left behind go first: nothing is sent while they cannot be recorded.
    await this.ctx.recorder.flush();
    if (scan) await this.scan();
    const batch = new BatchRun(this.ctx, {
      pump,
      concurrency: this.concurrency,
      batchSize: this.batchSize,
      laneBudget: this.laneBudget,
      pollIntervalMs: this.pollIntervalMs,
      platforms: this.platforms,
      stopping: () => this.stopping,
      rescanIfDue: async () => {
        if (this.scanDue()) await this.scan();
      },
    });
    try {
      return await batch.run();
    } finally {
      this.retryHint = batch.retryHint;
      this.lastPickEmpty = batch.lastPickEmpty;
    }
  }

  private offer(docs: readonly OutboxItemDoc[]): void {
    let added = 0;
    for (const doc of docs) {
      if (!this.platforms.has(doc.platform) || this.ctx.recorder.get(doc._id)) continue;
      this.ctx.pending.add(queueEntryFor(doc), doc);
      added++;
    }
    if (added > 0) this.signal.wake();
  }

  /** Whether the loop's next run reads the queue (runOnce always does). */
  private scanDue(): boolean {
    if (!this.lastScan || this.idleWaiters.some((w) => w.afterScan >= this.scanned)) return true;
    const since = performance.now() - this.lastScan.at;
    if (since >= Math.max(this.pollIntervalMs, SCAN_DUTY_FACTOR * this.lastScan.ms)) return true;
    // Nothing to do here while the last read left due entries unread: read on.
    return !this.lastScan.complete && this.lastPickEmpty;
  }

  private async runLoop(generation: number): Promise<void> {
    try {
      await this.repairQueue();
    } catch (e) {
      this.ctx.logger.error({ err: e }, 'outbox queue repair failed');
    }
    while (!this.stopping && generation === this.generation) {
      let result: RunResult | undefined;
      try {
        result = await this.run(this.scanDue(), true);
      } catch (e) {
        this.ctx.logger.error({ err: e }, 'outbox run failed');
      }
      if (this.stopping) break;
      if (result && result.sent + result.failed > 0) continue;
      if (result) this.settleIdleWaiters();
      await this.signal.wait(Math.min(this.pollIntervalMs, this.retryHint ?? Infinity));
    }
  }

  /** Tells idle() callers whose read of the queue has happened, if nothing is due now. */
  private settleIdleWaiters(): void {
    if (this.idleWaiters.length === 0 || this.ctx.recorder.unwritten > 0 || this.hasDueItem()) return;
    const read = this.idleWaiters.filter((w) => w.afterScan < this.scanned);
    this.idleWaiters = this.idleWaiters.filter((w) => w.afterScan >= this.scanned);
    for (const w of read) w.resolve();
  }

  /** Whether any known item is due now by the outbox clock, whatever holds it back in this process. */
  private hasDueItem(): boolean {
    const now = this.ctx.clock.now().getTime();
    for (const ws of this.ctx.pending.workspaceKeys()) {
      for (const lane of this.ctx.pending.lanesOf(ws)) {
        if (lane.some((p) => p.entry.dueAt.getTime() <= now && (p.entry.nextAttemptAt?.getTime() ?? 0) <= now)) return true;
      }
    }
    return false;
  }

  /** Reads due queue entries, oldest first, into the pending set; forgets entries gone from it. */
  private async scan(): Promise<void> {
    const begun = ++this.scansBegun;
    const started = performance.now();
    const now = this.ctx.clock.now();
    const gen = this.ctx.pending.nextGeneration();
    this.ctx.recorder.markScan();
    const found = await this.ctx.queue
      .find({ dueAt: { $lte: now }, platform: { $in: [...this.platforms] } })
      .sort({ dueAt: 1, seq: 1 })
      .limit(this.scanLimit + 1)
      .lean<QueueEntryDoc[]>();
    const complete = found.length <= this.scanLimit;
    for (const entry of found.slice(0, this.scanLimit)) {
      // Sent here: the entry is about to go, or went after this read began.
      if (!this.ctx.recorder.settled(entry._id)) this.ctx.pending.add(entry);
    }
    if (complete) this.ctx.pending.dropUnseen(gen, now.getTime());
    this.lastScan = { at: performance.now(), ms: performance.now() - started, complete };
    this.scanned = begun;
  }
}
