import { userKey, type ConversationRef } from '../../domain/identity';
import type { Logger } from '../../logger';
import type { Message } from '../../messages/model';
import type { RateLimitGate } from '../limits/rate-limit-gate';
import type { OutboxItem } from '../outbox-item';
import type { PlatformSender } from '../platform-sender';
import type { OutboxRepository } from '../queue/outbox-repository';
import { targetWorkspaceKey } from '../target';
import type { DmCache } from './dm-cache';
import type { SentRecorder } from './sent-recorder';

/** An item as its sender sees it: post into a conversation, or replace a message posted earlier. */
export interface Delivery {
  op: 'post' | 'update';
  conversation: ConversationRef;
  /** The message an update replaces. */
  messageId?: string;
  /** A DM opened for this delivery, remembered on the item if the call fails. */
  dm?: ConversationRef;
}

export type Plan =
  | Delivery
  /** Nothing to do until later (no sender for the platform, or no turn to open a DM). */
  | { op: 'wait'; retryInMs?: number }
  /** The earlier message it replaces has not gone yet. */
  | { op: 'after-earlier' }
  /** Opening the DM failed: a failed call like any other. */
  | { op: 'fail'; error: unknown; during: 'openDm' };

/**
 * Maps an item to what its sender sees: post or update, and where (the target, the earlier
 * item's message, or the user's DM: given at enqueue, remembered, addressed directly, or opened).
 */
export class DeliveryPlanner {
  constructor(private readonly p: { items: OutboxRepository; recorder: SentRecorder; dms: DmCache; gate: RateLimitGate; logger: Logger }) {}

  async plan(item: OutboxItem, sender: PlatformSender): Promise<Plan> {
    if (item.updates) {
      const justSent = this.p.recorder.get(item.updates);
      if (justSent) return { op: 'update', conversation: justSent.conversation, messageId: justSent.messageId };
      const earlier = await this.p.items.sentMessageOf(item.updates);
      if (earlier.status === 'pending') return { op: 'after-earlier' }; // its message id is not known yet
      if (earlier.sent) return { op: 'update', conversation: earlier.sent.conversation, messageId: earlier.sent.messageId };
      this.p.logger.info(
        { key: item.key, updates: item.updates, status: earlier.status },
        'outbox: earlier message was never sent; posting a new one',
      );
    }
    if ('conversation' in item.target) return { op: 'post', conversation: item.target.conversation };

    const user = item.target.user;
    const key = userKey(user);
    const remembered = this.p.dms.get(key) ?? item.conversation;
    if (remembered) {
      this.p.dms.set(key, remembered);
      return { op: 'post', conversation: remembered };
    }
    const direct = sender.directTarget?.(user);
    if (direct) return { op: 'post', conversation: direct };
    const turn = await this.p.gate.takeTurn(item.platform, targetWorkspaceKey(item.target), undefined, 'openDm');
    if (!turn.acquired) return { op: 'wait', retryInMs: turn.waitMs };
    let dm: ConversationRef;
    try {
      dm = await sender.openDm(user);
    } catch (error) {
      return { op: 'fail', error, during: 'openDm' };
    }
    this.p.dms.set(key, dm);
    return { op: 'post', conversation: dm, dm };
  }
}

/** Makes the platform call; returns where the message went and its id. */
export async function deliver(
  sender: PlatformSender,
  d: Delivery,
  message: Message,
): Promise<{ conversation: ConversationRef; messageId: string }> {
  if (d.op === 'update' && d.messageId !== undefined) {
    await sender.update(d.conversation, d.messageId, message);
    return { conversation: d.conversation, messageId: d.messageId };
  }
  const result = await sender.send(d.conversation, message);
  return {
    conversation: { ...d.conversation, conversationId: result.conversationId || d.conversation.conversationId },
    messageId: result.messageId,
  };
}
