import type { ItemOutcomes, SentRecord } from '../queue/item-outcomes';

/** Queue entries of sent items are deleted once this many wait, or after this long (ms). */
const DELETES_PER_BATCH = 100;
const CLEAR_AFTER_MS = 500;

/**
 * Writes "sent" on items in batches: one bulk update of the items by `_id`, then one bulk delete
 * of their queue entries, instead of two commands per message (each command costs the embedded
 * database about a millisecond of CPU, whatever it carries). Sends go on while a batch is being
 * written; the next batch gathers what finished meanwhile.
 *
 * A message sent but not yet written is the same window as before, only a few milliseconds
 * longer: if the process dies in it, the claim's lease expires and the message goes out again.
 * If the database refuses a batch, the records stay here and are written by the next flush(), so
 * nothing this process sent is sent again by it.
 */
export class SentRecorder {
  private buffer = new Map<string, SentRecord>();
  private writing = new Map<string, SentRecord>();
  private current: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Set when a write failed: no more background writes until flush() succeeds. */
  private broken = false;
  /** Keys written since the last markScan(): a read of the queue begun before may still list them. */
  private readonly writtenDuringScan = new Set<string>();
  /** Told when a write ends (or fails). */
  private waiters: Array<() => void> = [];
  /** Recorded on their items; their queue entries still to be deleted. */
  private readonly clearing = new Set<string>();
  private clearTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly outcomes: ItemOutcomes,
    /** How long the first record of a batch waits for others to join it. */
    private readonly gatherMs = 0,
  ) {}

  add(key: string, record: SentRecord): void {
    this.buffer.set(key, record);
    if (this.current || this.timer || this.broken) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start().catch(() => undefined); // flush() reports it
    }, this.gatherMs);
  }

  /** The outcome of an item this process sent, until it is written. */
  get(key: string): SentRecord | undefined {
    return this.buffer.get(key) ?? this.writing.get(key);
  }

  /**
   * Call as a read of the queue starts: afterwards, `settled(key)` tells the entries that read
   * may list but that are already gone (their items sent and written meanwhile).
   */
  markScan(): void {
    this.writtenDuringScan.clear();
  }

  /** Sent by this process: still to be written, being written, or written since markScan(). */
  settled(key: string): boolean {
    return this.get(key) !== undefined || this.clearing.has(key) || this.writtenDuringScan.has(key);
  }

  /** Sent messages not yet recorded on their items. */
  get unwritten(): number {
    return this.buffer.size + this.writing.size;
  }

  /** True after a write failed, until flush() succeeds: nothing is written in the background. */
  get failing(): boolean {
    return this.broken;
  }

  /** Resolves when the next write ends (at once if nothing is left to write). */
  written(): Promise<void> {
    if (this.broken || this.unwritten === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once everything added so far is written; rejects if the database refuses. */
  async flush(): Promise<void> {
    this.broken = false;
    while (this.current || this.buffer.size > 0) await (this.current ?? this.start());
    if (this.clearing.size > 0) await this.clearEntries();
  }

  private start(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.current) return this.current;
    if (this.buffer.size === 0) return Promise.resolve();
    const run = this.write().finally(() => {
      this.current = undefined;
      this.wakeWaiters();
      if (this.buffer.size > 0 && !this.broken) this.start().catch(() => undefined);
    });
    this.current = run;
    return run;
  }

  private async write(): Promise<void> {
    const batch = this.buffer;
    this.buffer = new Map();
    this.writing = batch;
    try {
      await this.outcomes.sentMany([...batch]);
    } catch (e) {
      this.broken = true;
      for (const [key, r] of batch) if (!this.buffer.has(key)) this.buffer.set(key, r);
      this.writing = new Map();
      this.wakeWaiters();
      throw e;
    }
    // Recorded: from here a crash sends none of these again, so waiting senders may go on. The
    // queue entries go in bigger batches (an entry left by a crash is dropped by its next claimer).
    this.writing = new Map();
    for (const key of batch.keys()) this.clearing.add(key);
    this.wakeWaiters();
    if (this.clearing.size >= DELETES_PER_BATCH) await this.clearEntries();
    else this.clearTimer ??= setTimeout(() => void this.clearEntries().catch(() => undefined), CLEAR_AFTER_MS).unref();
  }

  /** Deletes the queue entries of items recorded as sent. */
  private async clearEntries(): Promise<void> {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.clearTimer = undefined;
    await this.outcomes.dropEntries([...this.clearing], (deleted) => {
      for (const key of deleted) {
        this.clearing.delete(key);
        this.writtenDuringScan.add(key);
      }
    });
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
