import type { Connection, Model } from 'mongoose';
import { userKey, type UserRef } from '../domain/identity';
import { auditModel, type AuditDoc } from './models/audit-model';
import { newId } from './ids';

export interface AuditEntry {
  missionId: string;
  actorKey: string;
  action: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

export class AuditRepository {
  private readonly model: Model<AuditDoc>;

  constructor(conn: Connection) {
    this.model = auditModel(conn);
  }

  async record(missionId: string, actor: UserRef, action: string, at: Date, before?: unknown, after?: unknown): Promise<void> {
    const doc: AuditDoc = { _id: newId('aud'), missionId, actorKey: userKey(actor), action, at };
    if (before !== undefined) doc.before = JSON.stringify(before);
    if (after !== undefined) doc.after = JSON.stringify(after);
    await this.model.create(doc);
  }

  async list(missionId: string, limit: number): Promise<AuditEntry[]> {
    const docs = await this.model.find({ missionId }).sort({ at: -1 }).limit(limit).lean<AuditDoc[]>().exec();
    return docs.map((d) => ({
      missionId: d.missionId,
      actorKey: d.actorKey,
      action: d.action,
      before: d.before ? (JSON.parse(d.before) as unknown) : undefined,
      after: d.after ? (JSON.parse(d.after) as unknown) : undefined,
      at: d.at,
    }));
  }
}
