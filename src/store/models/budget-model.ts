import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A mission's budget alignment for one period. `_id` is `<missionId>:<period in lower case>`;
 * recording the period again replaces the figures and keeps the earlier ones in `history`
 * (JSON strings, oldest first).
 */
export interface BudgetDoc {
  _id: string;
  missionId: string;
  period: string;
  total: number;
  aligned: number;
  recordedBy: string;
  recordedAt: Date;
  history: string[];
}

const budgetSchema = new Schema<BudgetDoc>(
  {
    _id: { type: String, required: true },
    missionId: { type: String, required: true },
    period: { type: String, required: true },
    total: { type: Number, required: true },
    aligned: { type: Number, required: true },
    recordedBy: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    history: { type: [String], required: true },
  },
  { collection: 'budget_alignment', versionKey: false },
);
budgetSchema.index({ missionId: 1 });

export function budgetModel(conn: Connection): Model<BudgetDoc> {
  return conn.models.BudgetAlignment ?? conn.model<BudgetDoc>('BudgetAlignment', budgetSchema);
}
