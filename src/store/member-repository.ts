import type { Connection, Model } from 'mongoose';
import { userKey, type Platform, type UserRef } from '../domain/identity';
import { memberId, type Member, type Role } from '../domain/mission';
import { isDuplicateKey } from '../errors';
import { memberModel, type MemberDoc } from './models/member-model';
import { stripUndefined } from './mission-repository';

export function toMember(d: MemberDoc): Member {
  return {
    id: d._id,
    missionId: d.missionId,
    platform: d.platform as Platform,
    workspaceId: d.workspaceId,
    userId: d.userId,
    displayName: d.displayName,
    organisation: d.organisation ?? undefined,
    role: d.role as Role,
    joinedAt: d.joinedAt,
  };
}

export interface MemberInput {
  user: UserRef;
  displayName: string;
  organisation?: string;
  role: Role;
}

export class MemberRepository {
  private readonly model: Model<MemberDoc>;

  constructor(conn: Connection) {
    this.model = memberModel(conn);
  }

  private toDoc(missionId: string, m: MemberInput, at: Date): MemberDoc {
    return stripUndefined({
      _id: memberId(missionId, m.user),
      missionId,
      platform: m.user.platform,
      workspaceId: m.user.workspaceId,
      userId: m.user.userId,
      userKey: userKey(m.user),
      displayName: m.displayName,
      organisation: m.organisation,
      role: m.role,
      joinedAt: at,
    });
  }

  /** Inserts new members; returns which were added and which already belonged. */
  async insertNew(missionId: string, inputs: MemberInput[], at: Date): Promise<{ added: Member[]; existing: Member[] }> {
    const added: Member[] = [];
    const existing: Member[] = [];
    for (const input of inputs) {
      const doc = this.toDoc(missionId, input, at);
      try {
        await this.model.create(doc);
        added.push(toMember(doc));
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        const current = await this.model.findById(doc._id).lean<MemberDoc>().exec();
        if (current) existing.push(toMember(current));
      }
    }
    return { added, existing };
  }

  async update(id: string, change: { organisation?: string; role?: Role; displayName?: string }): Promise<void> {
    const set = stripUndefined(change);
    if (Object.keys(set).length === 0) return;
    await this.model.updateOne({ _id: id }, { $set: set }).exec();
  }

  async find(missionId: string, user: UserRef): Promise<Member | undefined> {
    const d = await this.model.findById(memberId(missionId, user)).lean<MemberDoc>().exec();
    return d ? toMember(d) : undefined;
  }

  async listByMission(missionId: string): Promise<Member[]> {
    const docs = await this.model.find({ missionId }).lean<MemberDoc[]>().exec();
    return docs.map(toMember);
  }

  /** Members of many missions in one read (the scheduler opening many rounds at once). */
  async listByMissions(missionIds: string[]): Promise<Map<string, Member[]>> {
    const out = new Map<string, Member[]>(missionIds.map((id) => [id, []]));
    if (missionIds.length === 0) return out;
    const docs = await this.model.find({ missionId: { $in: missionIds } }).lean<MemberDoc[]>().exec();
    for (const d of docs) out.get(d.missionId)?.push(toMember(d));
    return out;
  }

  async listByUser(user: UserRef): Promise<Member[]> {
    const docs = await this.model.find({ userKey: userKey(user) }).lean<MemberDoc[]>().exec();
    return docs.map(toMember);
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.model.deleteOne({ _id: id }).exec();
    return r.deletedCount > 0;
  }

  async removeAllOfMission(missionId: string): Promise<void> {
    await this.model.deleteMany({ missionId }).exec();
  }
}
