import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One document per unit of scheduled work done ("remind:<round>", "close:<round>"). Inserting
 * it is the claim: on every backend only one replica's insert succeeds.
 */
export interface JobClaimDoc {
  _id: string;
  by: string;
  at: Date;
}

const jobClaimSchema = new Schema<JobClaimDoc>(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'job_claims', versionKey: false },
);

export function jobClaimModel(conn: Connection): Model<JobClaimDoc> {
  return conn.models.JobClaim ?? conn.model<JobClaimDoc>('JobClaim', jobClaimSchema);
}
