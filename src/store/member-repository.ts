import type { Connection, Model } from 'mongoose';
import { userKey, type Platform, type UserRef } from '../domain/identity';
import { memberId, type Member, type Role } from '../domain/mission';
import { isDuplicateKey } from '../errors';
import { memberModel, type MemberDoc } from './models/member-model';
import { missionKey } from './stamp-keys';
import { stripUndefined } from './strip-undefined';
import { inLanes } from './in-lanes';
import { StampedCache } from './stamped-cache';
import type { Stamps } from './stamps';

/** Change-stamp keys: a mission's roster (with the mission: one check for both), and the missions one person belongs to. */
const rosterKey = missionKey;
const membershipsKey = (key: string): string => `memberships:${key}`;
const CACHE = { maxEntries: 2000, maxAgeMs: 10 * 60_000 };

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
  // Rosters are read by nearly every command; on the embedded database a read by missionId
  // is a scan of every member of every mission, so they are cached behind change stamps.
  private readonly rosters: StampedCache<Member[]>;
  private readonly memberships: StampedCache<Member[]>;

  constructor(
    conn: Connection,
    private readonly stamps: Stamps,
  ) {
    this.model = memberModel(conn);
    this.rosters = new StampedCache(stamps, CACHE);
    this.memberships = new StampedCache(stamps, CACHE);
  }

  /** Announces a change to these missions' rosters (and these people's memberships) to every replica. */
  async changed(missionIds: string[], userKeys: string[] = []): Promise<void> {
    for (const id of missionIds) this.rosters.forget(rosterKey(id));
    for (const key of userKeys) this.memberships.forget(membershipsKey(key));
    await this.stamps.bump(...missionIds.map(rosterKey), ...userKeys.map(membershipsKey));
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
    if (added.length > 0)
      await this.changed(
        [missionId],
        added.map((m) => userKey(m)),
      );
    return { added, existing };
  }

  async update(id: string, change: { organisation?: string; role?: Role; displayName?: string }): Promise<void> {
    const set = stripUndefined(change);
    if (Object.keys(set).length === 0) return;
    const d = await this.model.findById(id, { missionId: 1, userKey: 1 }).lean<Pick<MemberDoc, 'missionId' | 'userKey'>>().exec();
    await this.model.updateOne({ _id: id }, { $set: set }).exec();
    if (d) await this.changed([d.missionId], [d.userKey]);
  }

  /**
   * Loads the rosters of `missionIds` (up to the cache's size) with one read of all members, so
   * the first commands after a start do not each scan the collection.
   */
  async warm(missionIds: string[]): Promise<number> {
    const ids = missionIds.slice(0, CACHE.maxEntries);
    const tokens = await inLanes(ids, 50, (id) => this.rosters.token(rosterKey(id)));
    const wanted = new Map(ids.map((id, i) => [id, tokens[i]]));
    const byMission = new Map<string, Member[]>(ids.map((id) => [id, []]));
    for (const d of await this.model.find({}).lean<MemberDoc[]>().exec()) byMission.get(d.missionId)?.push(toMember(d));
    for (const [id, roster] of byMission) this.rosters.prime(rosterKey(id), wanted.get(id) ?? '', roster);
    return ids.length;
  }

  async find(missionId: string, user: UserRef): Promise<Member | undefined> {
    const d = await this.model.findById(memberId(missionId, user)).lean<MemberDoc>().exec();
    return d ? toMember(d) : undefined;
  }

  async listByMission(missionId: string): Promise<Member[]> {
    const roster = await this.rosters.get(rosterKey(missionId), async () => {
      const docs = await this.model.find({ missionId }).lean<MemberDoc[]>().exec();
      return docs.map(toMember);
    });
    return roster.map((m) => ({ ...m }));
  }

  /** Members of many missions in one read (the scheduler opening many rounds at once). */
  async listByMissions(missionIds: string[]): Promise<Map<string, Member[]>> {
    const out = new Map<string, Member[]>(missionIds.map((id) => [id, []]));
    if (missionIds.length === 0) return out;
    const docs = await this.model
      .find({ missionId: { $in: missionIds } })
      .lean<MemberDoc[]>()
      .exec();
    for (const d of docs) out.get(d.missionId)?.push(toMember(d));
    return out;
  }

  async listByUser(user: UserRef): Promise<Member[]> {
    const key = userKey(user);
    const mine = await this.memberships.get(membershipsKey(key), async () => {
      const docs = await this.model.find({ userKey: key }).lean<MemberDoc[]>().exec();
      return docs.map(toMember);
    });
    return mine.map((m) => ({ ...m }));
  }

  async remove(id: string): Promise<boolean> {
    const d = await this.model.findById(id, { missionId: 1, userKey: 1 }).lean<Pick<MemberDoc, 'missionId' | 'userKey'>>().exec();
    const r = await this.model.deleteOne({ _id: id }).exec();
    if (d) await this.changed([d.missionId], [d.userKey]);
    return r.deletedCount > 0;
  }

  async removeAllOfMission(missionId: string): Promise<void> {
    const keys = (await this.listByMission(missionId)).map((m) => userKey(m));
    await this.model.deleteMany({ missionId }).exec();
    await this.changed([missionId], keys);
  }
}
