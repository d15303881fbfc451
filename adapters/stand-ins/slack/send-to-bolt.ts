import { signSlackRequest } from './signing';
import type { BlockActionsPayload, EventCallbackPayload, SlashCommandPayload, ViewSubmissionPayload } from './payloads';

export interface SlackPayloadKinds {
  slash_command: SlashCommandPayload;
  block_actions: BlockActionsPayload;
  view_submission: ViewSubmissionPayload;
  event_callback: EventCallbackPayload;
  url_verification: Record<string, string>;
}
export type SlackPayloadKind = keyof SlackPayloadKinds;

export interface SendToBoltOptions {
  signingSecret: string;
  /** Seconds; default now. Use an old one to test replay protection. */
  timestamp?: number;
  /** Event retries: X-Slack-Retry-Num / X-Slack-Retry-Reason (e.g. 'http_timeout'). */
  retryNum?: number;
  retryReason?: string;
  /** Override the signature (e.g. to send a forged one). */
  signature?: string;
  /** Abort after this many ms (Slack gives up after 3 s). */
  timeoutMs?: number;
}

export interface BoltResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Encodes like Slack: commands as form fields, interactions as form field `payload`, events as JSON. */
export function encodeSlackPayload<K extends SlackPayloadKind>(
  kind: K,
  payload: SlackPayloadKinds[K],
): { body: string; contentType: string } {
  if (kind === 'slash_command') {
    return { body: new URLSearchParams(payload as SlashCommandPayload).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (kind === 'block_actions' || kind === 'view_submission') {
    return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return { body: JSON.stringify(payload), contentType: 'application/json' };
}

/** Signs and POSTs a payload to a Bolt receiver (e.g. http://127.0.0.1:3000/slack/events). */
export async function sendToBolt<K extends SlackPayloadKind>(
  url: string,
  kind: K,
  payload: SlackPayloadKinds[K],
  opts: SendToBoltOptions,
): Promise<BoltResponse> {
  const { body, contentType } = encodeSlackPayload(kind, payload);
  const signed = signSlackRequest(body, opts.signingSecret, opts.timestamp);
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signed,
    ...(opts.signature ? { 'X-Slack-Signature': opts.signature } : {}),
  };
  if (opts.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(opts.retryNum);
  if (opts.retryReason !== undefined) headers['X-Slack-Retry-Reason'] = opts.retryReason;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    ...(opts.timeoutMs ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
  });
  return { status: response.status, body: await response.text(), headers: Object.fromEntries(response.headers.entries()) };
}
