import { userKey, workspaceKey, type ConversationRef, type Platform, type UserRef } from '../domain/identity';
import type { OutboxTarget } from './outbox-item';

export function isUserTarget(t: OutboxTarget): t is { user: UserRef } {
  return 'user' in t;
}

function targetRef(t: OutboxTarget): ConversationRef | UserRef {
  return isUserTarget(t) ? t.user : t.conversation;
}

export function targetPlatform(t: OutboxTarget): Platform {
  return targetRef(t).platform;
}

export function targetWorkspaceKey(t: OutboxTarget): string {
  return workspaceKey(targetRef(t));
}

export function conversationKey(c: ConversationRef): string {
  return `${c.platform}:${c.workspaceId}:${c.conversationId}`;
}

/**
 * Items in one lane go out one at a time in creation order. A user target's lane is the user
 * (their DM is not known until opened); a conversation target's lane is the conversation.
 */
export function laneKey(t: OutboxTarget): string {
  return isUserTarget(t) ? `user:${userKey(t.user)}` : `conv:${conversationKey(t.conversation)}`;
}

/** The user key of a user lane (see laneKey), or undefined for a conversation lane. */
export function userKeyOfLane(lane: string): string | undefined {
  return lane.startsWith('user:') ? lane.slice('user:'.length) : undefined;
}
