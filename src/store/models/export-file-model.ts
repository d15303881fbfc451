import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A CSV export waiting to be downloaded through its link, in parts (`<exportId>:<n>`) so a big
 * mission stays far below the 16 MB document limit. Only part 0 carries the key's hash.
 */
export interface ExportFileDoc {
  _id: string;
  exportId: string;
  missionId: string;
  part: number;
  parts: number;
  /** SHA-256 of the link's key (hex); part 0 only. */
  keyHash?: string;
  filename?: string;
  /** The CSV text of this part (strings are portable across every backend; binary less so). */
  body: string;
  createdAt: Date;
  expiresAt: Date;
}

const exportFileSchema = new Schema<ExportFileDoc>(
  {
    _id: { type: String, required: true },
    exportId: { type: String, required: true },
    missionId: { type: String, required: true },
    part: { type: Number, required: true },
    parts: { type: Number, required: true },
    keyHash: String,
    filename: String,
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'export_files', versionKey: false },
);
// Clearing out expired exports (no TTL indexes: they are not portable).
exportFileSchema.index({ expiresAt: 1 });

export function exportFileModel(conn: Connection): Model<ExportFileDoc> {
  return conn.models.ExportFile ?? conn.model<ExportFileDoc>('ExportFile', exportFileSchema);
}
