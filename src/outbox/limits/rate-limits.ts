import type { Platform } from '../../domain/identity';
import { invalidInput } from '../../errors';
import type { RateWindow } from './sliding-window-limiter';

/** Client-side limits for one platform; every list may hold several windows (all must allow). */
export interface PlatformLimits {
  /** Per conversation (channel, group chat or DM): posts and updates. */
  conversation: RateWindow[];
  /** Per workspace (Slack team) or tenant (Teams): every call the outbox makes. */
  workspace: RateWindow[];
  /** Per workspace: opening DMs (Slack conversations.open, Teams createConversation). */
  openDm: RateWindow[];
  /** Per workspace: message updates (Slack chat.update). */
  update: RateWindow[];
}

export interface RateLimitConfig {
  slack: PlatformLimits;
  teams: PlatformLimits;
  /** Used when a 429 carries no Retry-After. */
  defaultRetryAfterMs: number;
  /** Multiplies every window and defaultRetryAfterMs; benchmarks and tests shrink time with it. */
  timeScale: number;
}

export type RateLimitOverrides = {
  slack?: Partial<PlatformLimits>;
  teams?: Partial<PlatformLimits>;
  defaultRetryAfterMs?: number;
  timeScale?: number;
};

/**
 * Defaults, from the platforms' published numbers:
 * - Slack chat.postMessage ("special" tier): about 1 message per second per channel, short
 *   bursts tolerated (docs.slack.dev/apis/web-api/rate-limits) -> 2 per second, 5 per 5 seconds.
 *   Slack also keeps a workspace-wide posting limit without publishing a number ("several
 *   hundred a minute"): we take 600 a minute in bursts of at most 100 (100 per 10 seconds), and
 *   a 429 on a DM pauses the whole workspace for its Retry-After if Slack wants less (the Slack
 *   sender marks it). conversations.open and chat.update are Tier 3 ("50+ per minute"): 50 per
 *   minute each.
 * - Teams, per bot per conversation ("thread"): 7 per second, 8 per 2 seconds, 60 per 30
 *   seconds (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit); the hourly
 *   1,800 is left out to keep the log small. Per app per tenant: 50 requests per second.
 * Limits are per replica: with N replicas, divide the workspace ceilings by N.
 */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  slack: {
    conversation: [
      { limit: 2, windowMs: 1000 },
      { limit: 5, windowMs: 5000 },
    ],
    workspace: [{ limit: 100, windowMs: 10_000 }],
    openDm: [{ limit: 50, windowMs: 60_000 }],
    update: [{ limit: 50, windowMs: 60_000 }],
  },
  teams: {
    conversation: [
      { limit: 7, windowMs: 1000 },
      { limit: 8, windowMs: 2000 },
      { limit: 60, windowMs: 30_000 },
    ],
    workspace: [{ limit: 50, windowMs: 1000 }],
    openDm: [],
    update: [],
  },
  defaultRetryAfterMs: 1000,
  timeScale: 1,
};

function checkWindows(where: string, windows: RateWindow[]): RateWindow[] {
  for (const w of windows) {
    if (!Number.isInteger(w.limit) || w.limit < 1 || !(w.windowMs > 0)) {
      throw invalidInput(`rate limit ${where} needs a whole limit >= 1 and a positive windowMs`, { ...w });
    }
  }
  return windows;
}

function mergePlatform(name: Platform, base: PlatformLimits, o: Partial<PlatformLimits> = {}): PlatformLimits {
  return {
    conversation: checkWindows(`${name}.conversation`, o.conversation ?? base.conversation),
    workspace: checkWindows(`${name}.workspace`, o.workspace ?? base.workspace),
    openDm: checkWindows(`${name}.openDm`, o.openDm ?? base.openDm),
    update: checkWindows(`${name}.update`, o.update ?? base.update),
  };
}

function scale(windows: RateWindow[], factor: number): RateWindow[] {
  return windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs * factor }));
}

function scalePlatform(p: PlatformLimits, f: number): PlatformLimits {
  return {
    conversation: scale(p.conversation, f),
    workspace: scale(p.workspace, f),
    openDm: scale(p.openDm, f),
    update: scale(p.update, f),
  };
}

/** Defaults merged with overrides, validated, with timeScale applied to every duration. */
export function resolveRateLimits(o: RateLimitOverrides = {}): RateLimitConfig {
  const timeScale = o.timeScale ?? DEFAULT_RATE_LIMITS.timeScale;
  if (!(timeScale > 0)) throw invalidInput('rate limit timeScale must be positive', { timeScale });
  const retry = o.defaultRetryAfterMs ?? DEFAULT_RATE_LIMITS.defaultRetryAfterMs;
  if (!(retry >= 0)) throw invalidInput('defaultRetryAfterMs must not be negative', { retry });
  return {
    slack: scalePlatform(mergePlatform('slack', DEFAULT_RATE_LIMITS.slack, o.slack), timeScale),
    teams: scalePlatform(mergePlatform('teams', DEFAULT_RATE_LIMITS.teams, o.teams), timeScale),
    defaultRetryAfterMs: retry * timeScale,
    timeScale,
  };
}
