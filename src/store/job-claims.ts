import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { jobClaimModel, type JobClaimDoc } from './models/job-claim-model';

/** Claims a unit of scheduled work once across all replicas, by unique insert. */
export class JobClaims {
  private readonly model: Model<JobClaimDoc>;
  // Keys this process has seen claimed (by anyone): a claim is forever, so asking again each
  // tick (the nightly passes do) needs no write. Bounded; forgetting only costs one insert.
  private readonly taken = new Set<string>();

  constructor(
    conn: Connection,
    private readonly replicaId: string,
  ) {
    this.model = jobClaimModel(conn);
  }

  /** True for exactly one caller per key, ever. */
  async claim(key: string, at: Date): Promise<boolean> {
    if (this.taken.has(key)) return false;
    try {
      await this.model.create({ _id: key, by: this.replicaId, at });
      this.remember(key);
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      this.remember(key);
      return false;
    }
  }

  private remember(key: string): void {
    if (this.taken.size >= 10_000) this.taken.clear();
    this.taken.add(key);
  }
}
