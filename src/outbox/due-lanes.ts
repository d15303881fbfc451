import type { Model } from 'mongoose';
import type { QueueEntryDoc } from './queue-model';

export interface Lane {
  key: string;
  /** Due entries of the lane in send order; only the first may go out before the others. */
  items: QueueEntryDoc[];
}

export interface DueLanes {
  /** Lanes whose head may be attempted now, oldest head first. */
  ready: Lane[];
  /** Due items held back because their lane's head waits for a retry or a Retry-After. */
  waiting: number;
}

export interface DueQuery {
  now: Date;
  platforms: string[];
  batchSize: number;
  /** Stop reading once this many ready lanes are found. */
  wantLanes: number;
  /** Extra batch reads when whole batches are taken by waiting lanes. */
  maxReads: number;
}

/**
 * Reads due queue entries oldest first (the {dueAt, seq} index on MongoDB; on FerretDB SQLite a
 * scan of the queue, which holds only the backlog) and groups them into lanes. A lane whose
 * head is in backoff is held back entirely, so one conversation's messages never overtake each
 * other; when a batch is full of such lanes, the next read leaves them out so that other
 * conversations are not starved.
 */
export async function readDueLanes(queue: Model<QueueEntryDoc>, q: DueQuery): Promise<DueLanes> {
  const ready: Lane[] = [];
  const seen = new Set<string>();
  let waiting = 0;
  for (let read = 0; read < q.maxReads && ready.length < q.wantLanes; read++) {
    const filter: Record<string, unknown> = { dueAt: { $lte: q.now }, platform: { $in: q.platforms } };
    if (seen.size > 0) filter.lane = { $nin: [...seen] };
    const batch = await queue.find(filter).sort({ dueAt: 1, seq: 1 }).limit(q.batchSize).lean<QueueEntryDoc[]>();
    const lanes = new Map<string, Lane>();
    for (const doc of batch) {
      let lane = lanes.get(doc.lane);
      if (!lane) lanes.set(doc.lane, (lane = { key: doc.lane, items: [] }));
      lane.items.push(doc);
    }
    for (const lane of lanes.values()) {
      seen.add(lane.key);
      const retryAt = lane.items[0].nextAttemptAt;
      if (retryAt && retryAt.getTime() > q.now.getTime()) waiting += lane.items.length;
      else ready.push(lane);
    }
    if (batch.length < q.batchSize) break;
  }
  return { ready, waiting };
}
