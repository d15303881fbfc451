import type { Clock } from '../../domain/clock';
import type { OutboxRepository } from '../queue/outbox-repository';
import type { PendingSet } from './pending-set';
import type { SentRecorder } from './sent-recorder';

/**
 * While this process has work of its own, it reads the queue (a scan of the backlog on FerretDB)
 * at most every this-many times as long as the last read took: other replicas' items and stale
 * entries are found within seconds, and the reads stay a small share of the work.
 */
const SCAN_DUTY_FACTOR = 20;

export interface BacklogReaderParts {
  items: OutboxRepository;
  pending: PendingSet;
  recorder: SentRecorder;
  clock: Clock;
  /** The platforms this dispatcher sends for. */
  platforms: readonly string[];
  /** Queue entries read at most per read. */
  scanLimit: number;
  pollIntervalMs: number;
}

/**
 * Reads the queue into the pending set: the items other replicas enqueued, and which of the
 * known ones another replica has finished. Decides too when the loop should read it again.
 */
export class BacklogReader {
  /** The last read: when (performance.now()), how long it took, whether it got everything due. */
  private last: { at: number; ms: number; complete: boolean } | undefined;
  private begun = 0;
  private completed = 0;

  constructor(private readonly p: BacklogReaderParts) {}

  /** Makes the next read due at once (a starting loop reads the queue first). */
  reset(): void {
    this.last = undefined;
  }

  /** Reads begun so far: any read numbered higher begins after this moment. */
  get readsBegun(): number {
    return this.begun;
  }

  /** The number of the last read that completed. */
  get readsCompleted(): number {
    return this.completed;
  }

  /** Whether the loop's next run reads the queue; `lastPickEmpty`: the last run found nothing to send. */
  due(lastPickEmpty: boolean): boolean {
    if (!this.last) return true;
    const since = performance.now() - this.last.at;
    if (since >= Math.max(this.p.pollIntervalMs, SCAN_DUTY_FACTOR * this.last.ms)) return true;
    // Nothing to do here while the last read left due entries unread: read on.
    return !this.last.complete && lastPickEmpty;
  }

  /** Reads due queue entries, oldest first, into the pending set; forgets entries gone from it. */
  async read(): Promise<void> {
    const { pending, recorder, scanLimit } = this.p;
    const number = ++this.begun;
    const started = performance.now();
    const now = this.p.clock.now();
    const gen = pending.nextGeneration();
    recorder.markScan();
    const found = await this.p.items.dueEntries(now, this.p.platforms, scanLimit + 1);
    const complete = found.length <= scanLimit;
    for (const entry of found.slice(0, scanLimit)) {
      // Sent here: the entry is about to go, or went after this read began.
      if (!recorder.settled(entry._id)) pending.add(entry);
    }
    if (complete) pending.dropUnseen(gen, now.getTime());
    this.last = { at: performance.now(), ms: performance.now() - started, complete };
    this.completed = number;
  }
}
