import type { Connection, Model } from 'mongoose';
import { workspaceKey, type WorkspaceRef } from '../domain/identity';
import { isDuplicateKey } from '../errors';
import { workspaceModel, type WorkspaceDoc } from './models/workspace-model';

export class WorkspaceRepository {
  private readonly model: Model<WorkspaceDoc>;
  /** Workspaces already recorded by this process: saves a write per request. */
  private readonly known = new Set<string>();

  constructor(conn: Connection) {
    this.model = workspaceModel(conn);
  }

  /** Records a workspace the first time it is seen. A unique insert, so replicas cannot race. */
  async ensure(ws: WorkspaceRef, at: Date): Promise<void> {
    const key = workspaceKey(ws);
    if (this.known.has(key)) return;
    try {
      await this.model.create({ _id: key, platform: ws.platform, workspaceId: ws.workspaceId, firstSeenAt: at });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    this.known.add(key);
  }
}
