import type { Connection, Model } from 'mongoose';
import type { Clock } from '../../domain/clock';
import { isDuplicateKey } from '../../errors';
import { insertUnlessPresent } from './bulk-writes';
import { claimId, outboxClaimModel, type OutboxClaimDoc } from './claim-model';

/** A send-attempt claim this dispatcher holds. */
export interface HeldClaim {
  id: string;
  itemId: string;
  attempt: number;
  n: number;
  leaseUntil: Date;
  /** Set once stop() gave the claim back at its deadline: whoever still has it writes nothing more. */
  abandoned: boolean;
}

/** Bounds the probe for a free claim id; each probe is one insert and one `_id` read. */
const MAX_PROBES = 64;

/**
 * Send-attempt claims as unique inserts (never conditional updates: on FerretDB two of those
 * can both win). Claim n of an attempt is free to take over once it is released or its lease
 * has passed; taking over means inserting n + 1, so exactly one taker wins. The book also knows
 * which claims this dispatcher holds, so stop() can give them back.
 */
export class ClaimBook {
  private readonly claims: Model<OutboxClaimDoc>;
  private readonly held = new Map<string, HeldClaim>();
  /** Do not start a call with less lease than this left. */
  private readonly leaseSafetyMs: number;

  constructor(
    conn: Connection,
    private readonly clock: Clock,
    private readonly replicaId: string,
    private readonly leaseMs: number,
  ) {
    this.claims = outboxClaimModel(conn);
    this.leaseSafetyMs = Math.min(5000, leaseMs / 4);
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
    const taken = await insertUnlessPresent(this.claims, docs);
    return docs.map((d, i) => (taken.has(i) ? null : this.hold({ id: d._id, itemId: d.itemId, attempt: d.attempt, n: d.n, leaseUntil })));
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
          return this.hold({ id, itemId, attempt, n, leaseUntil });
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

  /** Marks the claim finished, unless stop() already gave it back. Only its holder writes it, so a plain `$set` by `_id` is safe. */
  async release(claim: HeldClaim, outcome: string): Promise<void> {
    if (!claim.abandoned) await this.write(claim, outcome);
  }

  /** The attempt is over (released, or its item is no longer pending): stop() need not give it back. */
  forget(claim: HeldClaim): void {
    this.held.delete(claim.id);
  }

  /** Whether enough of the lease is left, by this replica's clock, to start a call under it. */
  hasLeaseFor(claim: HeldClaim): boolean {
    return claim.leaseUntil.getTime() - this.clock.now().getTime() >= this.leaseSafetyMs;
  }

  /**
   * Gives back every claim still held (stop() at its deadline), so another replica can send those
   * items without waiting for the lease. Returns how many were released; `onError` hears of the rest.
   */
  async abandonAll(onError: (err: unknown, claim: HeldClaim) => void): Promise<number> {
    let released = 0;
    for (const claim of this.held.values()) {
      if (claim.abandoned) continue;
      claim.abandoned = true;
      try {
        await this.write(claim, 'released-on-stop');
        released++;
      } catch (e) {
        onError(e, claim);
      }
    }
    return released;
  }

  private hold(c: Omit<HeldClaim, 'abandoned'>): HeldClaim {
    const claim: HeldClaim = { ...c, abandoned: false };
    this.held.set(claim.id, claim);
    return claim;
  }

  private async write(claim: HeldClaim, outcome: string): Promise<void> {
    await this.claims.updateOne({ _id: claim.id }, { $set: { releasedAt: this.clock.now(), outcome } });
  }
}
