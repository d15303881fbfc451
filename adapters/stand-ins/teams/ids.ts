import { createHash } from 'node:crypto';

/** Teams' 1:1 conversation ids look like "a:1<opaque>"; stable per user and tenant, as in Teams. */
export function personalConversationId(userId: string, tenantId: string): string {
  return `a:1${createHash('sha256').update(`${tenantId}|${userId}`).digest('base64url').slice(0, 40)}`;
}

/** A channel thread id "19:<id>@thread.tacv2". */
export function channelThreadId(seed: string): string {
  return `19:${createHash('sha256').update(seed).digest('hex').slice(0, 32)}@thread.tacv2`;
}
