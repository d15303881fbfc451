import { performance } from 'node:perf_hooks';
import type { Connection, Model } from 'mongoose';
import { userKey, type ConversationRef, type Platform, type UserRef } from '../domain/identity';
import { isDuplicateKey } from '../errors';
import { personModel, type PersonDoc } from './models/person-model';
import type { ReadShapes } from './read-shapes';
import { stripUndefined } from './strip-undefined';

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

/** How long this process trusts a DM it stored or read itself, for ordinary messages. */
const RECENT_DM_MS = 10 * 60_000;
const RECENT_DM_ENTRIES = 50_000;

export class PersonRepository {
  private readonly model: Model<PersonDoc>;
  // Every Teams direct message carries the person's DM; checking it against the stored one is a
  // read per message. The DM only changes on an install (always checked) or erasure (forgotten
  // here), so one this process confirmed recently is taken as still stored.
  private readonly recentDm = new Map<string, { dm: string; at: number }>();

  constructor(
    conn: Connection,
    private readonly shapes: ReadShapes,
  ) {
    this.model = personModel(conn);
  }

  /** Creates the person if new (a unique insert), then applies `change` by _id. */
  private async upsert(user: UserRef, change: Record<string, unknown>, unset: Record<string, 1>, at: Date): Promise<void> {
    const key = userKey(user);
    try {
      await this.model.create(
        stripUndefined({ _id: key, platform: user.platform, workspaceId: user.workspaceId, userId: user.userId, updatedAt: at, ...change }),
      );
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

  /** The people with these keys that exist, by key; read in the store's shape (read-shapes.ts). */
  async getMany(keys: string[]): Promise<Map<string, Person>> {
    const docs = await this.shapes.peopleByKeys(keys);
    return new Map(docs.map((d) => [d._id, toPerson(d)]));
  }

  /** Remembers the direct-message conversation for proactive sends (Teams needs it). */
  async setDm(
    user: UserRef,
    dm: ConversationRef,
    displayName: string | undefined,
    at: Date,
    opts: { reuseRecent?: boolean } = {},
  ): Promise<{ changed: boolean }> {
    const key = userKey(user);
    const seen = `${dm.conversationId}\n${dm.serviceUrl ?? ''}`;
    const recent = this.recentDm.get(key);
    if (opts.reuseRecent && recent?.dm === seen && performance.now() - recent.at < RECENT_DM_MS) return { changed: false };
    const current = await this.get(user);
    const unchanged = current?.dm?.conversationId === dm.conversationId && current.dm.serviceUrl === dm.serviceUrl;
    if (!unchanged) await this.upsert(user, stripUndefined({ dm: stripUndefined({ ...dm }), displayName }), {}, at);
    if (this.recentDm.size >= RECENT_DM_ENTRIES) this.recentDm.clear();
    this.recentDm.set(key, { dm: seen, at: performance.now() });
    return { changed: !unchanged };
  }

  /** Stops trusting what this process remembered of the person's DM (erasure). */
  forgetRecent(user: UserRef): void {
    this.recentDm.delete(userKey(user));
  }

  /** Forgets the DM (the app was removed for them): sends then find no way to reach them. */
  async clearDm(user: UserRef, at: Date): Promise<{ changed: boolean }> {
    this.forgetRecent(user);
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
