import type { Connection, Model } from 'mongoose';
import { userKey, type ConversationRef, type Platform, type UserRef } from '../domain/identity';
import { isDuplicateKey } from '../errors';
import { personModel, type PersonDoc } from './models/person-model';
import { stripUndefined } from './mission-repository';

export interface Person extends UserRef {
  key: string;
  displayName?: string;
  awayUntil?: string;
  dm?: ConversationRef;
}

function toPerson(d: PersonDoc): Person {
  return {
    key: d._id,
    platform: d.platform as Platform,
    workspaceId: d.workspaceId,
    userId: d.userId,
    ...(d.displayName ? { displayName: d.displayName } : {}),
    ...(d.awayUntil ? { awayUntil: d.awayUntil } : {}),
    ...(d.dm ? { dm: { ...d.dm, platform: d.dm.platform as Platform, kind: d.dm.kind as ConversationRef['kind'] } } : {}),
  };
}

export class PersonRepository {
  private readonly model: Model<PersonDoc>;

  constructor(conn: Connection) {
    this.model = personModel(conn);
  }

  /** Creates the person if new (a unique insert), then applies `change` by _id. */
  private async upsert(user: UserRef, change: Record<string, unknown>, unset: Record<string, 1>, at: Date): Promise<void> {
    const key = userKey(user);
    try {
      await this.model.create(stripUndefined({ _id: key, platform: user.platform, workspaceId: user.workspaceId, userId: user.userId, updatedAt: at, ...change }));
      return;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const update: Record<string, unknown> = { $set: { ...change, updatedAt: at } };
    if (Object.keys(unset).length) update.$unset = unset;
    await this.model.updateOne({ _id: key }, update).exec();
  }

  async get(user: UserRef): Promise<Person | undefined> {
    const d = await this.model.findById(userKey(user)).lean<PersonDoc>().exec();
    return d ? toPerson(d) : undefined;
  }

  async getMany(keys: string[]): Promise<Map<string, Person>> {
    if (keys.length === 0) return new Map();
    const docs = await this.model.find({ _id: { $in: keys } }).lean<PersonDoc[]>().exec();
    return new Map(docs.map((d) => [d._id, toPerson(d)]));
  }

  /** Remembers the direct-message conversation for proactive sends (Teams needs it). */
  async setDm(user: UserRef, dm: ConversationRef, displayName: string | undefined, at: Date): Promise<{ changed: boolean }> {
    const current = await this.get(user);
    if (current?.dm?.conversationId === dm.conversationId && current.dm.serviceUrl === dm.serviceUrl) return { changed: false };
    await this.upsert(user, stripUndefined({ dm: stripUndefined({ ...dm }), displayName }), {}, at);
    return { changed: true };
  }

  /** Forgets the DM (the app was removed for them): sends then find no way to reach them. */
  async clearDm(user: UserRef, at: Date): Promise<{ changed: boolean }> {
    const current = await this.get(user);
    if (!current?.dm) return { changed: false };
    await this.model.updateOne({ _id: userKey(user) }, { $unset: { dm: 1 }, $set: { updatedAt: at } }).exec();
    return { changed: true };
  }

  async setAway(user: UserRef, awayUntil: string | undefined, at: Date): Promise<void> {
    if (awayUntil) await this.upsert(user, { awayUntil }, {}, at);
    else await this.upsert(user, {}, { awayUntil: 1 }, at);
  }
}
