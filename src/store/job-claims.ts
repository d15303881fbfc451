import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { jobClaimModel, type JobClaimDoc } from './models/job-claim-model';

/** Claims a unit of scheduled work once across all replicas, by unique insert. */
export class JobClaims {
  private readonly model: Model<JobClaimDoc>;

  constructor(
    conn: Connection,
    private readonly replicaId: string,
  ) {
    this.model = jobClaimModel(conn);
  }

  /** True for exactly one caller per key, ever. */
  async claim(key: string, at: Date): Promise<boolean> {
    try {
      await this.model.create({ _id: key, by: this.replicaId, at });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
}
