import type { ConversationRef, Platform } from '../domain/identity';
import type { Message } from '../messages/model';
import { rulesFor, waitForTurn, type DispatchContext, type HeldEntry } from './dispatch-context';
import type { OutboxItemDoc } from './item-model';
import { toConversationRef, toUserRef } from './item-mapper';
import { SendError, type PlatformSender } from './platform-sender';
import { handleFailedCall, releaseClaim, type AttemptOutcome } from './send-failure';
import { conversationKey } from './target';

type Plan =
  | { op: 'post' | 'update'; conversation: ConversationRef; messageId?: string }
  | { op: 'wait'; retryInMs?: number }
  | { op: 'failed'; outcome: AttemptOutcome };

/**
 * One send attempt for one item: claim it (unique insert), re-read it, resolve where it goes,
 * take a rate-limit turn, call the platform, and record what happened.
 */
export async function attemptSend(ctx: DispatchContext, doc: OutboxItemDoc): Promise<AttemptOutcome> {
  const platform = doc.platform as Platform;
  // Cheap check before writing a claim: a conversation known to be throttled waits unclaimed.
  const known = knownConversation(ctx, doc);
  const preWait = ctx.limiter.waitTime(rulesFor(ctx, platform, doc.workspaceKey, known, 'post'));
  if (preWait > ctx.maxInlineWaitMs) return { kind: 'waiting', retryInMs: preWait };

  const claim = await ctx.claims.tryClaim(doc._id, doc.attempts, doc.claimN);
  if (!claim) return { kind: 'busy' };
  const entry: HeldEntry = { claim, abandoned: false };
  ctx.held.set(claim.id, entry);
  try {
    return await attemptClaimed(ctx, doc._id, entry);
  } finally {
    ctx.held.delete(claim.id);
  }
}

function knownConversation(ctx: DispatchContext, doc: OutboxItemDoc): ConversationRef | undefined {
  if (doc.target.conversation) return toConversationRef(doc.target.conversation);
  const cached = doc.userKey ? ctx.dmCache.get(doc.userKey) : undefined;
  return cached ?? (doc.conversation ? toConversationRef(doc.conversation) : undefined);
}

async function attemptClaimed(ctx: DispatchContext, key: string, entry: HeldEntry): Promise<AttemptOutcome> {
  // The batch read may be stale: only the item as it is now, at the claimed attempt, goes out.
  const doc = await ctx.items.findById(key).lean<OutboxItemDoc>();
  const now = ctx.clock.now().getTime();
  if (!doc || doc.status !== 'pending') {
    await releaseClaim(ctx, entry, 'not-pending');
    return { kind: 'gone' };
  }
  if (doc.attempts !== entry.claim.attempt || doc.dueAt.getTime() > now || (doc.nextAttemptAt && doc.nextAttemptAt.getTime() > now)) {
    await releaseClaim(ctx, entry, 'not-due');
    return { kind: 'waiting' };
  }
  const sender = ctx.senders.get(doc.platform as Platform);
  if (!sender) {
    await releaseClaim(ctx, entry, 'no-sender');
    return { kind: 'waiting' };
  }

  const plan = await planDelivery(ctx, doc, entry, sender);
  if (plan.op === 'failed') return plan.outcome;
  if (plan.op === 'wait') {
    await releaseClaim(ctx, entry, 'waiting');
    return { kind: 'waiting', retryInMs: plan.retryInMs };
  }

  const convKey = conversationKey(plan.conversation);
  if (ctx.inFlight.has(convKey)) {
    await releaseClaim(ctx, entry, 'conversation-busy');
    return { kind: 'waiting', retryInMs: 50 };
  }
  ctx.inFlight.add(convKey);
  try {
    const turn = await waitForTurn(ctx, rulesFor(ctx, doc.platform as Platform, doc.workspaceKey, plan.conversation, plan.op));
    if (!turn.acquired || ctx.claims.leaseLeft(entry.claim) < ctx.leaseSafetyMs) {
      await releaseClaim(ctx, entry, 'throttled');
      return { kind: 'waiting', retryInMs: turn.waitMs };
    }
    const message = JSON.parse(doc.message) as Message;
    let sentTo: ConversationRef;
    let messageId: string;
    try {
      if (plan.op === 'update' && plan.messageId !== undefined) {
        await sender.update(plan.conversation, plan.messageId, message);
        sentTo = plan.conversation;
        messageId = plan.messageId;
      } else {
        const result = await sender.send(plan.conversation, message);
        sentTo = { ...plan.conversation, conversationId: result.conversationId || plan.conversation.conversationId };
        messageId = result.messageId;
      }
    } catch (error) {
      return await handleFailedCall(ctx, { doc, entry, error, conversation: plan.conversation, during: 'send' });
    }
    if (entry.abandoned) ctx.logger.warn({ key }, 'outbox send finished after stop released its claim; it may be sent twice');
    await ctx.outcomes.sent(key, { messageId, conversation: sentTo, claimN: entry.claim.n }, ctx.clock.now());
    await releaseClaim(ctx, entry, 'sent');
    return { kind: 'sent' };
  } finally {
    ctx.inFlight.delete(convKey);
  }
}

/** Decides post or update, and where: the target, the item's earlier message, or the user's DM. */
async function planDelivery(ctx: DispatchContext, doc: OutboxItemDoc, entry: HeldEntry, sender: PlatformSender): Promise<Plan> {
  if (doc.updates) {
    const earlier = await ctx.items.findById(doc.updates).lean<OutboxItemDoc>();
    if (earlier?.status === 'pending') return { op: 'wait' }; // its message id is not known yet
    if (earlier?.status === 'sent' && earlier.messageId && earlier.conversation) {
      return { op: 'update', conversation: toConversationRef(earlier.conversation), messageId: earlier.messageId };
    }
    ctx.logger.info({ key: doc._id, updates: doc.updates, status: earlier?.status ?? 'missing' }, 'outbox: earlier message was never sent; posting a new one');
  }
  if (doc.target.conversation) return { op: 'post', conversation: toConversationRef(doc.target.conversation) };

  if (!doc.target.user || !doc.userKey) {
    const error = new SendError('permanent', 'outbox item has no target');
    return { op: 'failed', outcome: await handleFailedCall(ctx, { doc, entry, error, during: 'send' }) };
  }
  const user = toUserRef(doc.target.user);
  const userKey = doc.userKey;
  const remembered = ctx.dmCache.get(userKey) ?? (doc.conversation ? toConversationRef(doc.conversation) : undefined);
  if (remembered) {
    ctx.dmCache.set(userKey, remembered);
    return { op: 'post', conversation: remembered };
  }
  const turn = await waitForTurn(ctx, rulesFor(ctx, doc.platform as Platform, doc.workspaceKey, undefined, 'openDm'));
  if (!turn.acquired) return { op: 'wait', retryInMs: turn.waitMs };
  let dm: ConversationRef;
  try {
    dm = await sender.openDm(user);
  } catch (error) {
    return { op: 'failed', outcome: await handleFailedCall(ctx, { doc, entry, error, during: 'openDm' }) };
  }
  ctx.dmCache.set(userKey, dm);
  await ctx.outcomes.rememberConversation(doc._id, dm, ctx.clock.now());
  return { op: 'post', conversation: dm };
}
