import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Connection } from 'mongoose';
import type { Clock } from '../domain/clock';
import type { Platform } from '../domain/identity';
import type { Logger } from '../logger';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
import { ClaimStore } from './claims';
import type { DispatchContext, ItemCallback } from './dispatch-context';
import { DmCache } from './dm-cache';
import { readDueLanes, type Lane } from './due-lanes';
import { outboxItemModel } from './item-model';
import { outboxQueueModel } from './queue-model';
import { repairQueue } from './queue-repair';
import { ItemOutcomes } from './item-outcomes';
import type { PlatformSender } from './platform-sender';
import { resolveRateLimits, type RateLimitOverrides } from './rate-limits';
import { attemptSend } from './send-attempt';
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
  /** Items read per batch (200). */
  batchSize?: number;
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

function shuffle<T>(list: T[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
}

/**
 * Claims due outbox items and sends them through the platforms' senders, under client-side rate
 * limits, with retries. Safe to run on many replicas at once (see README.md in this folder).
 */
export class Dispatcher {
  private readonly ctx: DispatchContext;
  private readonly concurrency: number;
  private readonly batchSize: number;
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

  constructor(opts: DispatcherOptions) {
    const leaseMs = opts.leaseMs ?? 60_000;
    const replicaId = opts.replicaId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const senders = opts.senders instanceof Map ? opts.senders : new Map(Object.entries(opts.senders) as Array<[Platform, PlatformSender]>);
    const items = outboxItemModel(opts.connection);
    const queue = outboxQueueModel(opts.connection);
    this.concurrency = Math.max(1, opts.concurrency ?? 8);
    this.batchSize = Math.max(1, opts.batchSize ?? 200);
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.laneBudget = Math.max(1, opts.laneBudget ?? 10);
    this.ctx = {
      items,
      queue,
      claims: new ClaimStore(opts.connection, opts.clock, replicaId, leaseMs),
      outcomes: new ItemOutcomes(items, queue),
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

  /** Claims and sends what is due now; runs never overlap within one dispatcher. */
  runOnce(): Promise<RunResult> {
    const run = this.current.then(() => (this.stopping ? { ...EMPTY } : this.runBatch()));
    this.current = run.catch(() => undefined);
    return run;
  }

  /** Sends until stopped: straight on while there is work, else waits for wake() or a poll. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.abort = new AbortController();
    this.loop = this.runLoop(++this.generation);
  }

  /** New work was enqueued: look now rather than at the next poll. */
  wake(): void {
    this.signal.wake();
  }

  /**
   * Stops taking items and waits up to `deadlineMs` for calls in flight; claims still held then
   * are released so another replica can send those items without waiting for the lease.
   */
  async stop(opts: { deadlineMs?: number } = {}): Promise<{ finished: boolean; released: number }> {
    this.stopping = true;
    this.abort.abort();
    this.signal.wake();
    const finished = await settlesWithin(Promise.all([this.loop, this.current]), opts.deadlineMs ?? 10_000);
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

  private async runLoop(generation: number): Promise<void> {
    try {
      await this.repairQueue();
    } catch (e) {
      this.ctx.logger.error({ err: e }, 'outbox queue repair failed');
    }
    while (!this.stopping && generation === this.generation) {
      let result: RunResult | undefined;
      try {
        result = await this.runOnce();
      } catch (e) {
        this.ctx.logger.error({ err: e }, 'outbox run failed');
      }
      if (this.stopping) break;
      if (result && result.sent + result.failed > 0) continue;
      await this.signal.wait(Math.min(this.pollIntervalMs, this.retryHint ?? Infinity));
    }
  }

  private async runBatch(): Promise<RunResult> {
    this.retryHint = undefined;
    const due = await readDueLanes(this.ctx.queue, {
      now: this.ctx.clock.now(),
      platforms: [...this.ctx.senders.keys()],
      batchSize: this.batchSize,
      wantLanes: this.concurrency * 4,
      maxReads: 3,
    });
    const result: RunResult = { sent: 0, failed: 0, deferred: due.waiting };
    // Every replica reads the same oldest-first batch; taking its lanes in a random order keeps
    // replicas from queueing up behind each other's claims lane by lane.
    shuffle(due.ready);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.ready.length && !this.stopping) await this.runLane(due.ready[next++], result);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.ready.length) }, worker));
    return result;
  }

  /** One conversation's items, strictly in order: stop at the first that must wait. */
  private async runLane(lane: Lane, result: RunResult): Promise<void> {
    const limit = Math.min(lane.items.length, this.laneBudget);
    for (let i = 0; i < limit && !this.stopping; i++) {
      let outcome;
      try {
        outcome = await attemptSend(this.ctx, lane.items[i]);
      } catch (e) {
        // A database error mid-attempt: the claim's lease will hand the item to someone later.
        this.ctx.logger.error({ err: e, key: lane.items[i]._id }, 'outbox attempt failed');
        return;
      }
      if (outcome.kind === 'sent') result.sent++;
      else if (outcome.kind === 'failed') result.failed++;
      else if (outcome.kind === 'busy') return;
      else if (outcome.kind === 'skipped') result.deferred++;
      else if (outcome.kind === 'waiting') {
        result.deferred += lane.items.length - i;
        if (outcome.retryInMs !== undefined) this.retryHint = Math.min(this.retryHint ?? Infinity, outcome.retryInMs);
        return;
      }
    }
  }
}
