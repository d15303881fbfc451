import type { HeldClaim } from '../queue/claim-book';

/** How one send attempt ended, as far as its lane is concerned. */
export type AttemptOutcome =
  | { kind: 'sent' }
  /** Ended failed or unreachable. */
  | { kind: 'failed' }
  /** Must wait (rate limit, Retry-After, backoff): leave the lane for now. */
  | { kind: 'waiting'; retryInMs?: number }
  /** Waits for the earlier message it updates, which may be behind it: the lane goes on. */
  | { kind: 'skipped' }
  /** Another replica holds the attempt: leave the lane to it. */
  | { kind: 'busy' }
  /** No longer pending: go on with the lane's next item. */
  | { kind: 'gone' };

/**
 * How the attempt's claim was come by: not yet tried (claim it in the attempt), taken in a batch
 * by the caller (`held`), or found taken by the batch insert (`taken`: see whether it may be
 * taken over).
 */
export type ClaimState = { kind: 'none' } | { kind: 'held'; claim: HeldClaim } | { kind: 'taken' };
