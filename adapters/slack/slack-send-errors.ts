import { webApi } from '@slack/bolt';
import type { ConversationRef } from '../../src/domain/identity';
import { isMissionPulseError } from '../../src/errors';
import { SendError } from '../../src/outbox/platform-sender';

/** Slack `ok:false` errors worth trying again later: Slack's side hiccupped. */
const TRANSIENT_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** The person cannot be messaged by the bot: gone, deactivated, hidden, or a bot themselves. */
const UNREACHABLE_ERRORS = new Set(['user_not_found', 'users_not_found', 'user_not_visible', 'user_disabled', 'cannot_dm_bot']);

/** On a DM these mean the person's side of it is gone (left or deactivated); on a channel, they are permanent. */
const DM_GONE_ERRORS = new Set(['channel_not_found', 'is_archived']);

const RATE_LIMITED_ERRORS = new Set(['ratelimited', 'rate_limited']);

export interface SlackCallSite {
  method: string;
  /** The conversation posted to or updated, when there is one. */
  target?: ConversationRef;
}

function hasCode<T>(e: unknown, code: webApi.ErrorCode): e is T {
  // Compared by code, not instanceof, so a second copy of @slack/web-api still classifies.
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

function retryAfterHeaderMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

function platformError(e: webApi.WebAPIPlatformError, site: SlackCallSite): SendError {
  const code = e.data.error;
  const details = e.data.response_metadata?.messages?.join('; ');
  const message = `Slack ${site.method} failed: ${code}${details ? ` (${details})` : ''}`;
  if (RATE_LIMITED_ERRORS.has(code)) {
    const retryAfter = e.data.response_metadata?.retryAfter;
    return new SendError('rate-limited', message, retryAfter !== undefined ? retryAfter * 1000 : undefined);
  }
  if (TRANSIENT_ERRORS.has(code)) return new SendError('transient', message);
  if (UNREACHABLE_ERRORS.has(code)) return new SendError('unreachable', message);
  if (DM_GONE_ERRORS.has(code) && site.target?.kind === 'dm') return new SendError('unreachable', message);
  // Slack's other ok:false errors (bad blocks, channel gone, bot removed, token revoked…) repeat on retry.
  return new SendError('permanent', message);
}

/**
 * A 429 on a DM is the workspace's posting limit speaking: the outbox keeps each conversation
 * well under Slack's per-channel pace, and a DM gets one message at a time. Pausing only that
 * DM would let the other sends run into the same limit.
 */
function scoped(error: SendError, site: SlackCallSite): SendError {
  if (error.kind === 'rate-limited' && site.target?.kind === 'dm') error.scope = 'workspace';
  return error;
}

/** Turns whatever a Web API call threw into the outbox's SendError. */
export function toSlackSendError(e: unknown, site: SlackCallSite): SendError {
  return scoped(classify(e, site), site);
}

function classify(e: unknown, site: SlackCallSite): SendError {
  if (e instanceof SendError) return e;
  if (hasCode<webApi.WebAPIRateLimitedError>(e, webApi.ErrorCode.RateLimitedError)) {
    return new SendError('rate-limited', `Slack ${site.method} was rate-limited`, e.retryAfter * 1000);
  }
  if (hasCode<webApi.WebAPIPlatformError>(e, webApi.ErrorCode.PlatformError)) return platformError(e, site);
  if (hasCode<webApi.WebAPIHTTPError>(e, webApi.ErrorCode.HTTPError)) {
    const message = `Slack ${site.method} failed: HTTP ${e.statusCode}`;
    if (e.statusCode === 429) return new SendError('rate-limited', message, retryAfterHeaderMs(e.headers['retry-after']));
    if (e.statusCode >= 500 || e.statusCode === 408) return new SendError('transient', message);
    return new SendError('permanent', message);
  }
  if (hasCode<webApi.WebAPIRequestError>(e, webApi.ErrorCode.RequestError)) {
    // Connection refused/reset, DNS, or our own request timeout: the request may not have arrived.
    return new SendError('transient', `Slack ${site.method} did not complete: ${e.original.message}`);
  }
  // A message the renderer refuses (an id or value too long) will be refused again.
  if (isMissionPulseError(e)) return new SendError('permanent', `Slack ${site.method}: ${e.message}`);
  return new SendError('transient', `Slack ${site.method} failed: ${e instanceof Error ? e.message : String(e)}`);
}
