import type { Connection } from 'mongoose';
import type { OutboxItemDoc } from './item-model';

/** Takes items this process has just written to the outbox (a running Dispatcher). */
export interface LocalListener {
  offer(docs: readonly OutboxItemDoc[]): void;
}

const listeners = new WeakMap<Connection, Set<LocalListener>>();

/**
 * Hands the items an Outbox has just inserted to the Dispatchers running in this process on the
 * same connection, so they need not find them by reading the queue (on FerretDB every such read
 * scans the whole backlog). A hint only: the queue in the database stays the record, other
 * replicas still find the items by reading it, and a Dispatcher that is not running hears nothing.
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

  offer(conn: Connection, docs: readonly OutboxItemDoc[]): void {
    if (docs.length === 0) return;
    for (const listener of listeners.get(conn) ?? []) listener.offer(docs);
  },
};
