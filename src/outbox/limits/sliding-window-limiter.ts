/** At most `limit` events in any `windowMs` span. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** One key (a conversation, a workspace…) and the windows that apply to it. */
export interface RateRule {
  key: string;
  windows: RateWindow[];
}

interface KeyState {
  /** Event times, ascending, pruned to the longest window seen for the key. */
  times: number[];
  pausedUntil: number;
  longestWindowMs: number;
}

/** Keys idle this long past their longest window are forgotten on the next sweep. */
const SWEEP_EVERY = 1000;

/**
 * An in-memory sliding-window log: exact for several windows per key (Teams publishes "7 per
 * second and 60 per 30 seconds"), plus pauses for Retry-After. Time comes from a monotonic
 * source, since the limits pace real HTTP calls. Not shared between replicas.
 */
export class SlidingWindowLimiter {
  private readonly keys = new Map<string, KeyState>();
  private calls = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Milliseconds until every rule allows one more event (0: now). */
  waitTime(rules: RateRule[]): number {
    const now = this.now();
    let wait = 0;
    for (const rule of rules) wait = Math.max(wait, this.ruleWait(rule, now));
    return wait;
  }

  /**
   * How many events every rule will allow `aheadMs` from now, counting only events already
   * recorded (0 while paused then).
   */
  available(rules: RateRule[], aheadMs = 0): number {
    const now = this.now() + aheadMs;
    let room = Infinity;
    for (const rule of rules) {
      const state = this.keys.get(rule.key);
      if (!state) {
        for (const w of rule.windows) room = Math.min(room, w.limit);
        continue;
      }
      if (state.pausedUntil > now) return 0;
      for (const w of rule.windows) {
        const from = now - w.windowMs;
        let first = state.times.length;
        while (first > 0 && state.times[first - 1] > from) first--;
        room = Math.min(room, Math.max(0, w.limit - (state.times.length - first)));
      }
    }
    return room;
  }

  /** Records one event under every rule if all allow it now and returns 0; otherwise the wait. */
  tryAcquire(rules: RateRule[]): number {
    const wait = this.waitTime(rules);
    if (wait > 0) return wait;
    const now = this.now();
    for (const rule of rules) {
      const state = this.state(rule.key);
      state.longestWindowMs = Math.max(state.longestWindowMs, ...rule.windows.map((w) => w.windowMs));
      state.times.push(now);
    }
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    return 0;
  }

  /** Nothing under `key` is allowed for `ms` (a longer pause already in place wins). */
  pause(key: string, ms: number): void {
    const state = this.state(key);
    state.pausedUntil = Math.max(state.pausedUntil, this.now() + ms);
  }

  private ruleWait(rule: RateRule, now: number): number {
    const state = this.keys.get(rule.key);
    if (!state) return 0;
    let wait = Math.max(0, state.pausedUntil - now);
    const longest = Math.max(state.longestWindowMs, ...rule.windows.map((w) => w.windowMs));
    while (state.times.length > 0 && state.times[0] <= now - longest) state.times.shift();
    for (const w of rule.windows) {
      const from = now - w.windowMs;
      // Events still inside this window are the tail after the first time > from.
      let first = state.times.length;
      while (first > 0 && state.times[first - 1] > from) first--;
      const inWindow = state.times.length - first;
      if (inWindow >= w.limit) {
        // The window admits one more once its oldest (inWindow - limit + 1) events slide out.
        const leaving = state.times[first + inWindow - w.limit];
        wait = Math.max(wait, leaving + w.windowMs - now);
      }
    }
    return wait;
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { times: [], pausedUntil: 0, longestWindowMs: 0 };
      this.keys.set(key, state);
    }
    return state;
  }

  private sweep(now: number): void {
    for (const [key, s] of this.keys) {
      const last = s.times[s.times.length - 1] ?? -Infinity;
      if (s.pausedUntil <= now && last <= now - s.longestWindowMs) this.keys.delete(key);
    }
  }
}
