import type { Connection, Model } from 'mongoose';
import type { Clock } from '../domain/clock';
import { isDuplicateKey } from '../errors';
import { duplicateIndexes } from './bulk-errors';
import { claimId, outboxClaimModel, type OutboxClaimDoc } from './claim-model';

export interface HeldClaim {
  id: string;
  itemId: string;
  attempt: number;
  n: number;
  leaseUntil: Date;
}

/** Bounds the probe for a free claim id; each probe is one insert and one `_id` read. */
const MAX_PROBES = 64;

/**
 * Send-attempt claims as unique inserts (never conditional updates: on FerretDB two of those
 * can both win). Claim n of an attempt is free to take over once it is released or its lease
 * has passed; taking over means inserting n + 1, so exactly one taker wins.
 */
export class ClaimStore {
  private readonly claims: Model<OutboxClaimDoc>;

  constructor(
    conn: Connection,
    private readonly clock: Clock,
    private readonly replicaId: string,
    private readonly leaseMs: number,
  ) {
    this.claims = outboxClaimModel(conn);
  }

  /**
   * Claims many attempts with one insert: each result is the claim, or null where claim `n` was
   * already taken (then tryClaim with `taken` decides whether it may be taken over).
   */
  async claimMany(wanted: ReadonlyArray<{ itemId: string; attempt: number; n: number }>): Promise<Array<HeldClaim | null>> {
    if (wanted.length === 0) return [];
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const docs: OutboxClaimDoc[] = wanted.map((w) => ({
      _id: claimId(w.itemId, w.attempt, Math.max(0, w.n)),
      itemId: w.itemId,
      attempt: w.attempt,
      n: Math.max(0, w.n),
      replicaId: this.replicaId,
      claimedAt: now,
      leaseUntil,
    }));
    let taken = new Set<number>();
    try {
      await this.claims.insertMany(docs, { ordered: false, lean: true });
    } catch (e) {
      const dup = duplicateIndexes(e);
      if (!dup) throw e;
      taken = dup;
    }
    return docs.map((d, i) => (taken.has(i) ? null : { id: d._id, itemId: d.itemId, attempt: d.attempt, n: d.n, leaseUntil }));
  }

  /**
   * Claims the item's current attempt, or returns null when another replica holds it. `taken`:
   * claim `startN` is known to exist (a claimMany just found it), so the first insert is skipped.
   */
  async tryClaim(itemId: string, attempt: number, startN: number, taken = false): Promise<HeldClaim | null> {
    let n = Math.max(0, startN);
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const now = this.clock.now();
      const id = claimId(itemId, attempt, n);
      const leaseUntil = new Date(now.getTime() + this.leaseMs);
      if (!(taken && probe === 0)) {
        try {
          await this.claims.create({ _id: id, itemId, attempt, n, replicaId: this.replicaId, claimedAt: now, leaseUntil });
          return { id, itemId, attempt, n, leaseUntil };
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
        }
      }
      const existing = await this.claims.findById(id).lean<OutboxClaimDoc>();
      if (!existing) continue; // purged between the insert and the read: try the same id again
      if (!existing.releasedAt && existing.leaseUntil.getTime() > now.getTime()) return null;
      n += 1;
    }
    return null;
  }

  /** Marks the claim finished. Only its holder writes it, so a plain `$set` by `_id` is safe. */
  async release(claim: HeldClaim, outcome: string): Promise<void> {
    await this.claims.updateOne({ _id: claim.id }, { $set: { releasedAt: this.clock.now(), outcome } });
  }

  /** Milliseconds of lease left, by this replica's clock. */
  leaseLeft(claim: HeldClaim): number {
    return claim.leaseUntil.getTime() - this.clock.now().getTime();
  }
}
