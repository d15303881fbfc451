import { createPrng } from './prng';

/**
 * Shares (0..1) of calls that fail on purpose. They are tried in this order against one draw:
 * rate429, rate500, rateTimeout, rateDrop, rateLostReply.
 */
export interface FaultRates {
  /** Answer HTTP 429 with Retry-After (not counted against the real rate limits). */
  rate429?: number;
  /** Answer HTTP 500 without doing the work. */
  rate500?: number;
  /** Hold the request without doing the work, then cut the connection (a client-side timeout). */
  rateTimeout?: number;
  /** Cut the connection at once without doing the work (ECONNRESET). */
  rateDrop?: number;
  /** Do the work, then cut the connection before answering: the caller cannot know it succeeded. */
  rateLostReply?: number;
}

export interface FaultOptions extends FaultRates {
  /** Seed for the draws; the same seed and call order give the same faults. Default 1. */
  seed?: number;
  /** Only these operations (Slack method names / Connector operation names) can fail. Default: all. */
  only?: string[];
}

export type FaultKind = '429' | '500' | 'timeout' | 'drop' | 'lost-reply';

/** Decides, per call, whether to inject a failure. Settable at run time. */
export class FaultInjector {
  private options: FaultOptions = {};
  private random: () => number = createPrng(1);

  constructor(options?: FaultOptions) {
    this.set(options ?? {});
  }

  /** Replaces the fault settings; re-seeds when a seed is given. */
  set(options: FaultOptions): void {
    this.options = { ...options };
    if (options.seed !== undefined || !this.random) this.random = createPrng(options.seed ?? 1);
  }

  pick(operation: string): FaultKind | null {
    const o = this.options;
    const total = (o.rate429 ?? 0) + (o.rate500 ?? 0) + (o.rateTimeout ?? 0) + (o.rateDrop ?? 0) + (o.rateLostReply ?? 0);
    if (total <= 0) return null;
    if (o.only && !o.only.includes(operation)) return null;
    const draw = this.random();
    let edge = o.rate429 ?? 0;
    if (draw < edge) return '429';
    edge += o.rate500 ?? 0;
    if (draw < edge) return '500';
    edge += o.rateTimeout ?? 0;
    if (draw < edge) return 'timeout';
    edge += o.rateDrop ?? 0;
    if (draw < edge) return 'drop';
    edge += o.rateLostReply ?? 0;
    if (draw < edge) return 'lost-reply';
    return null;
  }
}
