import type { ConversationRef } from '../domain/identity';
import { backoffDelay } from './backoff';
import {
  conversationRuleKey,
  openDmRuleKey,
  workspaceRuleKey,
  type DispatchContext,
  type HeldEntry,
  type ItemCallback,
} from './dispatch-context';
import type { OutboxItemDoc } from './item-model';
import { toOutboxItem } from './item-mapper';
import { SendError, type RateLimitScope } from './platform-sender';
import type { OutboxError } from './types';

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

/** Where a call failed: opening the DM, or posting/updating in a conversation. */
export interface FailedCall {
  doc: OutboxItemDoc;
  held: HeldEntry;
  error: unknown;
  /** The conversation called (conversationKey() form), when known. */
  conversationKey?: string;
  /** A DM opened during this attempt, remembered on the item for the next one. */
  dm?: ConversationRef;
  during: 'openDm' | 'send';
}

/** Releases the claim unless stop() already did. */
export async function releaseClaim(ctx: DispatchContext, held: HeldEntry, outcome: string): Promise<void> {
  if (!held.abandoned) await ctx.claims.release(held.claim, outcome);
}

function describe(error: unknown): { kind: OutboxError['kind']; message: string; retryAfterMs?: number; scope?: RateLimitScope } {
  if (error instanceof SendError) {
    return { kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs, scope: error.scope };
  }
  // Anything else (a renderer bug, a network error the adapter did not classify) is retried.
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}

async function notify(ctx: DispatchContext, callback: ItemCallback | undefined, doc: OutboxItemDoc, name: string): Promise<void> {
  if (!callback) return;
  try {
    await callback(toOutboxItem(doc, await ctx.payloads.messageOf(doc)));
  } catch (e) {
    ctx.logger.error({ err: e, key: doc._id }, `outbox ${name} callback threw`);
  }
}

/** Records a failed call as the error kind says, releases the claim, and tells the callbacks. */
export async function handleFailedCall(ctx: DispatchContext, f: FailedCall): Promise<AttemptOutcome> {
  const { doc, held } = f;
  const { kind, message, retryAfterMs, scope } = describe(f.error);
  const error: OutboxError = { kind, message };
  const now = ctx.clock.now();
  if (held.abandoned) return { kind: 'waiting' }; // stop() gave the item back; leave it as it is
  const log = ctx.logger.child({ key: doc._id, kind, attempt: doc.attempts + 1 });

  if (kind === 'rate-limited') {
    const waitMs = retryAfterMs ?? ctx.limits.defaultRetryAfterMs;
    if (f.during === 'openDm') ctx.limiter.pause(openDmRuleKey(doc.workspaceKey), waitMs);
    else if (f.conversationKey) ctx.limiter.pause(conversationRuleKey(f.conversationKey), waitMs);
    if (scope === 'workspace') ctx.limiter.pause(workspaceRuleKey(doc.workspaceKey), waitMs);
    // On the item too, so every replica holds this lane back until Retry-After has passed.
    const nextAttemptAt = new Date(now.getTime() + waitMs);
    await ctx.outcomes.rateLimited(doc._id, { nextAttemptAt, error, claimN: held.claim.n, dm: f.dm }, now);
    await releaseClaim(ctx, held, 'rate-limited');
    log.info({ waitMs }, 'outbox send rate-limited');
    return { kind: 'waiting', retryInMs: waitMs };
  }

  if (kind === 'unreachable') {
    if (doc.userKey) ctx.dmCache.delete(doc.userKey);
    await ctx.outcomes.unreachable(doc._id, error, now);
    // Released, unlike a sent item's claim: requeueUnreachable may make this attempt pending again.
    await releaseClaim(ctx, held, 'unreachable');
    log.warn({ message }, 'outbox target unreachable');
    await notify(ctx, ctx.onUnreachable, { ...doc, status: 'unreachable', lastError: error, updatedAt: now }, 'onUnreachable');
    return { kind: 'failed' };
  }

  const attempts = doc.attempts + 1;
  if (kind === 'transient' && attempts < ctx.retry.maxAttempts) {
    const delay = backoffDelay(attempts, ctx.retry, ctx.random);
    await ctx.outcomes.retryLater(doc._id, { attempts, nextAttemptAt: new Date(now.getTime() + delay), error, dm: f.dm }, now);
    await releaseClaim(ctx, held, 'retry');
    log.warn({ message, delay }, 'outbox send failed; will retry');
    return { kind: 'waiting', retryInMs: delay };
  }

  await ctx.outcomes.failed(doc._id, attempts, error, now);
  await releaseClaim(ctx, held, 'failed');
  log.error({ message }, 'outbox send failed for good');
  await notify(ctx, ctx.onFailed, { ...doc, status: 'failed', attempts, lastError: error, updatedAt: now }, 'onFailed');
  return { kind: 'failed' };
}
