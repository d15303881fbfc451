import type { Clock } from '../../domain/clock';
import { userKey, type ConversationRef } from '../../domain/identity';
import type { Logger } from '../../logger';
import type { Backoff } from '../limits/backoff';
import type { RateLimitGate } from '../limits/rate-limit-gate';
import type { OutboxError, OutboxItem } from '../outbox-item';
import { SendError, type RateLimitScope } from '../platform-sender';
import type { ClaimBook, HeldClaim } from '../queue/claim-book';
import type { ItemOutcomes } from '../queue/item-outcomes';
import { isUserTarget, targetWorkspaceKey } from '../target';
import type { AttemptOutcome } from './attempt-outcome';
import type { DmCache } from './dm-cache';
import type { PendingSet } from './pending-set';

export type ItemCallback = (item: OutboxItem) => void | Promise<void>;

/** A call that failed: opening the DM, or posting/updating in a conversation. */
export interface FailedCall {
  item: OutboxItem;
  claim: HeldClaim;
  error: unknown;
  /** The conversation called (conversationKey() form), when known. */
  conversationKey?: string;
  /** A DM opened during this attempt, remembered on the item for the next one. */
  dm?: ConversationRef;
  during: 'openDm' | 'send';
}

export interface FailureHandlerParts {
  outcomes: ItemOutcomes;
  pending: PendingSet;
  claims: ClaimBook;
  gate: RateLimitGate;
  dms: DmCache;
  backoff: Backoff;
  clock: Clock;
  logger: Logger;
  onFailed?: ItemCallback;
  onUnreachable?: ItemCallback;
}

function describe(error: unknown): { kind: OutboxError['kind']; message: string; retryAfterMs?: number; scope?: RateLimitScope } {
  if (error instanceof SendError) {
    return { kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs, scope: error.scope };
  }
  // Anything else (a renderer bug, a network error the adapter did not classify) is retried.
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Acts on a failed call as its SendError kind says (platform-sender.ts): a 429 pauses and waits
 * without spending an attempt, a transient failure retries with backoff until attempts run out,
 * a permanent one fails at once, an unreachable user parks the item. Records the outcome,
 * releases the claim, and tells the callbacks.
 */
export class FailureHandler {
  constructor(private readonly p: FailureHandlerParts) {}

  async handle(f: FailedCall): Promise<AttemptOutcome> {
    const { item, claim } = f;
    const { outcomes, pending, claims, clock } = this.p;
    const { kind, message, retryAfterMs, scope } = describe(f.error);
    const error: OutboxError = { kind, message };
    const now = clock.now();
    if (claim.abandoned) return { kind: 'waiting' }; // stop() gave the item back; leave it as it is
    const log = this.p.logger.child({ key: item.key, kind, attempt: item.attempts + 1 });

    if (kind === 'rate-limited') {
      const waitMs = retryAfterMs ?? this.p.gate.defaultRetryAfterMs;
      this.p.gate.pause(targetWorkspaceKey(item.target), { during: f.during, conversationKey: f.conversationKey, scope }, waitMs);
      // On the item too, so every replica holds this lane back until Retry-After has passed.
      const nextAttemptAt = new Date(now.getTime() + waitMs);
      pending.patch(item.key, await outcomes.rateLimited(item.key, { nextAttemptAt, error, claimN: claim.n, dm: f.dm }, now));
      await claims.release(claim, 'rate-limited');
      log.info({ waitMs }, 'outbox send rate-limited');
      return { kind: 'waiting', retryInMs: waitMs };
    }

    if (kind === 'unreachable') {
      if (isUserTarget(item.target)) this.p.dms.delete(userKey(item.target.user));
      await outcomes.unreachable(item.key, error, now);
      // Released, unlike a sent item's claim: requeueUnreachable may make this attempt pending again.
      await claims.release(claim, 'unreachable');
      log.warn({ message }, 'outbox target unreachable');
      await this.tell(this.p.onUnreachable, { ...item, status: 'unreachable', lastError: error, updatedAt: now }, 'onUnreachable');
      return { kind: 'failed' };
    }

    const attempts = item.attempts + 1;
    if (kind === 'transient' && this.p.backoff.allowsAnother(attempts)) {
      const delay = this.p.backoff.delay(attempts);
      const nextAttemptAt = new Date(now.getTime() + delay);
      pending.patch(item.key, await outcomes.retryLater(item.key, { attempts, nextAttemptAt, error, dm: f.dm }, now));
      await claims.release(claim, 'retry');
      log.warn({ message, delay }, 'outbox send failed; will retry');
      return { kind: 'waiting', retryInMs: delay };
    }

    await outcomes.failed(item.key, attempts, error, now);
    await claims.release(claim, 'failed');
    log.error({ message }, 'outbox send failed for good');
    await this.tell(this.p.onFailed, { ...item, status: 'failed', attempts, lastError: error, updatedAt: now }, 'onFailed');
    return { kind: 'failed' };
  }

  /**
   * An item that cannot be read as it is stored (its shared message is gone): no retry will
   * find it, so it fails for good. No callback runs, having no item to give it.
   */
  async unreadable(key: string, claim: HeldClaim, message: string): Promise<AttemptOutcome> {
    if (claim.abandoned) return { kind: 'waiting' };
    const error: OutboxError = { kind: 'permanent', message };
    await this.p.outcomes.failed(key, claim.attempt + 1, error, this.p.clock.now());
    await this.p.claims.release(claim, 'failed');
    this.p.logger.error({ key, kind: error.kind, attempt: claim.attempt + 1, message }, 'outbox send failed for good');
    return { kind: 'failed' };
  }

  private async tell(callback: ItemCallback | undefined, item: OutboxItem, name: string): Promise<void> {
    if (!callback) return;
    try {
      await callback(item);
    } catch (e) {
      this.p.logger.error({ err: e, key: item.key }, `outbox ${name} callback threw`);
    }
  }
}
