import type { ConversationRef, Platform } from '../domain/identity';
import { isMissionPulseError } from '../errors';
import type { Message } from '../messages/model';
import type { HeldClaim } from './claims';
import { knownConversationKey, releaseTurn, rulesFor, waitForTurn, type DispatchContext, type HeldEntry } from './dispatch-context';
import type { OutboxItemDoc } from './item-model';
import { toConversationRef, toUserRef } from './item-mapper';
import type { Pending } from './pending-set';
import { SendError, type PlatformSender } from './platform-sender';
import { handleFailedCall, releaseClaim, type AttemptOutcome } from './send-failure';
import { conversationKey } from './target';

type Plan =
  | { op: 'post' | 'update'; conversation: ConversationRef; messageId?: string; dm?: ConversationRef }
  | { op: 'wait'; retryInMs?: number }
  | { op: 'after-earlier' }
  | { op: 'handled'; outcome: AttemptOutcome };

/**
 * How the attempt's claim was come by: not yet tried (claim it here), taken in a batch by the
 * caller (`held`), or found taken by the batch insert (`taken`: see whether it may be taken over).
 */
export type ClaimState = { kind: 'none' } | { kind: 'held'; held: HeldEntry } | { kind: 'taken' };

/**
 * One send attempt for one pending item: claim it (unique insert), make sure of the item,
 * resolve where it goes, take a rate-limit turn, call the platform, and record what happened.
 */
export async function attemptSend(ctx: DispatchContext, item: Pending, state: ClaimState = { kind: 'none' }): Promise<AttemptOutcome> {
  try {
    return await claimAndAttempt(ctx, item, state);
  } finally {
    releaseTurn(ctx, item);
  }
}

async function claimAndAttempt(ctx: DispatchContext, item: Pending, state: ClaimState): Promise<AttemptOutcome> {
  const { entry } = item;
  let held: HeldEntry;
  if (state.kind === 'held') {
    held = state.held;
  } else {
    if (state.kind === 'none') {
      // Cheap check before writing a claim: a conversation known to be throttled waits unclaimed.
      const preWait = ctx.limiter.waitTime(
        rulesFor(ctx, entry.platform as Platform, entry.workspaceKey, knownConversationKey(ctx, entry), 'post'),
      );
      if (preWait > ctx.maxInlineWaitMs) return { kind: 'waiting', retryInMs: preWait };
    }
    const claim = await ctx.claims.tryClaim(entry._id, entry.attempts, entry.claimN, state.kind === 'taken');
    if (!claim) return busyOrStale(ctx, entry._id);
    held = { claim, abandoned: false };
    ctx.held.set(claim.id, held);
  }
  try {
    return await attemptClaimed(ctx, item, held, unchangedCopy(item, held.claim));
  } finally {
    ctx.held.delete(held.claim.id);
  }
}

/**
 * The copy of the item this process wrote, when it is certainly still what is stored: this
 * process inserted the attempt's first claim (n = 0), so nobody has claimed that attempt before,
 * and only a claim holder changes an item. Saves reading every item back before its send.
 */
function unchangedCopy(item: Pending, claim: HeldClaim): OutboxItemDoc | undefined {
  const doc = item.doc;
  return doc && claim.n === 0 && doc.attempts === claim.attempt && doc.status === 'pending' ? doc : undefined;
}

/** Someone holds the claim: fine if the item is still pending, else the entry is a leftover. */
async function busyOrStale(ctx: DispatchContext, key: string): Promise<AttemptOutcome> {
  const item = await ctx.items.findById(key).lean<OutboxItemDoc>();
  if (item?.status === 'pending') return { kind: 'busy' };
  await ctx.outcomes.dropStaleEntry(key);
  return { kind: 'gone' };
}

async function attemptClaimed(
  ctx: DispatchContext,
  item: Pending,
  held: HeldEntry,
  copy: OutboxItemDoc | undefined,
): Promise<AttemptOutcome> {
  const key = item.entry._id;
  // The queue entry may be stale: only the item as it is now, at the claimed attempt, goes out.
  const doc = copy ?? (await ctx.items.findById(key).lean<OutboxItemDoc>());
  const now = ctx.clock.now().getTime();
  if (!doc || doc.status !== 'pending') {
    await releaseClaim(ctx, held, 'not-pending');
    await ctx.outcomes.dropStaleEntry(key);
    return { kind: 'gone' };
  }
  if (doc.attempts !== held.claim.attempt || doc.dueAt.getTime() > now || (doc.nextAttemptAt && doc.nextAttemptAt.getTime() > now)) {
    await releaseClaim(ctx, held, 'not-due');
    await ctx.outcomes.resyncEntry(doc);
    return { kind: 'waiting' };
  }
  let messageJson: string;
  try {
    messageJson = await ctx.payloads.messageOf(doc);
  } catch (error) {
    // A message that cannot be found will not turn up on a retry; a database error will.
    if (!isMissionPulseError(error)) throw error;
    return handleFailedCall(ctx, { doc, held, error: new SendError('permanent', error.message), during: 'send' });
  }
  const sender = ctx.senders.get(doc.platform as Platform);
  const plan: Plan = sender ? await planDelivery(ctx, doc, held, sender) : { op: 'wait' };
  if (plan.op === 'handled') return plan.outcome;
  if (plan.op === 'after-earlier') {
    await releaseClaim(ctx, held, 'after-earlier');
    return { kind: 'skipped' };
  }
  if (plan.op === 'wait' || !sender) {
    await releaseClaim(ctx, held, 'waiting');
    return { kind: 'waiting', retryInMs: plan.op === 'wait' ? plan.retryInMs : undefined };
  }

  const convKey = conversationKey(plan.conversation);
  if (ctx.inFlight.has(convKey)) {
    await releaseClaim(ctx, held, 'conversation-busy');
    return { kind: 'waiting', retryInMs: 50 };
  }
  ctx.inFlight.add(convKey);
  try {
    const turn = await waitForTurn(ctx, rulesFor(ctx, doc.platform as Platform, doc.workspaceKey, convKey, plan.op));
    releaseTurn(ctx, item);
    if (!turn.acquired || ctx.claims.leaseLeft(held.claim) < ctx.leaseSafetyMs) {
      await releaseClaim(ctx, held, 'throttled');
      return { kind: 'waiting', retryInMs: turn.waitMs };
    }
    const message = JSON.parse(messageJson) as Message;
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
      return await handleFailedCall(ctx, { doc, held, error, conversationKey: convKey, dm: plan.dm, during: 'send' });
    }
    if (held.abandoned) ctx.logger.warn({ key }, 'outbox send finished after stop released its claim; it may be sent twice');
    // The claim is not released: the item is no longer pending, so nobody will claim it again.
    // Written with the batch's other outcomes (see SentRecorder).
    ctx.recorder.add(key, { messageId, conversation: sentTo, at: ctx.clock.now() });
    return { kind: 'sent' };
  } finally {
    ctx.inFlight.delete(convKey);
  }
}

/** Decides post or update, and where: the target, the earlier item's message, or the user's DM. */
async function planDelivery(ctx: DispatchContext, doc: OutboxItemDoc, held: HeldEntry, sender: PlatformSender): Promise<Plan> {
  if (doc.updates) {
    const justSent = ctx.recorder.get(doc.updates);
    if (justSent) return { op: 'update', conversation: justSent.conversation, messageId: justSent.messageId };
    const earlier = await ctx.items.findById(doc.updates).lean<OutboxItemDoc>();
    if (earlier?.status === 'pending') return { op: 'after-earlier' }; // its message id is not known yet
    if (earlier?.status === 'sent' && earlier.messageId && earlier.conversation) {
      return { op: 'update', conversation: toConversationRef(earlier.conversation), messageId: earlier.messageId };
    }
    ctx.logger.info(
      { key: doc._id, updates: doc.updates, status: earlier?.status ?? 'missing' },
      'outbox: earlier message was never sent; posting a new one',
    );
  }
  if (doc.target.conversation) return { op: 'post', conversation: toConversationRef(doc.target.conversation) };
  if (!doc.target.user || !doc.userKey) {
    const error = new SendError('permanent', 'outbox item has no target');
    return { op: 'handled', outcome: await handleFailedCall(ctx, { doc, held, error, during: 'send' }) };
  }

  const remembered = ctx.dmCache.get(doc.userKey) ?? (doc.conversation ? toConversationRef(doc.conversation) : undefined);
  if (remembered) {
    ctx.dmCache.set(doc.userKey, remembered);
    return { op: 'post', conversation: remembered };
  }
  const direct = sender.directTarget?.(toUserRef(doc.target.user));
  if (direct) return { op: 'post', conversation: direct };
  const turn = await waitForTurn(ctx, rulesFor(ctx, doc.platform as Platform, doc.workspaceKey, undefined, 'openDm'));
  if (!turn.acquired) return { op: 'wait', retryInMs: turn.waitMs };
  let dm: ConversationRef;
  try {
    dm = await sender.openDm(toUserRef(doc.target.user));
  } catch (error) {
    return { op: 'handled', outcome: await handleFailedCall(ctx, { doc, held, error, during: 'openDm' }) };
  }
  ctx.dmCache.set(doc.userKey, dm);
  return { op: 'post', conversation: dm, dm };
}
