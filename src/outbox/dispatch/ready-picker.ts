import type { Platform } from '../../domain/identity';
import type { RateLimitGate } from '../limits/rate-limit-gate';
import type { DmCache } from './dm-cache';
import type { Pending, PendingSet } from './pending-set';

export interface Picked {
  /** Lane heads that may be claimed and sent now, most urgent workspace first. */
  ready: Pending[];
  /** Per ready item: how long its workspace's backlog takes to drain (ms), the urgency to send it by. */
  urgency: number[];
  /** Due items held back: their lane's head waits for a retry, or no turn is free for it. */
  waiting: number;
  /** How soon something held back may go (ms), when known. */
  wakeInMs?: number;
}

export interface PickOptions {
  /** Outbox clock, ms. */
  now: number;
  max: number;
  platforms: ReadonlySet<string>;
  /** Count every due item held back (exact `waiting`); otherwise a throttled workspace is skipped whole. */
  countWaiting: boolean;
  /**
   * Also pick for turns that free up this soon (ms): claimed ahead, the item is ready to go the
   * moment its turn comes, instead of a pick, a claim and a read later. Without it a workspace
   * at its ceiling would lose those milliseconds on every turn.
   */
  aheadMs: number;
}

function dueCount(lane: Pending[], now: number): number {
  let n = 0;
  for (const p of lane) if (p.entry.dueAt.getTime() <= now) n++;
  return n;
}

/**
 * The order workspaces are served in: the one whose backlog takes longest to drain at its
 * ceiling first. That workspace decides when the last message goes out, so its turns must never
 * wait behind workspaces that have time to spare (3,000 Slack prompts at 10 a second behind
 * 7,000 Teams prompts at 50 a second per tenant).
 */
function byDrainTime(pending: PendingSet, gate: RateLimitGate, platforms: ReadonlySet<string>): Array<{ ws: string; ms: number }> {
  const drain: Array<{ ws: string; ms: number }> = [];
  for (const ws of pending.workspaceKeys()) {
    const first = pending.lanesOf(ws).next().value;
    const platform = first?.[0].entry.platform;
    if (!platform || !platforms.has(platform)) continue;
    drain.push({ ws, ms: pending.laneCount(ws) / gate.workspaceRate(platform as Platform) });
  }
  return drain.sort((a, b) => b.ms - a.ms);
}

/**
 * Chooses what to send next: the head of each lane that is due and not held back, and for each
 * workspace no more than its rate limits allow right now, so that nothing is claimed only to
 * wait. Picked items hold a turn of their workspace's room (RateLimitGate.reserve) until they
 * take it.
 */
export class ReadyPicker {
  constructor(
    private readonly pending: PendingSet,
    private readonly gate: RateLimitGate,
    private readonly dms: DmCache,
  ) {}

  pick(o: PickOptions): Picked {
    const { pending, gate } = this;
    const ready: Pending[] = [];
    const urgency: number[] = [];
    let waiting = 0;
    let wake = Infinity;
    for (const { ws, ms } of byDrainTime(pending, gate, o.platforms)) {
      if (ready.length >= o.max && !o.countWaiting) break;
      let room: number | undefined;
      for (const lane of pending.lanesOf(ws)) {
        const head = lane[0];
        const e = head.entry;
        if (head.busy) continue;
        const dueAt = e.dueAt.getTime();
        if (dueAt > o.now) {
          wake = Math.min(wake, dueAt - o.now);
          continue;
        }
        const retryAt = Math.max(e.nextAttemptAt?.getTime() ?? 0, head.holdUntil ?? 0);
        if (retryAt > o.now) {
          waiting += dueCount(lane, o.now);
          wake = Math.min(wake, retryAt - o.now);
          continue;
        }
        const platform = e.platform as Platform;
        if (room === undefined) {
          // Items picked earlier that have not taken their turn yet will take some of the room.
          room = gate.workspaceRoom(platform, ws, o.aheadMs);
          if (room <= 0) wake = Math.min(wake, Math.max(1, gate.workspaceWait(platform, ws) - o.aheadMs));
        }
        if (room <= 0 || ready.length >= o.max) {
          if (!o.countWaiting) break;
          waiting += dueCount(lane, o.now);
          continue;
        }
        const conv = this.dms.knownConversationKey(e);
        if (conv) {
          const convWait = gate.conversationWait(platform, conv);
          if (convWait > o.aheadMs) {
            waiting += dueCount(lane, o.now);
            wake = Math.min(wake, convWait - o.aheadMs);
            continue;
          }
        }
        ready.push(head);
        urgency.push(ms);
        gate.reserve(head, ws);
        room--;
      }
    }
    return { ready, urgency, waiting, ...(Number.isFinite(wake) ? { wakeInMs: wake } : {}) };
  }
}
