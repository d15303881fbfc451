import type { Connection } from 'mongoose';
import type { OutboxItem } from '../outbox-item';
import type { QueueEntryDoc } from './queue-model';

/** A pending item an Outbox has just written: its queue entry, and the item itself when at hand. */
export interface FedItem {
  entry: QueueEntryDoc;
  item?: OutboxItem;
}

/** Takes items this process has just written to the outbox (a running Dispatcher). */
export interface LocalListener {
  offer(fed: readonly FedItem[]): void;
}

const listeners = new WeakMap<Connection, Set<LocalListener>>();

/**
 * The one way a Dispatcher hears of new work: an Outbox hands the items it has just written to
 * the Dispatchers running in this process on the same connection, which take them and wake up,
 * so they neither wait for a poll nor read the queue to find them (on FerretDB every such read
 * scans the whole backlog). A hint only: the queue in the database stays the record, other
 * replicas find the items by reading it, and a Dispatcher that is not running hears nothing.
 */
export const localFeed = {
  /** Starts offering new items to `listener`; call the returned function to stop. */
  listen(conn: Connection, listener: LocalListener): () => void {
    let set = listeners.get(conn);
    if (!set) listeners.set(conn, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },

  /** Whether anyone hears what is offered on `conn` (saves preparing items nobody takes). */
  listening(conn: Connection): boolean {
    return (listeners.get(conn)?.size ?? 0) > 0;
  },

  offer(conn: Connection, fed: readonly FedItem[]): void {
    if (fed.length === 0) return;
    for (const listener of listeners.get(conn) ?? []) listener.offer(fed);
  },
};
