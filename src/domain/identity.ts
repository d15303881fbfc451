/** The chat platforms Mission Pulse speaks. Adding one means a new adapter, not a change here. */
export const PLATFORMS = ['slack', 'teams'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A workspace is a Slack team or a Teams tenant: the unit of tenancy. */
export interface WorkspaceRef {
  platform: Platform;
  workspaceId: string;
}

/** A person as one platform knows them. */
export interface UserRef extends WorkspaceRef {
  userId: string;
}

/** Where a message was typed or should go: a channel, group chat or direct message. */
export interface ConversationRef extends WorkspaceRef {
  conversationId: string;
  kind: 'dm' | 'channel' | 'group';
  /** Teams needs the Bot Connector URL of the conversation to reply or send proactively. */
  serviceUrl?: string;
}

export function workspaceKey(ref: WorkspaceRef): string {
  return `${ref.platform}:${ref.workspaceId}`;
}

export function userKey(ref: UserRef): string {
  return `${ref.platform}:${ref.workspaceId}:${ref.userId}`;
}

export function sameWorkspace(a: WorkspaceRef, b: WorkspaceRef): boolean {
  return a.platform === b.platform && a.workspaceId === b.workspaceId;
}
