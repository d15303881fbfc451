import { timingSafeEqual } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { exportFileModel, type ExportFileDoc } from './models/export-file-model';

/** Characters per stored part: at most 16 MB of UTF-8 even if every character took 4 bytes. */
const PART_CHARS = 3_000_000;

export interface StoredExport {
  filename: string;
  body: string;
}

/** Exports kept for download by link (Teams cannot receive a file from a bot in chat). */
export class ExportFileRepository {
  private readonly model: Model<ExportFileDoc>;

  constructor(conn: Connection) {
    this.model = exportFileModel(conn);
  }

  async save(e: {
    exportId: string;
    missionId: string;
    keyHash: string;
    filename: string;
    body: string;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void> {
    const parts = Math.max(1, Math.ceil(e.body.length / PART_CHARS));
    const docs: ExportFileDoc[] = [];
    for (let n = 0; n < parts; n++) {
      docs.push({
        _id: `${e.exportId}:${n}`,
        exportId: e.exportId,
        missionId: e.missionId,
        part: n,
        parts,
        ...(n === 0 ? { keyHash: e.keyHash, filename: e.filename } : {}),
        body: e.body.slice(n * PART_CHARS, (n + 1) * PART_CHARS),
        createdAt: e.createdAt,
        expiresAt: e.expiresAt,
      });
    }
    // Later parts first: part 0 makes the export visible, so it must come last.
    for (const doc of docs.reverse()) await this.model.create(doc);
  }

  /** The export if the key's hash matches and it has not expired; else undefined. */
  async open(exportId: string, keyHash: string, now: Date): Promise<StoredExport | undefined> {
    const head = await this.model.findById(`${exportId}:0`).lean<ExportFileDoc>().exec();
    if (!head?.keyHash || !sameHex(head.keyHash, keyHash) || head.expiresAt.getTime() <= now.getTime()) return undefined;
    let body = head.body;
    for (let n = 1; n < head.parts; n++) {
      const part = await this.model.findById(`${exportId}:${n}`).lean<ExportFileDoc>().exec();
      if (!part) return undefined;
      body += part.body;
    }
    return { filename: head.filename ?? 'export.csv', body };
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.model.deleteMany({ expiresAt: { $lte: now } }).exec();
  }
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
