import { userKey, type ConversationRef, type Platform, type UserRef } from '../../domain/identity';
import { invalidInput } from '../../errors';
import type { Message } from '../../messages/model';
import type { EnqueueInput, OutboxError, OutboxItem, OutboxStatus, OutboxTarget } from '../outbox-item';
import { conversationKey, isUserTarget, laneKey, targetPlatform, targetWorkspaceKey } from '../target';
import type { OutboxItemDoc } from './item-model';
import type { QueueEntryDoc } from './queue-model';

/*
 * The one mapping between an item as stored (OutboxItemDoc, and the QueueEntryDoc derived from
 * it) and as the rest of the outbox sees it (OutboxItem). Nothing else reads or builds the
 * stored shapes' fields, apart from the writes by `_id` in item-outcomes.ts and outbox.ts.
 */

type ConversationFields = NonNullable<OutboxItemDoc['conversation']>;
type UserFields = NonNullable<OutboxItemDoc['target']['user']>;

export function conversationRefOf(d: ConversationFields): ConversationRef {
  return {
    platform: d.platform as Platform,
    workspaceId: d.workspaceId,
    conversationId: d.conversationId,
    kind: d.kind as ConversationRef['kind'],
    ...(d.serviceUrl ? { serviceUrl: d.serviceUrl } : {}),
  };
}

function userRefOf(d: UserFields): UserRef {
  return { platform: d.platform as Platform, workspaceId: d.workspaceId, userId: d.userId };
}

function targetOf(t: OutboxItemDoc['target']): OutboxTarget {
  if (t.user) return { user: userRefOf(t.user) };
  if (t.conversation) return { conversation: conversationRefOf(t.conversation) };
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

/** The document a new item is stored as; `seq` orders items created in the same millisecond. */
export function newItemDoc(input: EnqueueInput, now: Date, seq: number): OutboxItemDoc {
  const t = input.target;
  const doc: OutboxItemDoc = {
    _id: input.key,
    platform: targetPlatform(t),
    workspaceKey: targetWorkspaceKey(t),
    lane: laneKey(t),
    target: isUserTarget(t)
      ? { user: { platform: t.user.platform, workspaceId: t.user.workspaceId, userId: t.user.userId } }
      : { conversation: conversationFields(t.conversation) },
    message: JSON.stringify(input.message),
    dueAt: input.notBefore ?? now,
    seq,
    status: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  };
  if (isUserTarget(t)) {
    doc.userKey = userKey(t.user);
    // A DM the caller already knows saves looking it up (or opening it) at send time.
    if (input.dm) doc.conversation = conversationFields(input.dm);
  }
  if (input.missionId) doc.missionId = input.missionId;
  if (input.updates) doc.updates = input.updates;
  if (input.context && Object.keys(input.context).length > 0) doc.context = JSON.stringify(input.context);
  return doc;
}

/** The item a document holds; `message` is its message as JSON (the item's own, or its payload's: see PayloadStore). */
export function itemFromDoc(d: OutboxItemDoc, message: string | Message): OutboxItem {
  const item: OutboxItem = {
    key: d._id,
    target: targetOf(d.target),
    platform: d.platform as Platform,
    message: typeof message === 'string' ? (JSON.parse(message) as Message) : message,
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
  if (d.conversation) item.conversation = conversationRefOf(d.conversation);
  if (d.messageId) item.messageId = d.messageId;
  if (d.conversationId) item.conversationId = d.conversationId;
  if (d.sentAt) item.sentAt = d.sentAt;
  if (d.lastError) item.lastError = { kind: d.lastError.kind as OutboxError['kind'], message: d.lastError.message };
  return item;
}

/**
 * Parses message JSON, once per distinct text: the items of one write that share a message (a
 * round's prompt) then share one parsed copy, as they share one string.
 */
export function messageParser(): (json: string) => Message {
  const parsed = new Map<string, Message>();
  return (json) => {
    let message = parsed.get(json);
    if (!message) parsed.set(json, (message = JSON.parse(json) as Message));
    return message;
  };
}

/** The item's queue entry: what the dispatcher needs to order, pick and claim it. */
export function queueEntryFor(item: OutboxItemDoc): QueueEntryDoc {
  const entry: QueueEntryDoc = {
    _id: item._id,
    lane: item.lane,
    platform: item.platform,
    workspaceKey: item.workspaceKey,
    dueAt: item.dueAt,
    seq: item.seq,
    attempts: item.attempts,
    claimN: 0,
  };
  // A user target's DM, when known, names the conversation its rate limits are kept for.
  const c = item.target.conversation ?? item.conversation;
  if (c) entry.conversationKey = conversationKey(conversationRefOf(c));
  if (item.nextAttemptAt) entry.nextAttemptAt = item.nextAttemptAt;
  return entry;
}
