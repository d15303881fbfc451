import type { TeamsActivity } from './activities';
import type { TokenIssuer } from './token-issuer';

export interface PostActivityOptions {
  /** Bearer token to send as is. */
  token?: string;
  /** Or: mint a channel token for this app (serviceUrl taken from the activity). */
  issuer?: TokenIssuer;
  appId?: string;
  timeoutMs?: number;
}

export interface BotReply {
  status: number;
  body: string;
  /** Parsed JSON body when there is one (invoke responses). */
  json?: unknown;
}

/** POSTs an activity to the bot's messaging endpoint the way the Bot Framework channel does. */
export async function postActivity(
  botUrl: string,
  activity: TeamsActivity | Record<string, unknown>,
  opts: PostActivityOptions = {},
): Promise<BotReply> {
  let token = opts.token;
  if (!token && opts.issuer) {
    if (!opts.appId) throw new Error('postActivity: appId is required with issuer');
    token = opts.issuer.issueChannelToken({ appId: opts.appId, serviceUrl: String(activity.serviceUrl) });
  }
  const response = await fetch(botUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
    ...(opts.timeoutMs ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
  });
  const body = await response.text();
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, body, ...(json !== undefined ? { json } : {}) };
}
