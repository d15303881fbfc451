import type { ConversationRef, Platform, UserRef } from '../../../../src/domain/identity';
import type { Message } from '../../../../src/messages/model';
import { SendError, type PlatformSender, type SendResult } from '../../../../src/outbox/platform-sender';

export interface CallRecord {
  op: 'send' | 'update';
  /** The message summary: tests put the item key there. */
  summary: string;
  conversationId: string;
  messageId: string;
  /** performance.now() when the call started. */
  at: number;
  replica: string;
}

type Failure = { match: (summary: string, conversationId: string) => boolean; error: SendError; times: number };

/**
 * An in-memory PlatformSender: records every call (into a list tests may share between
 * "replicas"), can be told to fail matching calls with any SendError kind, and notices two calls
 * in flight for one conversation.
 */
export class FakeSender implements PlatformSender {
  readonly calls: CallRecord[];
  readonly openDmCalls: UserRef[] = [];
  readonly unreachableUsers = new Set<string>();
  readonly overlaps: string[] = [];
  delayMs = 0;
  /** Calls started so far (including ones still waiting at the gate). */
  entered = 0;
  /** While set, every send waits for it (to hold calls in flight). */
  gate: Promise<void> | undefined;
  /** Every call, failed ones included. */
  readonly tries: CallRecord[] = [];
  private readonly replica: string;
  private readonly failures: Failure[] = [];
  private readonly inFlight = new Map<string, number>();
  private counter = 0;

  constructor(
    readonly platform: Platform,
    opts: { calls?: CallRecord[]; replica?: string; inFlight?: Map<string, number> } = {},
  ) {
    this.calls = opts.calls ?? [];
    this.replica = opts.replica ?? 'r1';
    if (opts.inFlight) this.inFlight = opts.inFlight;
  }

  failWhen(match: (summary: string, conversationId: string) => boolean, error: SendError, times = 1): void {
    this.failures.push({ match, error, times });
  }

  async send(target: ConversationRef, message: Message): Promise<SendResult> {
    const messageId = `${this.platform}-msg-${++this.counter}`;
    await this.call('send', target, message, messageId);
    return { messageId, conversationId: target.conversationId };
  }

  async update(target: ConversationRef, messageId: string, message: Message): Promise<void> {
    await this.call('update', target, message, messageId);
  }

  async openDm(user: UserRef): Promise<ConversationRef> {
    this.openDmCalls.push(user);
    if (this.unreachableUsers.has(user.userId)) throw new SendError('unreachable', `app not installed for ${user.userId}`);
    return { platform: user.platform, workspaceId: user.workspaceId, conversationId: `D-${user.userId}`, kind: 'dm' };
  }

  sentSummaries(): string[] {
    return this.calls.map((c) => c.summary);
  }

  private async call(op: CallRecord['op'], target: ConversationRef, message: Message, messageId: string): Promise<void> {
    this.entered++;
    const conv = `${target.platform}:${target.workspaceId}:${target.conversationId}`;
    const busy = this.inFlight.get(conv) ?? 0;
    if (busy > 0) this.overlaps.push(conv);
    this.inFlight.set(conv, busy + 1);
    try {
      const at = performance.now();
      if (this.gate) await this.gate;
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      const record: CallRecord = {
        op,
        summary: message.summary,
        conversationId: target.conversationId,
        messageId,
        at,
        replica: this.replica,
      };
      this.tries.push(record);
      const failure = this.failures.find((f) => f.times > 0 && f.match(message.summary, target.conversationId));
      if (failure) {
        failure.times--;
        throw failure.error;
      }
      this.calls.push(record);
    } finally {
      this.inFlight.set(conv, (this.inFlight.get(conv) ?? 1) - 1);
    }
  }
}
