import type { ConversationRef, Platform, UserRef } from '../../src/domain/identity';
import type { Message } from '../../src/messages/model';
import { SendError, type OutgoingFile, type PlatformSender, type SendResult } from '../../src/outbox/platform-sender';

export interface Delivered {
  conversationId: string;
  messageId: string;
  message: Message;
  updates: Message[];
}

/**
 * A PlatformSender that keeps what it was asked to deliver, for service-level tests that do not
 * need a platform. End-to-end tests use the real adapters and the stand-ins instead.
 */
export class RecordingSender implements PlatformSender {
  readonly delivered: Delivered[] = [];
  readonly unreachable = new Set<string>();
  readonly files: Array<{ conversationId: string; file: OutgoingFile }> = [];
  private seq = 0;

  constructor(readonly platform: Platform) {}

  async send(target: ConversationRef, message: Message): Promise<SendResult> {
    const messageId = `m${++this.seq}`;
    this.delivered.push({ conversationId: target.conversationId, messageId, message, updates: [] });
    return { messageId, conversationId: target.conversationId };
  }

  async update(_target: ConversationRef, messageId: string, message: Message): Promise<void> {
    const d = this.delivered.find((x) => x.messageId === messageId);
    if (!d) throw new SendError('permanent', `no message ${messageId}`);
    d.updates.push(message);
  }

  async openDm(user: UserRef): Promise<ConversationRef> {
    if (this.unreachable.has(user.userId)) throw new SendError('unreachable', `${user.userId} has not installed the app`);
    return { platform: user.platform, workspaceId: user.workspaceId, conversationId: `D-${user.userId}`, kind: 'dm' };
  }

  async sendFile(target: ConversationRef, file: OutgoingFile): Promise<SendResult> {
    this.files.push({ conversationId: target.conversationId, file });
    return { messageId: `f${++this.seq}`, conversationId: target.conversationId };
  }

  /** Messages in a user's DM, each as its latest version. */
  inbox(userId: string): Message[] {
    return this.delivered.filter((d) => d.conversationId === `D-${userId}`).map((d) => d.updates[d.updates.length - 1] ?? d.message);
  }
}
