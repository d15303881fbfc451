import type { Clock } from '../../domain/clock';
import type { Platform } from '../../domain/identity';
import { isMissionPulseError } from '../../errors';
import type { Logger } from '../../logger';
import type { RateLimitGate } from '../limits/rate-limit-gate';
import type { OutboxItem } from '../outbox-item';
import type { PlatformSender } from '../platform-sender';
import type { ClaimBook, HeldClaim } from '../queue/claim-book';
import type { ItemOutcomes } from '../queue/item-outcomes';
import type { OutboxRepository } from '../queue/outbox-repository';
import { conversationKey, targetWorkspaceKey } from '../target';
import type { AttemptOutcome, ClaimState } from './attempt-outcome';
import { deliver, type DeliveryPlanner, type Plan } from './delivery-planner';
import type { DmCache } from './dm-cache';
import type { FailureHandler } from './failure-handler';
import type { Pending, PendingSet } from './pending-set';
import type { SentRecorder } from './sent-recorder';

export interface SendAttemptParts {
  claims: ClaimBook;
  items: OutboxRepository;
  outcomes: ItemOutcomes;
  pending: PendingSet;
  planner: DeliveryPlanner;
  failures: FailureHandler;
  gate: RateLimitGate;
  recorder: SentRecorder;
  dms: DmCache;
  senders: ReadonlyMap<Platform, PlatformSender>;
  clock: Clock;
  logger: Logger;
}

/**
 * The copy of the item this process wrote, when it is certainly still what is stored: this
 * process inserted the attempt's first claim (n = 0), so nobody has claimed that attempt before,
 * and only a claim holder changes an item. Saves reading every item back before its send.
 */
function unchangedCopy(p: Pending, claim: HeldClaim): OutboxItem | undefined {
  const item = p.item;
  return item && claim.n === 0 && item.attempts === claim.attempt && item.status === 'pending' ? item : undefined;
}

/**
 * Send attempts for pending items: claim one (unique insert), make sure of the item, resolve
 * where it goes, take a rate-limit turn, call the platform, and record what happened.
 */
export class SendAttempts {
  /** Conversations with a call in flight in this process: never two at once. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly p: SendAttemptParts) {}

  async attempt(item: Pending, state: ClaimState = { kind: 'none' }): Promise<AttemptOutcome> {
    try {
      return await this.claimAndAttempt(item, state);
    } finally {
      this.p.gate.release(item);
    }
  }

  private async claimAndAttempt(item: Pending, state: ClaimState): Promise<AttemptOutcome> {
    const { entry } = item;
    const { claims, gate } = this.p;
    let claim: HeldClaim;
    if (state.kind === 'held') {
      claim = state.claim;
    } else {
      if (state.kind === 'none') {
        // Cheap check before writing a claim: a conversation known to be throttled waits unclaimed.
        const preWait = gate.waitTime(entry.platform as Platform, entry.workspaceKey, this.p.dms.knownConversationKey(entry), 'post');
        if (preWait > gate.maxInlineWaitMs) return { kind: 'waiting', retryInMs: preWait };
      }
      const got = await claims.tryClaim(entry._id, entry.attempts, entry.claimN, state.kind === 'taken');
      if (!got) return this.busyOrStale(entry._id);
      claim = got;
    }
    try {
      return await this.attemptClaimed(item, claim, unchangedCopy(item, claim));
    } finally {
      claims.forget(claim);
    }
  }

  /** Someone holds the claim: fine if the item is still pending, else the entry is a leftover. */
  private async busyOrStale(key: string): Promise<AttemptOutcome> {
    if ((await this.p.items.statusOf(key)) === 'pending') return { kind: 'busy' };
    await this.p.outcomes.dropStaleEntry(key);
    return { kind: 'gone' };
  }

  private async attemptClaimed(p: Pending, claim: HeldClaim, copy: OutboxItem | undefined): Promise<AttemptOutcome> {
    const { claims, outcomes, clock } = this.p;
    const key = p.entry._id;
    // The queue entry may be stale: only the item as it is now, at the claimed attempt, goes out.
    let item: OutboxItem | null;
    try {
      item = copy ?? (await this.p.items.get(key));
    } catch (error) {
      // A message that cannot be found will not turn up on a retry; a database error will.
      if (!isMissionPulseError(error)) throw error;
      return this.p.failures.unreadable(key, claim, error.message);
    }
    const now = clock.now().getTime();
    if (!item || item.status !== 'pending') {
      await claims.release(claim, 'not-pending');
      await outcomes.dropStaleEntry(key);
      return { kind: 'gone' };
    }
    if (item.attempts !== claim.attempt || item.dueAt.getTime() > now || (item.nextAttemptAt && item.nextAttemptAt.getTime() > now)) {
      await claims.release(claim, 'not-due');
      this.p.pending.patch(key, await outcomes.resyncEntry(item));
      return { kind: 'waiting' };
    }
    const sender = this.p.senders.get(item.platform);
    const plan: Plan = sender ? await this.p.planner.plan(item, sender) : { op: 'wait' };
    if (plan.op === 'fail') return this.p.failures.handle({ item, claim, error: plan.error, during: plan.during });
    if (plan.op === 'after-earlier') {
      await claims.release(claim, 'after-earlier');
      return { kind: 'skipped' };
    }
    if (plan.op === 'wait' || !sender) {
      await claims.release(claim, 'waiting');
      return { kind: 'waiting', retryInMs: plan.op === 'wait' ? plan.retryInMs : undefined };
    }

    const convKey = conversationKey(plan.conversation);
    if (this.inFlight.has(convKey)) {
      await claims.release(claim, 'conversation-busy');
      return { kind: 'waiting', retryInMs: 50 };
    }
    this.inFlight.add(convKey);
    try {
      const turn = await this.p.gate.takeTurn(item.platform, targetWorkspaceKey(item.target), convKey, plan.op);
      this.p.gate.release(p);
      if (!turn.acquired || !claims.hasLeaseFor(claim)) {
        await claims.release(claim, 'throttled');
        return { kind: 'waiting', retryInMs: turn.waitMs };
      }
      let sent: Awaited<ReturnType<typeof deliver>>;
      try {
        sent = await deliver(sender, plan, item.message);
      } catch (error) {
        return await this.p.failures.handle({ item, claim, error, conversationKey: convKey, dm: plan.dm, during: 'send' });
      }
      if (claim.abandoned) this.p.logger.warn({ key }, 'outbox send finished after stop released its claim; it may be sent twice');
      // The claim is not released: the item is no longer pending, so nobody will claim it again.
      // Written with the batch's other outcomes (see SentRecorder).
      this.p.recorder.add(key, { messageId: sent.messageId, conversation: sent.conversation, at: clock.now() });
      return { kind: 'sent' };
    } finally {
      this.inFlight.delete(convKey);
    }
  }
}
