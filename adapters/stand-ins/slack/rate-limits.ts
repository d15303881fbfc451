import type { RateCheck } from '../common/rate-limiter';
import type { SlackRateLimitOptions, SlackTier } from './types';

/** Tiers from each method's reference page; auth.test is "Special" but generous, treated as Tier 4. */
export const METHOD_TIERS: Record<string, SlackTier> = {
  'auth.test': 'tier4',
  'chat.postEphemeral': 'tier4',
  'chat.update': 'tier3',
  'chat.delete': 'tier3',
  'views.open': 'tier4',
  'views.update': 'tier4',
  'views.push': 'tier4',
  'views.publish': 'tier4',
  'conversations.open': 'tier3',
  'users.info': 'tier4',
  'files.getUploadURLExternal': 'tier4',
  'files.completeUploadExternal': 'tier4',
};

const DEFAULT_TIERS: Record<SlackTier, number> = { tier1: 1, tier2: 20, tier3: 50, tier4: 100 };

/**
 * Tiered methods: a per-workspace token bucket holding a minute's quota (Slack tolerates bursts)
 * refilled at the per-minute rate. chat.postMessage (Special tier): ~1 per second per conversation
 * with a small burst, plus a workspace-wide cap.
 */
export function slackRateChecks(method: string, teamId: string, channel: string | undefined, options: SlackRateLimitOptions): RateCheck[] {
  if (method === 'chat.postMessage') {
    const perSecond = options.postMessagePerChannelPerSecond ?? 1;
    const burst = options.postMessageBurst ?? 3;
    const workspacePerMinute = options.postMessagePerWorkspacePerMinute ?? 600;
    const checks: RateCheck[] = [
      {
        key: `${teamId}:postMessage`,
        rules: [{ kind: 'bucket', capacity: workspacePerMinute / 6, refillPerSecond: workspacePerMinute / 60 }],
      },
    ];
    if (channel)
      checks.push({ key: `${teamId}:postMessage:${channel}`, rules: [{ kind: 'bucket', capacity: burst, refillPerSecond: perSecond }] });
    return checks;
  }
  const tier = METHOD_TIERS[method];
  if (!tier) return [];
  const perMinute = options.tiers?.[tier] ?? DEFAULT_TIERS[tier];
  return [{ key: `${teamId}:${method}`, rules: [{ kind: 'bucket', capacity: perMinute, refillPerSecond: perMinute / 60 }] }];
}
