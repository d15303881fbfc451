import type { ConversationRef, Platform } from '../domain/identity';

/** A conversation as documents store it (models/shared-schemas.ts conversationRefSchema). */
export interface StoredConversation {
  platform: string;
  workspaceId: string;
  conversationId: string;
  kind: string;
  serviceUrl?: string;
}

/** A stored conversation (a mission's or a linked workspace's digest or alert channel) as the core sees it. */
export function toConversation(d: StoredConversation | null | undefined): ConversationRef | undefined {
  if (!d) return undefined;
  return {
    platform: d.platform as Platform,
    workspaceId: d.workspaceId,
    conversationId: d.conversationId,
    kind: d.kind as ConversationRef['kind'],
    ...(d.serviceUrl ? { serviceUrl: d.serviceUrl } : {}),
  };
}

/** Which of a mission's channels (on the mission, or on a linked workspace's link): the digest's or the alerts'. */
export type MissionChannelField = 'digestChannel' | 'alertChannel';
