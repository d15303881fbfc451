/**
 * A fixed-window request counter per key (an API token, or an address for export links), held
 * in this process: with several replicas each allows the full rate, which is fine for a guard
 * against runaway scripts. Time is monotonic, not the app's clock, so tests cannot skew it.
 */
export interface RateLimitOptions {
  /** Requests allowed per window (default 120). */
  max: number;
  /** Window length (default one minute). */
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 120, windowMs: 60_000 };

/** Past this many keys, windows that have ended are swept on the next hit. */
const SWEEP_AT = 10_000;

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly opts: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = () => performance.now(),
  ) {}

  hit(key: string): RateDecision {
    const now = this.now();
    if (this.windows.size > SWEEP_AT) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.opts.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.opts.max) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.opts.windowMs - now) / 1000)) };
    }
    w.count += 1;
    return { ok: true, remaining: this.opts.max - w.count };
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.opts.windowMs) this.windows.delete(key);
  }
}
