/** A rule either counts calls in a sliding window or drains a token bucket. Times are unscaled. */
export type RateRule = { kind: 'window'; limit: number; windowMs: number } | { kind: 'bucket'; capacity: number; refillPerSecond: number };

export interface RateCheck {
  key: string;
  rules: RateRule[];
}

interface BucketState {
  tokens: number;
  at: number;
}

/**
 * Keyed rate limiter. `timeScale` shrinks every window (0.01 turns a minute into 600 ms) so
 * benchmarks can exercise the limits quickly. A rejected call consumes nothing.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly timeScale: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns 0 when every check passes (and records the call), else the wait in real ms. */
  tryAcquire(checks: RateCheck[]): number {
    const at = this.now();
    let wait = 0;
    for (const check of checks) {
      check.rules.forEach((rule, index) => {
        wait = Math.max(wait, this.waitFor(`${check.key}#${index}`, rule, at));
      });
    }
    if (wait > 0) return wait;
    for (const check of checks) {
      check.rules.forEach((rule, index) => this.record(`${check.key}#${index}`, rule, at));
    }
    return 0;
  }

  reset(): void {
    this.windows.clear();
    this.buckets.clear();
  }

  private waitFor(id: string, rule: RateRule, at: number): number {
    if (rule.kind === 'window') {
      const windowMs = rule.windowMs * this.timeScale;
      const hits = (this.windows.get(id) ?? []).filter((t) => t > at - windowMs);
      this.windows.set(id, hits);
      if (hits.length < rule.limit) return 0;
      return Math.max(1, hits[hits.length - rule.limit] + windowMs - at);
    }
    const state = this.refill(id, rule, at);
    if (state.tokens >= 1) return 0;
    const perMs = rule.refillPerSecond / (1000 * this.timeScale);
    return Math.max(1, Math.ceil((1 - state.tokens) / perMs));
  }

  private record(id: string, rule: RateRule, at: number): void {
    if (rule.kind === 'window') {
      const hits = this.windows.get(id) ?? [];
      hits.push(at);
      this.windows.set(id, hits);
      return;
    }
    const state = this.refill(id, rule, at);
    state.tokens -= 1;
  }

  private refill(id: string, rule: { capacity: number; refillPerSecond: number }, at: number): BucketState {
    const state = this.buckets.get(id) ?? { tokens: rule.capacity, at };
    const perMs = rule.refillPerSecond / (1000 * this.timeScale);
    state.tokens = Math.min(rule.capacity, state.tokens + (at - state.at) * perMs);
    state.at = at;
    this.buckets.set(id, state);
    return state;
  }
}

/**
 * Formats a wait as a Retry-After value. At timeScale 1 it is whole seconds (at least 1), as the
 * platforms send it; when scaled it is decimal seconds (e.g. "0.013") so a scaled run waits the
 * scaled time. Clients that parseInt a decimal value read 0 and retry at once.
 */
export function formatRetryAfter(waitMs: number, timeScale: number): string {
  if (timeScale >= 1) return String(Math.max(1, Math.ceil(waitMs / 1000)));
  return (Math.max(1, Math.ceil(waitMs)) / 1000).toFixed(3);
}
