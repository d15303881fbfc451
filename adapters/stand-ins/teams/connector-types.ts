import type { FaultOptions } from '../common/faults';
import type { TokenIssuer } from './token-issuer';

export interface TeamsUserSeed {
  /** "29:..." */
  id: string;
  name: string;
  aadObjectId: string;
  tenantId: string;
  email?: string;
}

export interface ConnectorRateLimitOptions {
  /** Default true. */
  enabled?: boolean;
  /** Per bot per conversation (Teams' published thread limits). Defaults: 7/1 s, 8/2 s, 60/30 s, 1800/3600 s. */
  perConversation?: Array<{ limit: number; windowSec: number }>;
  /** Per app per tenant, requests per second. Default 50. */
  perTenantPerSecond?: number;
}

export interface BotConnectorOptions {
  /** Verifies `Authorization: Bearer` tokens against this issuer's key. */
  issuer?: TokenIssuer;
  /** Default: true when an issuer is given. */
  requireAuth?: boolean;
  /** Required token audience. Default https://api.botframework.com */
  audience?: string;
  /** Only these bot app ids (token `appid`) may call. Default: any the issuer granted. */
  allowedAppIds?: string[];
  /** Bytes of JSON {text, attachments} one activity may carry. Default 28 KB (Teams' message size limit). */
  maxMessageBytes?: number;
  /** Answer 404 ConversationNotFound for conversations not created / registered here. Default false. */
  strictConversations?: boolean;
  users?: TeamsUserSeed[];
  timeScale?: number;
  rateLimits?: ConnectorRateLimitOptions;
  faults?: FaultOptions;
  faultHangMs?: number;
}

export interface ConnectorActivity {
  id: string;
  conversationId: string;
  /** The activity as the bot sent it (JSON body), after updates. */
  activity: Record<string, unknown>;
  replyToId?: string;
  /** Bot app id from the bearer token, when auth is on. */
  fromAppId?: string;
  updates: number;
  deleted: boolean;
  receivedAt: number;
}

export interface ConnectorConversation {
  id: string;
  tenantId?: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  members: TeamsUserSeed[];
  createdByBot: boolean;
}

export interface ConnectorCall {
  seq: number;
  at: number;
  /** createConversation, sendToConversation, replyToActivity, updateActivity, deleteActivity, getConversationMembers, getConversationMember, uploadAttachment */
  operation: string;
  method: string;
  path: string;
  conversationId?: string;
  appId?: string;
  status: number;
  body?: unknown;
  response?: unknown;
  outcome: 'ok' | 'error' | 'rate_limited' | 'unauthorized' | 'fault';
  fault?: string;
}
