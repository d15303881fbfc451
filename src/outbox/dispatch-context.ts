import type { Model } from 'mongoose';
import type { Clock } from '../domain/clock';
import type { Platform } from '../domain/identity';
import type { Logger } from '../logger';
import type { RetryPolicy } from './backoff';
import type { ClaimStore, HeldClaim } from './claims';
import type { DmCache } from './dm-cache';
import type { OutboxItemDoc } from './item-model';
import type { ItemOutcomes } from './item-outcomes';
import type { Pending, PendingSet } from './pending-set';
import type { QueueEntryDoc } from './queue-model';
import type { PlatformSender } from './platform-sender';
import type { RateLimitConfig } from './rate-limits';
import type { PayloadStore } from './payloads';
import type { SentRecorder } from './sent-recorder';
import type { RateRule, SlidingWindowLimiter } from './sliding-window-limiter';
import { conversationKey, userKeyOfLane } from './target';
import type { OutboxItem } from './types';

export type ItemCallback = (item: OutboxItem) => void | Promise<void>;

/** A claim this dispatcher holds; `abandoned` once stop() released it at its deadline. */
export interface HeldEntry {
  claim: HeldClaim;
  abandoned: boolean;
}

/** Everything one send attempt needs; owned by the Dispatcher, shared by its lanes. */
export interface DispatchContext {
  items: Model<OutboxItemDoc>;
  queue: Model<QueueEntryDoc>;
  claims: ClaimStore;
  outcomes: ItemOutcomes;
  /** Sent outcomes waiting to be written in the next batch. */
  recorder: SentRecorder;
  /** Messages items share. */
  payloads: PayloadStore;
  /** What this dispatcher knows is pending. */
  pending: PendingSet;
  /** Per workspace: items picked to send whose rate-limit turn is not taken yet. */
  reserved: Map<string, number>;
  senders: Map<Platform, PlatformSender>;
  clock: Clock;
  logger: Logger;
  limiter: SlidingWindowLimiter;
  limits: RateLimitConfig;
  retry: RetryPolicy;
  random: () => number;
  dmCache: DmCache;
  /** Conversations with a call in flight in this process: never two at once. */
  inFlight: Set<string>;
  held: Map<string, HeldEntry>;
  /** Longest in-process wait for a rate limit before the lane is deferred to a later run. */
  maxInlineWaitMs: number;
  /** Do not start a call with less lease than this left. */
  leaseSafetyMs: number;
  onFailed?: ItemCallback;
  onUnreachable?: ItemCallback;
  /** Resolves false when the dispatcher is stopping. */
  sleep(ms: number): Promise<boolean>;
}

export type Operation = 'post' | 'update' | 'openDm';

/** Limiter keys; a conversation is named by conversationKey() from target.ts. */
export const conversationRuleKey = (conversationKey: string): string => `conv:${conversationKey}`;
export const workspaceRuleKey = (workspaceKey: string): string => `ws:${workspaceKey}`;
export const openDmRuleKey = (workspaceKey: string): string => `dm:${workspaceKey}`;

/** The limiter rules one call must pass: workspace, plus conversation and per-method ceilings. */
export function rulesFor(
  ctx: DispatchContext,
  platform: Platform,
  workspaceKey: string,
  conversationKey: string | undefined,
  op: Operation,
): RateRule[] {
  const limits = ctx.limits[platform];
  const rules: RateRule[] = [{ key: workspaceRuleKey(workspaceKey), windows: limits.workspace }];
  if (op === 'openDm') rules.push({ key: openDmRuleKey(workspaceKey), windows: limits.openDm });
  if (op === 'update') rules.push({ key: `upd:${workspaceKey}`, windows: limits.update });
  if (conversationKey) rules.push({ key: conversationRuleKey(conversationKey), windows: limits.conversation });
  return rules;
}

/** Takes a turn under `rules`, sleeping briefly if needed; otherwise says how long to defer. */
export async function waitForTurn(ctx: DispatchContext, rules: RateRule[]): Promise<{ acquired: boolean; waitMs: number }> {
  for (;;) {
    const wait = ctx.limiter.tryAcquire(rules);
    if (wait === 0) return { acquired: true, waitMs: 0 };
    if (wait > ctx.maxInlineWaitMs) return { acquired: false, waitMs: wait };
    if (!(await ctx.sleep(wait))) return { acquired: false, waitMs: 0 };
  }
}

/**
 * The conversation a queue entry's next send will use, when known without any call: the
 * target's, the user's DM (given at enqueue, or remembered), or the user id where the platform
 * takes it as a DM address (Slack). Lets the limiter be asked before anything is claimed.
 */
export function knownConversationKey(ctx: DispatchContext, entry: QueueEntryDoc): string | undefined {
  if (entry.conversationKey) return entry.conversationKey;
  const user = userKeyOfLane(entry.lane);
  if (!user) return undefined;
  const dm = ctx.dmCache.get(user);
  if (dm) return conversationKey(dm);
  return undefined;
}

/** Counts a picked item against its workspace's room until it takes (or gives up) its turn. */
export function reserveTurn(ctx: DispatchContext, item: Pending, workspaceKey: string): void {
  if (item.reservedIn) return;
  item.reservedIn = workspaceKey;
  ctx.reserved.set(workspaceKey, (ctx.reserved.get(workspaceKey) ?? 0) + 1);
}

export function releaseTurn(ctx: DispatchContext, item: Pending): void {
  const ws = item.reservedIn;
  if (!ws) return;
  item.reservedIn = undefined;
  const n = (ctx.reserved.get(ws) ?? 1) - 1;
  if (n > 0) ctx.reserved.set(ws, n);
  else ctx.reserved.delete(ws);
}
