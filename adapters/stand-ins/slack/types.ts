import type { SlackOAuthOptions } from './oauth';
import type { FaultOptions } from '../common/faults';

export type SlackTier = 'tier1' | 'tier2' | 'tier3' | 'tier4';

export interface SlackWorkspaceSeed {
  teamId: string;
  /** Bot tokens accepted for this workspace. */
  botTokens: string[];
  teamName?: string;
  domain?: string;
  enterpriseId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
}

export interface SlackUserSeed {
  id: string;
  teamId: string;
  name: string;
  realName?: string;
  email?: string;
  tz?: string;
  isBot?: boolean;
  deleted?: boolean;
}

export interface SlackRateLimitOptions {
  /** Default true. */
  enabled?: boolean;
  /** Calls per minute per method per workspace, by tier. Defaults: 1, 20, 50, 100. */
  tiers?: Partial<Record<SlackTier, number>>;
  /** chat.postMessage per conversation: sustained rate and burst. Default 1/s, burst 3. */
  postMessagePerChannelPerSecond?: number;
  postMessageBurst?: number;
  /** chat.postMessage per workspace per minute (Slack's workspace-wide cap). Default 600. */
  postMessagePerWorkspacePerMinute?: number;
}

export interface SlackStandInOptions {
  /** Default: one workspace T0MISSION with bot token 'xoxb-stand-in-token'. */
  workspaces?: SlackWorkspaceSeed[];
  users?: SlackUserSeed[];
  /** Shrinks every rate window (and Retry-After): 0.01 makes a minute 600 ms. Default 1. */
  timeScale?: number;
  rateLimits?: SlackRateLimitOptions;
  faults?: FaultOptions;
  /** How long a 'timeout' fault holds the request before cutting it, in real ms. Default 10000 × timeScale. */
  faultHangMs?: number;
  /** Reject trigger_ids the stand-in did not issue (invalid_trigger_id). Default false. */
  strictTriggerIds?: boolean;
  /** The app's OAuth client id, secret and redirect URLs (distribution through OAuth). */
  oauth?: SlackOAuthOptions;
}

export interface SlackFile {
  id: string;
  teamId: string;
  filename: string;
  title?: string;
  declaredLength: number;
  bytes?: Buffer;
  altText?: string;
  completed: boolean;
  sharedTo: string[];
}

export interface SlackMessage {
  channel: string;
  teamId: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  metadata?: unknown;
  user: string;
  botId: string;
  files?: string[];
  /** How many chat.update calls (or replace_original responses) changed it. */
  updates: number;
  deleted: boolean;
  via: 'api' | 'response_url' | 'file_share';
}

export interface SlackEphemeral {
  channel: string;
  user: string;
  teamId: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  via: 'api' | 'response_url';
  /** True once a later response_url call replaced or deleted it. */
  replaced: boolean;
}

export interface SlackView {
  id: string;
  teamId: string;
  userId?: string;
  type: 'modal' | 'home';
  callbackId: string;
  privateMetadata: string;
  externalId: string;
  hash: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  rootViewId: string;
  previousViewId: string | null;
  /** Raw view object as last sent by the bot. */
  raw: Record<string, unknown>;
  closed: boolean;
}

export interface SlackCall {
  seq: number;
  at: number;
  method: string;
  teamId?: string;
  token?: string;
  params: Record<string, unknown>;
  httpStatus: number;
  /** The JSON body answered (undefined for dropped connections). */
  response?: Record<string, unknown>;
  outcome: 'ok' | 'error' | 'rate_limited' | 'fault';
  fault?: string;
}

export interface ResponseUrlOptions {
  channelId: string;
  userId: string;
  teamId?: string;
  /** The message a block action came from, so replace_original / delete_original can act on it. */
  messageTs?: string;
  /** Whether that message is ephemeral (block actions on ephemeral messages). */
  ephemeral?: boolean;
}

export interface SlackResponseUrlPost {
  url: string;
  at: number;
  body: Record<string, unknown>;
  status: number;
}
