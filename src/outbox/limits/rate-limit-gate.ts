import type { Platform } from '../../domain/identity';
import type { RateLimitScope } from '../platform-sender';
import type { RateLimitConfig } from './rate-limits';
import type { RateRule, RateWindow, SlidingWindowLimiter } from './sliding-window-limiter';

/** The calls a send makes; each has its own ceilings on top of the workspace's. */
export type Operation = 'post' | 'update' | 'openDm';

/** Something picked to send, that counts against its workspace's room until it takes its turn. */
export interface TurnHolder {
  /** The workspace whose room counts it, until it takes (or gives up) its turn. */
  reservedIn?: string;
}

/** Limiter keys; a conversation is named by conversationKey() from ../target.ts. */
const conversationRuleKey = (conversationKey: string): string => `conv:${conversationKey}`;
const workspaceRuleKey = (workspaceKey: string): string => `ws:${workspaceKey}`;
const openDmRuleKey = (workspaceKey: string): string => `dm:${workspaceKey}`;
const updateRuleKey = (workspaceKey: string): string => `upd:${workspaceKey}`;

/** Sends per millisecond the tightest of `windows` allows in the long run. */
function sustainedRate(windows: RateWindow[]): number {
  let rate = Infinity;
  for (const w of windows) rate = Math.min(rate, w.limit / w.windowMs);
  return rate;
}

/**
 * The platforms' ceilings as this dispatcher keeps them: which rules a call must pass, turns
 * taken (waiting briefly when one is close), room left for picking, turns promised to items
 * picked but not yet sent, and pauses after a 429. In memory, per replica.
 */
export class RateLimitGate {
  /** Per workspace: items picked to send whose turn is not taken yet. */
  private readonly reserved = new Map<string, number>();

  constructor(
    private readonly limits: RateLimitConfig,
    private readonly limiter: SlidingWindowLimiter,
    /** Longest in-process wait for a turn before the item is deferred to a later run. */
    readonly maxInlineWaitMs: number,
    /** Resolves false when the dispatcher is stopping. */
    private readonly sleep: (ms: number) => Promise<boolean>,
  ) {}

  /** Used when a 429 carries no Retry-After. */
  get defaultRetryAfterMs(): number {
    return this.limits.defaultRetryAfterMs;
  }

  /** Sends per millisecond a workspace of `platform` allows in the long run. */
  workspaceRate(platform: Platform): number {
    return sustainedRate(this.limits[platform].workspace);
  }

  /** Turns the workspace will have `aheadMs` from now, less those promised to items already picked. */
  workspaceRoom(platform: Platform, workspaceKey: string, aheadMs: number): number {
    return this.limiter.available([this.workspaceRule(platform, workspaceKey)], aheadMs) - (this.reserved.get(workspaceKey) ?? 0);
  }

  /** Milliseconds until the workspace allows one more call. */
  workspaceWait(platform: Platform, workspaceKey: string): number {
    return this.limiter.waitTime([this.workspaceRule(platform, workspaceKey)]);
  }

  /** Milliseconds until the conversation allows one more post. */
  conversationWait(platform: Platform, conversationKey: string): number {
    return this.limiter.waitTime([{ key: conversationRuleKey(conversationKey), windows: this.limits[platform].conversation }]);
  }

  /** Milliseconds until every rule of the call allows it (0: now). */
  waitTime(platform: Platform, workspaceKey: string, conversationKey: string | undefined, op: Operation): number {
    return this.limiter.waitTime(this.rulesFor(platform, workspaceKey, conversationKey, op));
  }

  /** Takes a turn for the call, sleeping briefly if needed; otherwise says how long to defer. */
  async takeTurn(
    platform: Platform,
    workspaceKey: string,
    conversationKey: string | undefined,
    op: Operation,
  ): Promise<{ acquired: boolean; waitMs: number }> {
    const rules = this.rulesFor(platform, workspaceKey, conversationKey, op);
    for (;;) {
      const wait = this.limiter.tryAcquire(rules);
      if (wait === 0) return { acquired: true, waitMs: 0 };
      if (wait > this.maxInlineWaitMs) return { acquired: false, waitMs: wait };
      if (!(await this.sleep(wait))) return { acquired: false, waitMs: 0 };
    }
  }

  /** Counts a picked item against its workspace's room until it takes (or gives up) its turn. */
  reserve(holder: TurnHolder, workspaceKey: string): void {
    if (holder.reservedIn) return;
    holder.reservedIn = workspaceKey;
    this.reserved.set(workspaceKey, (this.reserved.get(workspaceKey) ?? 0) + 1);
  }

  release(holder: TurnHolder): void {
    const ws = holder.reservedIn;
    if (!ws) return;
    holder.reservedIn = undefined;
    const n = (this.reserved.get(ws) ?? 1) - 1;
    if (n > 0) this.reserved.set(ws, n);
    else this.reserved.delete(ws);
  }

  /**
   * A 429: holds back what it covers for `ms`. The call's own ceiling (opening DMs, or the
   * conversation posted to), and the whole workspace when the platform said so.
   */
  pause(workspaceKey: string, call: { during: 'openDm' | 'send'; conversationKey?: string; scope?: RateLimitScope }, ms: number): void {
    if (call.during === 'openDm') this.limiter.pause(openDmRuleKey(workspaceKey), ms);
    else if (call.conversationKey) this.limiter.pause(conversationRuleKey(call.conversationKey), ms);
    if (call.scope === 'workspace') this.limiter.pause(workspaceRuleKey(workspaceKey), ms);
  }

  private workspaceRule(platform: Platform, workspaceKey: string): RateRule {
    return { key: workspaceRuleKey(workspaceKey), windows: this.limits[platform].workspace };
  }

  /** The limiter rules one call must pass: workspace, plus conversation and per-method ceilings. */
  private rulesFor(platform: Platform, workspaceKey: string, conversationKey: string | undefined, op: Operation): RateRule[] {
    const limits = this.limits[platform];
    const rules: RateRule[] = [this.workspaceRule(platform, workspaceKey)];
    if (op === 'openDm') rules.push({ key: openDmRuleKey(workspaceKey), windows: limits.openDm });
    if (op === 'update') rules.push({ key: updateRuleKey(workspaceKey), windows: limits.update });
    if (conversationKey) rules.push({ key: conversationRuleKey(conversationKey), windows: limits.conversation });
    return rules;
  }
}
