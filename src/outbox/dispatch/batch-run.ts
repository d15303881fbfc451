import type { Clock } from '../../domain/clock';
import type { Logger } from '../../logger';
import type { RateLimitGate } from '../limits/rate-limit-gate';
import type { ClaimBook, HeldClaim } from '../queue/claim-book';
import type { AttemptOutcome, ClaimState } from './attempt-outcome';
import { PendingSet, type Pending } from './pending-set';
import type { ReadyPicker } from './ready-picker';
import type { SendAttempts } from './send-attempt';
import type { SentRecorder } from './sent-recorder';

export interface RunResult {
  /** Items delivered (posted or updated) in this run. */
  sent: number;
  /** Items that ended failed or unreachable in this run. */
  failed: number;
  /** Due items left waiting: rate limit, Retry-After, backoff, or an earlier message to update. */
  deferred: number;
}

/** The dispatcher's parts a run works with. */
export interface BatchRunParts {
  pending: PendingSet;
  picker: ReadyPicker;
  claims: ClaimBook;
  attempts: SendAttempts;
  recorder: SentRecorder;
  gate: RateLimitGate;
  clock: Clock;
  logger: Logger;
}

/** How far ahead of a rate-limit turn the loop claims the item that will take it (ms). */
const PICK_AHEAD_MS = 200;

export interface BatchRunSettings {
  /** Keep picking while anything is ready (the loop), rather than one pick (runOnce). */
  pump: boolean;
  concurrency: number;
  /** Items one pick may claim, when not pumping. */
  batchSize: number;
  laneBudget: number;
  pollIntervalMs: number;
  platforms: ReadonlySet<string>;
  stopping(): boolean;
  /** Reads the queue again if it is time to (between picks, when pumping). */
  rescanIfDue(): Promise<void>;
}

interface Work {
  item: Pending;
  state: ClaimState;
  urgency: number;
}

/**
 * One run of a dispatcher over what it knows is pending. runOnce takes one pick of what is
 * ready now. The loop's runs keep picking while anything is ready, a few items ahead of the
 * workers, so that a workspace whose window has just reopened gets its turns at once rather
 * than after a long batch. Items picked together are claimed with one insert.
 */
export class BatchRun {
  readonly result: RunResult = { sent: 0, failed: 0, deferred: 0 };
  /** How soon something held back may go (ms), when known. */
  retryHint: number | undefined;
  lastPickEmpty = true;
  private readonly queue: Work[] = [];
  private exhausted = false;
  private picks = 0;
  private refilling: Promise<void> | undefined;
  private failure: unknown;
  /** Attempts under way (their calls may deliver a message). */
  private attempts = 0;

  constructor(
    private readonly p: BatchRunParts,
    private readonly s: BatchRunSettings,
  ) {}

  async run(): Promise<RunResult> {
    this.startRefill();
    await this.refilling;
    try {
      await Promise.all(Array.from({ length: Math.min(this.s.concurrency, Math.max(1, this.queue.length)) }, () => this.worker()));
    } finally {
      // Stopping: claims taken for items not started go back at once.
      for (const w of this.queue.splice(0)) {
        w.item.busy = false;
        this.p.gate.release(w.item);
        if (w.state.kind === 'held') await this.giveBack(w.state.claim);
      }
    }
    await this.p.recorder.flush();
    if (this.failure) throw this.failure;
    return this.result;
  }

  private async worker(): Promise<void> {
    while (!this.s.stopping()) {
      if (!this.refilling && !this.exhausted && this.queue.length < this.s.concurrency) this.startRefill();
      const w = this.queue.shift();
      if (w) await this.runLane(w.item, w.state);
      else if (this.refilling) await this.refilling;
      else return;
    }
  }

  private startRefill(): void {
    this.refilling = this.refill()
      .catch((e: unknown) => {
        this.failure = e;
        this.exhausted = true;
      })
      .finally(() => {
        this.refilling = undefined;
      });
  }

  private async refill(): Promise<void> {
    const { pump } = this.s;
    if (pump && this.picks > 0) await this.s.rescanIfDue();
    const picked = this.p.picker.pick({
      now: this.p.clock.now().getTime(),
      max: pump ? this.s.concurrency * 2 : this.s.batchSize,
      platforms: this.s.platforms,
      countWaiting: !pump,
      aheadMs: pump ? Math.min(PICK_AHEAD_MS, this.p.gate.maxInlineWaitMs) : 0,
    });
    this.picks++;
    if (!pump) this.result.deferred += picked.waiting;
    this.retryHint = picked.wakeInMs;
    this.lastPickEmpty = picked.ready.length === 0;
    if (picked.ready.length === 0 || !pump) this.exhausted = true;
    if (picked.ready.length === 0) return;
    for (const p of picked.ready) p.busy = true;
    // One insert claims them all; an item whose claim was taken is looked at on its own.
    let claims;
    try {
      claims = await this.p.claims.claimMany(
        picked.ready.map((p) => ({ itemId: p.entry._id, attempt: p.entry.attempts, n: p.entry.claimN })),
      );
    } catch (e) {
      for (const p of picked.ready) {
        p.busy = false;
        this.p.gate.release(p);
      }
      throw e;
    }
    picked.ready.forEach((item, i) => {
      const claim = claims[i];
      const urgency = picked.urgency[i];
      this.enqueue({ item, state: claim ? { kind: 'held', claim } : { kind: 'taken' }, urgency });
    });
  }

  /** Most urgent first: a workspace at its ceiling must not wait behind ones with time to spare. */
  private enqueue(w: Work): void {
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].urgency < w.urgency) i--;
    this.queue.splice(i, 0, w);
  }

  private async giveBack(claim: HeldClaim): Promise<void> {
    this.p.claims.forget(claim);
    try {
      await this.p.claims.release(claim, 'not-started');
    } catch (e) {
      this.p.logger.error({ err: e, claim: claim.id }, 'outbox could not give back a claim');
    }
  }

  private hint(ms: number | undefined): void {
    if (ms !== undefined) this.retryHint = Math.min(this.retryHint ?? Infinity, ms);
  }

  /** One conversation's items, strictly in order, starting at `first`: stop at the first that must wait. */
  private async runLane(first: Pending, firstState: ClaimState): Promise<void> {
    let item: Pending | undefined = first;
    let state = firstState;
    item.busy = true;
    for (let i = 0; item; i++) {
      const current: Pending = item;
      const goOn = i < this.s.laneBudget && !this.s.stopping() && (i === 0 || PendingSet.dueNow(current, this.p.clock.now().getTime()));
      const next = goOn ? await this.attemptInLane(current, state) : undefined;
      state = { kind: 'none' };
      // Marked before this item can leave the set, so no other worker takes the lane's next one.
      if (next) next.busy = true;
      current.busy = false;
      item = next;
    }
  }

  /** One item of a lane; returns the lane's next item when the lane may go on. */
  private async attemptInLane(item: Pending, state: ClaimState): Promise<Pending | undefined> {
    const { pending, clock, recorder } = this.p;
    const key = item.entry._id;
    // Delivered but unwritten messages are what a killed process sends twice: keep them, with
    // the calls under way, within `concurrency`, as if each call ended only once written.
    while (!recorder.failing && recorder.unwritten > 0 && recorder.unwritten + this.attempts >= this.s.concurrency)
      await recorder.written();
    let outcome: AttemptOutcome;
    this.attempts++;
    try {
      outcome = await this.p.attempts.attempt(item, state);
    } catch (e) {
      // A database error mid-attempt: the claim's lease will hand the item to someone later.
      this.p.logger.error({ err: e, key }, 'outbox attempt failed');
      pending.hold(key, clock.now().getTime() + this.s.pollIntervalMs);
      return undefined;
    } finally {
      this.attempts--;
    }
    const following = pending.after(key);
    const now = clock.now().getTime();
    switch (outcome.kind) {
      case 'sent':
      case 'failed':
      case 'gone':
        if (outcome.kind === 'sent') this.result.sent++;
        if (outcome.kind === 'failed') this.result.failed++;
        pending.remove(key);
        return following;
      case 'busy':
        // Another replica has it. Held, not forgotten: its lane must not overtake it. A read of
        // the queue that no longer finds it (sent meanwhile) lets the lane go on.
        this.result.deferred += pending.dueFrom(key, now);
        pending.hold(key, now + this.s.pollIntervalMs);
        return undefined;
      case 'skipped':
        this.result.deferred++;
        pending.hold(key, now + this.s.pollIntervalMs);
        return following;
      case 'waiting':
        this.result.deferred += pending.dueFrom(key, now);
        this.hint(outcome.retryInMs);
        pending.hold(key, now + (outcome.retryInMs ?? Math.min(100, this.s.pollIntervalMs)));
        return undefined;
    }
  }
}
