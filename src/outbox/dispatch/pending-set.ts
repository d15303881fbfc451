import type { TurnHolder } from '../limits/rate-limit-gate';
import type { OutboxItem } from '../outbox-item';
import type { EntryChange } from '../queue/item-outcomes';
import type { QueueEntryDoc } from '../queue/queue-model';

/** One pending item as this dispatcher knows it. */
export interface Pending extends TurnHolder {
  /** Its queue entry, kept in step with this process's own writes. */
  entry: QueueEntryDoc;
  /** The whole item, when this process wrote it: it need not be read back before the send. */
  item?: OutboxItem;
  /** Not tried again in this process before then (ms, outbox clock); a scan clears it. */
  holdUntil?: number;
  /** Bumped by every add; tells entries known before a scan from ones offered during it. */
  gen: number;
  /** Claimed and queued or being attempted by this dispatcher right now. */
  busy?: boolean;
}

function before(a: QueueEntryDoc, b: QueueEntryDoc): boolean {
  const at = a.dueAt.getTime();
  const bt = b.dueAt.getTime();
  return at < bt || (at === bt && a.seq < b.seq);
}

/**
 * The dispatcher's in-memory view of the backlog: pending items by key, in lanes (send order
 * within a conversation or user), lanes by workspace (the unit of the platforms' ceilings).
 * Filled from the items this process enqueues and from reads of the queue; the queue in the
 * database stays the record.
 */
export class PendingSet {
  private readonly byKey = new Map<string, Pending>();
  private readonly lanes = new Map<string, Pending[]>();
  /** Workspace key -> its lanes, in the order they became non-empty (roughly oldest first). */
  private readonly workspaces = new Map<string, Set<string>>();
  private cachedItems = 0;
  private gen = 0;

  /** Keeps whole items for at most this many (each holds its message). */
  constructor(private readonly maxCachedItems: number) {}

  /** Starts a scan: entries added from now on belong to it or came after it. */
  nextGeneration(): number {
    return ++this.gen;
  }

  /**
   * Adds an entry, or refreshes a known one from a fresher read (its attempt, Retry-After and
   * claim hint; any local hold ends). A whole item is kept while there is room.
   */
  add(entry: QueueEntryDoc, item?: OutboxItem): void {
    const known = this.byKey.get(entry._id);
    if (known) {
      known.entry = entry;
      known.holdUntil = undefined;
      known.gen = this.gen;
      if (known.item && known.item.attempts !== entry.attempts) this.dropItem(known);
      if (item && !known.item && item.attempts === entry.attempts) this.keepItem(known, item);
      return;
    }
    const p: Pending = { entry, gen: this.gen };
    if (item && item.attempts === entry.attempts) this.keepItem(p, item);
    this.byKey.set(entry._id, p);
    let lane = this.lanes.get(entry.lane);
    if (!lane) {
      this.lanes.set(entry.lane, (lane = []));
      let ws = this.workspaces.get(entry.workspaceKey);
      if (!ws) this.workspaces.set(entry.workspaceKey, (ws = new Set()));
      ws.add(entry.lane);
    }
    let i = lane.length;
    while (i > 0 && before(entry, lane[i - 1].entry)) i--;
    lane.splice(i, 0, p);
  }

  /** Updates what this process wrote to the entry (a retry, a Retry-After). */
  patch(key: string, change: EntryChange): void {
    const p = this.byKey.get(key);
    if (!p) return;
    p.entry = { ...p.entry, ...change };
    // The item moved on: the copy kept of it is stale for the next attempt.
    if (p.item && change.attempts !== undefined && change.attempts !== p.item.attempts) this.dropItem(p);
  }

  hold(key: string, untilMs: number): void {
    const p = this.byKey.get(key);
    if (p) p.holdUntil = untilMs;
  }

  remove(key: string): void {
    const p = this.byKey.get(key);
    if (!p) return;
    this.byKey.delete(key);
    this.dropItem(p);
    const lane = this.lanes.get(p.entry.lane);
    if (!lane) return;
    const i = lane.indexOf(p);
    if (i >= 0) lane.splice(i, 1);
    if (lane.length === 0) {
      this.lanes.delete(p.entry.lane);
      const ws = this.workspaces.get(p.entry.workspaceKey);
      ws?.delete(p.entry.lane);
      if (ws?.size === 0) this.workspaces.delete(p.entry.workspaceKey);
    }
  }

  /**
   * Drops entries due by `dueBy` that a complete read of the queue (generation `gen`) did not
   * return: another replica sent them meanwhile.
   */
  dropUnseen(gen: number, dueBy: number): number {
    let dropped = 0;
    for (const [key, p] of this.byKey) {
      if (p.gen < gen && p.entry.dueAt.getTime() <= dueBy) {
        this.remove(key);
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * Whether any item is due by `now` (ms, outbox clock) and not waiting for a retry or a
   * Retry-After, whatever holds it back in this process (a rate-limit turn, a lane ahead of it).
   */
  hasDue(now: number): boolean {
    for (const p of this.byKey.values()) {
      if (p.entry.dueAt.getTime() <= now && (p.entry.nextAttemptAt?.getTime() ?? 0) <= now) return true;
    }
    return false;
  }

  /** How many lanes of the workspace have items. */
  laneCount(workspaceKey: string): number {
    return this.workspaces.get(workspaceKey)?.size ?? 0;
  }

  workspaceKeys(): string[] {
    return [...this.workspaces.keys()];
  }

  /** The lanes of a workspace, each in send order. */
  *lanesOf(workspaceKey: string): Generator<Pending[]> {
    for (const laneKey of this.workspaces.get(workspaceKey) ?? []) {
      const lane = this.lanes.get(laneKey);
      if (lane && lane.length > 0) yield lane;
    }
  }

  /** Whether `p` may be tried now (ms, outbox clock). */
  static dueNow(p: Pending, now: number): boolean {
    return p.entry.dueAt.getTime() <= now && (p.entry.nextAttemptAt?.getTime() ?? 0) <= now && (p.holdUntil ?? 0) <= now;
  }

  /** How many items of `key`'s lane, from it on, are due by `now`. */
  dueFrom(key: string, now: number): number {
    const p = this.byKey.get(key);
    if (!p) return 0;
    const lane = this.lanes.get(p.entry.lane) ?? [];
    let n = 0;
    for (let i = Math.max(0, lane.indexOf(p)); i < lane.length; i++) if (lane[i].entry.dueAt.getTime() <= now) n++;
    return n;
  }

  /** The item after `key` in its lane. */
  after(key: string): Pending | undefined {
    const p = this.byKey.get(key);
    if (!p) return undefined;
    const lane = this.lanes.get(p.entry.lane) ?? [];
    return lane[lane.indexOf(p) + 1];
  }

  private keepItem(p: Pending, item: OutboxItem): void {
    if (this.cachedItems >= this.maxCachedItems) return;
    p.item = item;
    this.cachedItems++;
  }

  private dropItem(p: Pending): void {
    if (!p.item) return;
    p.item = undefined;
    this.cachedItems--;
  }
}
