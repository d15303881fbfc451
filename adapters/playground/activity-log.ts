import type { Author, MessageBody, ShownMessage } from './view-model';

/**
 * What the stand-ins cannot tell: what each person typed or clicked (with the payload the
 * playground posted for them), and answers that came back in the HTTP response itself (a
 * slash command's immediate reply), which Slack shows but never sends anywhere.
 */
export interface LogEntry {
  platform: 'slack' | 'teams';
  conversationId: string;
  /** Shown only to this person (Slack ephemerals, their own slash commands). */
  visibleTo?: string;
  thread?: string;
  author: Author;
  body: MessageBody;
  notes?: string[];
  raw: unknown;
  rawLabel: string;
  at?: number;
}

const MAX_ENTRIES = 5000;

export class ActivityLog {
  private readonly entries: Array<LogEntry & { seq: number; at: number }> = [];
  private seq = 0;

  add(entry: LogEntry): void {
    this.seq += 1;
    this.entries.push({ ...entry, seq: this.seq, at: entry.at ?? Date.now() });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** Entries of one platform's conversations that `viewer` may see. */
  shown(platform: LogEntry['platform'], inConversation: (id: string) => boolean, viewer: string): ShownMessage[] {
    return this.entries
      .filter((e) => e.platform === platform && inConversation(e.conversationId) && (!e.visibleTo || e.visibleTo === viewer))
      .map((e) => ({
        key: `log:${e.seq}`,
        version: '1',
        at: e.at,
        author: e.author,
        notes: e.notes ?? [],
        body: e.body,
        raw: e.raw,
        rawLabel: e.rawLabel,
        ...(e.thread ? { thread: e.thread } : {}),
      }));
  }
}

/** Oldest first; ties keep their order. */
export function byTime(messages: ShownMessage[]): ShownMessage[] {
  return messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.at - b.m.at || a.i - b.i)
    .map(({ m }) => m);
}
