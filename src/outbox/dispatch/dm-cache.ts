import type { ConversationRef } from '../../domain/identity';
import type { QueueEntryDoc } from '../queue/queue-model';
import { conversationKey, userKeyOfLane } from '../target';

/** Opened DMs per user key, per dispatcher, so conversations.open is not called for every item. */
export class DmCache {
  private readonly entries = new Map<string, ConversationRef>();

  constructor(private readonly capacity = 10_000) {}

  get(userKey: string): ConversationRef | undefined {
    return this.entries.get(userKey);
  }

  set(userKey: string, conversation: ConversationRef): void {
    this.entries.delete(userKey);
    this.entries.set(userKey, conversation);
    // Map keeps insertion order: the first key is the least recently stored.
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(userKey: string): void {
    this.entries.delete(userKey);
  }

  /**
   * The conversation a queue entry's next send will use, when known without any call: the
   * target's, or the user's DM (given at enqueue, or remembered here). Lets the limiter be asked
   * before anything is claimed.
   */
  knownConversationKey(entry: QueueEntryDoc): string | undefined {
    if (entry.conversationKey) return entry.conversationKey;
    const user = userKeyOfLane(entry.lane);
    if (!user) return undefined;
    const dm = this.entries.get(user);
    return dm ? conversationKey(dm) : undefined;
  }
}
