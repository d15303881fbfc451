import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Connection } from 'mongoose';
import type { Clock } from '../../domain/clock';
import type { Platform } from '../../domain/identity';
import type { Logger } from '../../logger';
import { Backoff, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../limits/backoff';
import { RateLimitGate } from '../limits/rate-limit-gate';
import { resolveRateLimits, type RateLimitOverrides } from '../limits/rate-limits';
import { SlidingWindowLimiter } from '../limits/sliding-window-limiter';
import { settlesWithin, sleep, WakeSignal } from '../limits/timing';
import type { PlatformSender } from '../platform-sender';
import { ClaimBook } from '../queue/claim-book';
import { ItemOutcomes } from '../queue/item-outcomes';
import { localFeed, type FedItem } from '../queue/local-feed';
import { OutboxRepository } from '../queue/outbox-repository';
import { repairQueue } from '../queue/queue-repair';
import { BacklogReader } from './backlog-reader';
import { BatchRun, type BatchRunParts, type RunResult } from './batch-run';
import { DeliveryPlanner } from './delivery-planner';
import { DmCache } from './dm-cache';
import { FailureHandler, type ItemCallback } from './failure-handler';
import { PendingSet } from './pending-set';
import { ReadyPicker } from './ready-picker';
import { SendAttempts } from './send-attempt';
import { SentRecorder } from './sent-recorder';

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
 * Claims due outbox items and sends them through the platforms' senders, under client-side rate
 * limits, with retries. Safe to run on many replicas at once (see ../README.md). Builds its parts
 * here, each given only what it uses; this class runs the loop.
 */
export class Dispatcher {
  private readonly connection: Connection;
  private readonly logger: Logger;
  private readonly platforms: ReadonlySet<string>;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly laneBudget: number;
  private readonly parts: BatchRunParts;
  private readonly backlog: BacklogReader;
  private readonly signal = new WakeSignal();
  private abort = new AbortController();
  private stopping = false;
  private loop: Promise<void> | undefined;
  /** Bumped by start(): a loop left running past a stop() deadline sees it and ends. */
  private generation = 0;
  private current: Promise<unknown> = Promise.resolve();
  private retryHint: number | undefined;
  private unlisten: (() => void) | undefined;
  private lastPickEmpty = true;
  /** whenIdle() callers, each with the number of the last read of the queue begun before it asked. */
  private idleWaiters: Array<{ afterRead: number; resolve: () => void; reject: (e: Error) => void }> = [];

  constructor(opts: DispatcherOptions) {
    const { connection, clock } = opts;
    const leaseMs = opts.leaseMs ?? 60_000;
    const replicaId = opts.replicaId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const senders = opts.senders instanceof Map ? opts.senders : new Map(Object.entries(opts.senders) as Array<[Platform, PlatformSender]>);
    const logger = opts.logger.child({ component: 'outbox', replicaId });
    this.connection = connection;
    this.logger = logger;
    this.platforms = new Set(senders.keys());
    this.concurrency = Math.max(1, opts.concurrency ?? 8);
    this.batchSize = Math.max(1, opts.batchSize ?? 200);
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.laneBudget = Math.max(1, opts.laneBudget ?? 10);

    const items = new OutboxRepository(connection, clock);
    const outcomes = new ItemOutcomes(connection);
    const pending = new PendingSet(opts.maxCachedItems ?? 5000);
    const recorder = new SentRecorder(outcomes);
    const claims = new ClaimBook(connection, clock, replicaId, leaseMs);
    const dms = new DmCache();
    const gate = new RateLimitGate(
      resolveRateLimits(opts.limits),
      new SlidingWindowLimiter(opts.monotonicNow),
      opts.maxInlineWaitMs ?? 1000,
      (ms) => sleep(ms, this.abort.signal),
    );
    const failures = new FailureHandler({
      outcomes,
      pending,
      claims,
      gate,
      dms,
      backoff: new Backoff({ ...DEFAULT_RETRY_POLICY, ...opts.retry }, opts.random ?? Math.random),
      clock,
      logger,
      onFailed: opts.onFailed,
      onUnreachable: opts.onUnreachable,
    });
    const planner = new DeliveryPlanner({ items, recorder, dms, gate, logger });
    const attempts = new SendAttempts({ claims, items, outcomes, pending, planner, failures, gate, recorder, dms, senders, clock, logger });
    this.parts = { pending, picker: new ReadyPicker(pending, gate, dms), claims, attempts, recorder, gate, clock, logger };
    this.backlog = new BacklogReader({
      items,
      pending,
      recorder,
      clock,
      platforms: [...this.platforms],
      scanLimit: Math.max(1, opts.scanLimit ?? 5000),
      pollIntervalMs: this.pollIntervalMs,
    });
  }

  /** Reads the queue, then claims and sends what is due now; runs never overlap within one dispatcher. */
  runOnce(): Promise<RunResult> {
    return this.run(true);
  }

  /**
   * Sends until stopped: straight on while there is work, else waits for wake() or a poll. Items
   * enqueued in this process come straight from its Outbox (local-feed.ts); the queue is read for
   * the rest.
   */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.abort = new AbortController();
    this.unlisten = localFeed.listen(this.connection, { offer: (fed) => this.offer(fed) });
    this.backlog.reset(); // the loop's first run reads the queue
    this.loop = this.runLoop(++this.generation);
  }

  /** Look for work now rather than at the next poll (the local feed calls it for new items). */
  wake(): void {
    this.signal.wake();
  }

  /**
   * Resolves once this dispatcher has nothing to send now: its loop has read the queue since the
   * call, every attempt it started is over and recorded, and no item it knows of is due by the
   * outbox clock (one due later on that clock, a retry or a scheduled item, does not count).
   * Whatever it was going to send has then reached the platform. Rejects if it is not running,
   * or stops first.
   */
  whenIdle(): Promise<void> {
    if (!this.loop || this.stopping) return Promise.reject(new Error('the outbox dispatcher is not running'));
    return new Promise((resolve, reject) => {
      this.idleWaiters.push({ afterRead: this.backlog.readsBegun, resolve, reject });
      this.wake();
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
    const { recorder, claims } = this.parts;
    try {
      await recorder.flush();
    } catch (e) {
      this.logger.error({ err: e, unwritten: recorder.unwritten }, 'outbox could not record sent messages on stop');
    }
    const released = await claims.abandonAll((err, claim) =>
      this.logger.error({ err, claim: claim.id }, 'outbox could not release a claim on stop'),
    );
    this.loop = undefined;
    return { finished, released };
  }

  /** Re-creates queue entries lost in a crash (start() runs it once); returns how many. */
  async repairQueue(): Promise<number> {
    const repaired = await repairQueue(this.connection);
    if (repaired > 0) this.logger.warn({ repaired }, 'outbox queue entries restored');
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
    await this.parts.recorder.flush();
    if (scan) await this.backlog.read();
    const batch = new BatchRun(this.parts, {
      pump,
      concurrency: this.concurrency,
      batchSize: this.batchSize,
      laneBudget: this.laneBudget,
      pollIntervalMs: this.pollIntervalMs,
      platforms: this.platforms,
      stopping: () => this.stopping,
      rescanIfDue: async () => {
        if (this.readDue()) await this.backlog.read();
      },
    });
    try {
      return await batch.run();
    } finally {
      this.retryHint = batch.retryHint;
      this.lastPickEmpty = batch.lastPickEmpty;
    }
  }

  /** Items an Outbox of this process has just written: known at once, and the loop wakes for them. */
  private offer(fed: readonly FedItem[]): void {
    let added = 0;
    for (const { entry, item } of fed) {
      if (!this.platforms.has(entry.platform) || this.parts.recorder.get(entry._id)) continue;
      this.parts.pending.add(entry, item);
      added++;
    }
    if (added > 0) this.wake();
  }

  private async runLoop(generation: number): Promise<void> {
    try {
      await this.repairQueue();
    } catch (e) {
      this.logger.error({ err: e }, 'outbox queue repair failed');
    }
    while (!this.stopping && generation === this.generation) {
      let result: RunResult | undefined;
      try {
        result = await this.run(this.readDue(), true);
      } catch (e) {
        this.logger.error({ err: e }, 'outbox run failed');
      }
      if (this.stopping) break;
      if (result && result.sent + result.failed > 0) continue;
      if (result) this.settleIdleWaiters();
      await this.signal.wait(Math.min(this.pollIntervalMs, this.retryHint ?? Infinity));
    }
  }

  /** Whether the loop reads the queue now: when it is time to, or a whenIdle() caller waits for a read. */
  private readDue(): boolean {
    return this.backlog.due(this.lastPickEmpty) || this.idleWaiters.some((w) => w.afterRead >= this.backlog.readsCompleted);
  }

  /** Tells whenIdle() callers whose read of the queue has happened, if nothing is due now. */
  private settleIdleWaiters(): void {
    const { recorder, pending, clock } = this.parts;
    if (this.idleWaiters.length === 0 || recorder.unwritten > 0 || pending.hasDue(clock.now().getTime())) return;
    const read = this.backlog.readsCompleted;
    const settled = this.idleWaiters.filter((w) => w.afterRead < read);
    this.idleWaiters = this.idleWaiters.filter((w) => w.afterRead >= read);
    for (const w of settled) w.resolve();
  }
}
