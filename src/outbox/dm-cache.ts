import type { ConversationRef } from '../domain/identity';

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
}
