import type { ConversationRef, Platform, UserRef } from '../domain/identity';
import { invalidInput } from '../errors';
import type { Message } from '../messages/model';
import type { OutboxItemDoc } from './item-model';
import type { OutboxError, OutboxItem, OutboxStatus, OutboxTarget } from './types';

type ConversationFields = NonNullable<OutboxItemDoc['conversation']>;
type UserFields = NonNullable<OutboxItemDoc['target']['user']>;

export function toConversationRef(d: ConversationFields): ConversationRef {
  return {
    platform: d.platform as Platform,
    workspaceId: d.workspaceId,
    conversationId: d.conversationId,
    kind: d.kind as ConversationRef['kind'],
    ...(d.serviceUrl ? { serviceUrl: d.serviceUrl } : {}),
  };
}

export function toUserRef(d: UserFields): UserRef {
  return { platform: d.platform as Platform, workspaceId: d.workspaceId, userId: d.userId };
}

function toTarget(t: OutboxItemDoc['target']): OutboxTarget {
  if (t.user) return { user: toUserRef(t.user) };
  if (t.conversation) return { conversation: toConversationRef(t.conversation) };
  throw invalidInput('outbox item has no target');
}

/** Plain subdocument for storage; drops undefined serviceUrl so documents stay minimal. */
export function conversationFields(c: ConversationRef): ConversationFields {
  return {
    platform: c.platform,
    workspaceId: c.workspaceId,
    conversationId: c.conversationId,
    kind: c.kind,
    ...(c.serviceUrl ? { serviceUrl: c.serviceUrl } : {}),
  };
}

/** The item as services see it; `message` is its JSON (the item's own, or its payload's: see PayloadStore). */
export function toOutboxItem(d: OutboxItemDoc, message: string): OutboxItem {
  const item: OutboxItem = {
    key: d._id,
    target: toTarget(d.target),
    platform: d.platform as Platform,
    message: JSON.parse(message) as Message,
    dueAt: d.dueAt,
    context: d.context ? (JSON.parse(d.context) as Record<string, string>) : {},
    status: d.status as OutboxStatus,
    attempts: d.attempts,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
  if (d.missionId) item.missionId = d.missionId;
  if (d.updates) item.updates = d.updates;
  if (d.nextAttemptAt) item.nextAttemptAt = d.nextAttemptAt;
  if (d.conversation) item.conversation = toConversationRef(d.conversation);
  if (d.messageId) item.messageId = d.messageId;
  if (d.conversationId) item.conversationId = d.conversationId;
  if (d.sentAt) item.sentAt = d.sentAt;
  if (d.lastError) item.lastError = { kind: d.lastError.kind as OutboxError['kind'], message: d.lastError.message };
  return item;
}
