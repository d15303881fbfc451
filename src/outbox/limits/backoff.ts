/** How transient failures are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last one fails the item is failed. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseMs: 1000, capMs: 5 * 60_000 };

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(cap, base * 2^(failures-1))).
 * Spreading retries at random keeps replicas that failed together from retrying together.
 */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

/** When a failed item is tried again: whether it has attempts left, and after how long. */
export class Backoff {
  constructor(
    private readonly policy: RetryPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether an item that has now failed `attempts` times may be tried again. */
  allowsAnother(attempts: number): boolean {
    return attempts < this.policy.maxAttempts;
  }

  /** The wait before the next attempt, after `failures` failures. */
  delay(failures: number): number {
    return backoffDelay(failures, this.policy, this.random);
  }
}
