import type { Connection, Model } from 'mongoose';
import type { ApiToken } from '../api-tokens/api-token';
import type { Platform, UserRef } from '../domain/identity';
import { stripUndefined } from './strip-undefined';
import { apiTokenModel, type ApiTokenDoc } from './models/api-token-model';

function toToken(d: ApiTokenDoc): ApiToken {
  return {
    id: d._id,
    missionId: d.missionId,
    workspaceKey: d.workspaceKey,
    ...(d.label ? { label: d.label } : {}),
    createdBy: { platform: d.createdBy.platform as Platform, workspaceId: d.createdBy.workspaceId, userId: d.createdBy.userId },
    ...(d.createdByName ? { createdByName: d.createdByName } : {}),
    createdAt: d.createdAt,
    ...(d.lastUsedAt ? { lastUsedAt: d.lastUsedAt } : {}),
    ...(d.revokedAt ? { revokedAt: d.revokedAt } : {}),
    ...(d.revokedBy ? { revokedBy: d.revokedBy } : {}),
  };
}

export interface NewApiToken {
  id: string;
  missionId: string;
  workspaceKey: string;
  secretHash: string;
  label?: string;
  createdBy: UserRef;
  createdByName?: string;
}

/** Reporting API tokens: looked up by `_id` (the token's id), listed per mission. */
export class ApiTokenRepository {
  private readonly model: Model<ApiTokenDoc>;

  constructor(conn: Connection) {
    this.model = apiTokenModel(conn);
  }

  /** Ids are 64 random bits, so a clash is an error worth seeing, not a case to handle. */
  async insert(t: NewApiToken, at: Date): Promise<ApiToken> {
    const doc: ApiTokenDoc = stripUndefined({
      _id: t.id,
      missionId: t.missionId,
      workspaceKey: t.workspaceKey,
      secretHash: t.secretHash,
      label: t.label,
      createdBy: { platform: t.createdBy.platform, workspaceId: t.createdBy.workspaceId, userId: t.createdBy.userId },
      createdByName: t.createdByName,
      createdAt: at,
    });
    await this.model.create(doc);
    return toToken(doc);
  }

  /** The token and its secret's hash, for checking a presented token. */
  async getWithHash(id: string): Promise<{ token: ApiToken; secretHash: string } | undefined> {
    const d = await this.model.findById(id).lean<ApiTokenDoc>().exec();
    return d ? { token: toToken(d), secretHash: d.secretHash } : undefined;
  }

  async get(id: string): Promise<ApiToken | undefined> {
    return (await this.getWithHash(id))?.token;
  }

  /** Every token of a mission, newest first. */
  async listByMission(missionId: string): Promise<ApiToken[]> {
    const docs = await this.model.find({ missionId }).lean<ApiTokenDoc[]>().exec();
    return docs.map(toToken).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  /** Revoking twice keeps the first revocation. */
  async revoke(id: string, by: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: at, revokedBy: by } }).exec();
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { lastUsedAt: at } }).exec();
  }
}
