import type { Connection, Model } from 'mongoose';
import type { ConversationRef, Platform, WorkspaceRef } from '../domain/identity';
import { workspaceKey } from '../domain/identity';
import type { Mission } from '../domain/mission';
import type { Question } from '../domain/questions';
import type { Schedule, ZonedSchedule } from '../domain/schedule';
import { conflict, isDuplicateKey } from '../errors';
import { missionModel, type MissionDoc } from './models/mission-model';
import { storedTimeZone } from './mission-zone-upgrade';
import { inLanes } from './in-lanes';
import { StampedCache } from './stamped-cache';
import type { Stamps } from './stamps';

/** Change-stamp keys: the missions a workspace can see (by slug), and every mission's next opening. */
const visibleKey = (wsKey: string): string => `missions-visible:${wsKey}`;
const SCHEDULE_KEY = 'missions-schedule';
/** One mission's document and its roster (member-repository.ts shares the key). */
export const missionKey = (id: string): string => `mission:${id}`;
const VISIBLE_ENTRIES = 1000;

interface VisibleMission {
  id: string;
  slug: string;
  homeKey: string;
}

/** Every mission with a next opening, soonest first: what a scheduler tick needs. */
interface ScheduleEntry {
  id: string;
  at: number;
}

export type NewMission = Omit<Mission, 'workspaceKeys' | 'createdAt' | 'updatedAt'>;
export type MissionChannelField = 'digestChannel' | 'alertChannel';

export function toConversation(d: MissionDoc['digestChannel']): ConversationRef | undefined {
  if (!d) return undefined;
  return {
    platform: d.platform as Platform,
    workspaceId: d.workspaceId,
    conversationId: d.conversationId,
    kind: d.kind as ConversationRef['kind'],
    ...(d.serviceUrl ? { serviceUrl: d.serviceUrl } : {}),
  };
}

export function toMission(d: MissionDoc): Mission {
  return {
    id: d._id,
    home: { platform: d.home.platform as Platform, workspaceId: d.home.workspaceId },
    workspaceKeys: [...d.workspaceKeys],
    slug: d.slug,
    statement: d.statement,
    targetDate: d.targetDate ?? undefined,
    place: d.place ?? undefined,
    timeZone: storedTimeZone(d),
    digestChannel: toConversation(d.digestChannel),
    alertChannel: toConversation(d.alertChannel),
    schedule: toSchedule(d.schedule),
    questions: JSON.parse(d.questions) as Question[],
    nextOpenAt: d.nextOpenAt ?? undefined,
    ...(typeof d.escalateAfterWeeks === 'number' ? { escalateAfterWeeks: d.escalateAfterWeeks } : {}),
    ...(typeof d.retentionMonths === 'number' ? { retentionMonths: d.retentionMonths } : {}),
    createdBy: { platform: d.createdBy.platform as Platform, workspaceId: d.createdBy.workspaceId, userId: d.createdBy.userId },
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** Field by field, so that an older document's `schedule.timeZone` stays out of the mission. */
function toSchedule(s: MissionDoc['schedule']): Schedule {
  return {
    day: s.day as Schedule['day'],
    time: s.time,
    remindAfterMinutes: s.remindAfterMinutes,
    closeAfterMinutes: s.closeAfterMinutes,
    paused: s.paused,
  };
}

export class MissionRepository {
  private readonly model: Model<MissionDoc>;
  // Commands name missions by slug, and each tick asks which are due: on the embedded
  // database both would scan every mission, so both are cached behind change stamps.
  private readonly visible: StampedCache<VisibleMission[]>;
  private readonly schedule: StampedCache<ScheduleEntry[]>;
  private readonly byId: StampedCache<Mission | undefined>;

  constructor(
    conn: Connection,
    private readonly stamps: Stamps,
    private readonly idLookupsOnly = false,
  ) {
    this.model = missionModel(conn);
    this.visible = new StampedCache(stamps, { maxEntries: VISIBLE_ENTRIES, maxAgeMs: 10 * 60_000 });
    this.schedule = new StampedCache(stamps, { maxEntries: 1, maxAgeMs: 10 * 60_000 });
    this.byId = new StampedCache(stamps, { maxEntries: 2000, maxAgeMs: 10 * 60_000 });
  }

  /** Announces a change of mission `id` (and of what workspaces see, or of the schedule) to every replica. */
  private async announce(id: string, opts: { workspaces?: string[]; schedule?: boolean } = {}): Promise<void> {
    const keys = [missionKey(id), ...(opts.workspaces ?? []).map(visibleKey)];
    if (opts.schedule) keys.push(SCHEDULE_KEY);
    for (const k of keys) {
      this.visible.forget(k);
      this.schedule.forget(k);
      this.byId.forget(k);
    }
    await this.stamps.bump(...keys);
  }

  /** Inserts a mission; a slug already used in the home workspace is a CONFLICT. */
  async insert(m: NewMission, at: Date): Promise<Mission> {
    const doc: MissionDoc = {
      _id: m.id,
      home: m.home,
      homeKey: workspaceKey(m.home),
      workspaceKeys: [workspaceKey(m.home)],
      slug: m.slug,
      statement: m.statement,
      targetDate: m.targetDate,
      place: m.place,
      timeZone: m.timeZone,
      digestChannel: m.digestChannel,
      alertChannel: m.alertChannel,
      schedule: toSchedule(m.schedule),
      questions: JSON.stringify(m.questions),
      nextOpenAt: m.nextOpenAt,
      createdBy: m.createdBy,
      createdAt: at,
      updatedAt: at,
    };
    try {
      await this.model.create(stripUndefined(doc));
    } catch (e) {
      if (isDuplicateKey(e))
        throw conflict(`A mission called "${m.slug}" already exists in this workspace. Choose another slug with slug=...`);
      throw e;
    }
    await this.announce(doc._id, { workspaces: doc.workspaceKeys, schedule: doc.nextOpenAt !== undefined });
    return toMission(doc);
  }

  /**
   * Loads which missions each workspace sees (by slug) with two reads of the missions, so the
   * first commands after a start do not each scan them. Returns every mission's id.
   */
  async warm(): Promise<string[]> {
    type Row = Pick<MissionDoc, '_id' | 'slug' | 'homeKey' | 'workspaceKeys'>;
    const read = () => this.model.find({}, { slug: 1, homeKey: 1, workspaceKeys: 1 }).lean<Row[]>().exec();
    const keys = [...new Set((await read()).flatMap((d) => d.workspaceKeys))].slice(0, VISIBLE_ENTRIES);
    const tokens = await inLanes(keys, 50, (k) => this.visible.token(visibleKey(k)));
    const rows = await read();
    keys.forEach((k, i) => {
      const seen = rows.filter((d) => d.workspaceKeys.includes(k)).map((d) => ({ id: d._id, slug: d.slug, homeKey: d.homeKey }));
      this.visible.prime(visibleKey(k), tokens[i], seen);
    });
    return rows.map((d) => d._id);
  }

  /** The mission with this slug visible from the caller's workspace, if any. */
  async findBySlug(ws: WorkspaceRef, slug: string): Promise<Mission | undefined> {
    const key = workspaceKey(ws);
    const visible = await this.visible.get(visibleKey(key), async () => {
      const docs = await this.model
        .find({ workspaceKeys: key }, { slug: 1, homeKey: 1 })
        .lean<Array<Pick<MissionDoc, '_id' | 'slug' | 'homeKey'>>>()
        .exec();
      return docs.map((d) => ({ id: d._id, slug: d.slug, homeKey: d.homeKey }));
    });
    // Prefer the caller's own mission over a linked one with the same slug.
    const named = visible.filter((v) => v.slug === slug);
    const chosen = named.find((v) => v.homeKey === key) ?? named[0];
    if (!chosen) return undefined;
    const mission = await this.findById(chosen.id);
    return mission && mission.slug === slug && mission.workspaceKeys.includes(key) ? mission : undefined;
  }

  /** A copy of the mission: cached, so no caller may change what another one reads. */
  async findById(id: string): Promise<Mission | undefined> {
    const m = await this.byId.get(missionKey(id), async () => {
      const d = await this.model.findById(id).lean<MissionDoc>().exec();
      return d ? toMission(d) : undefined;
    });
    return m && structuredClone(m);
  }

  async findByIds(ids: string[]): Promise<Mission[]> {
    if (ids.length === 0) return [];
    if (this.idLookupsOnly) {
      const found = await Promise.all(ids.map((id) => this.findById(id)));
      return found.filter((m): m is Mission => m !== undefined);
    }
    const docs = await this.model
      .find({ _id: { $in: ids } })
      .lean<MissionDoc[]>()
      .exec();
    return docs.map(toMission);
  }

  async setChannel(id: string, field: MissionChannelField, channel: ConversationRef, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { [field]: stripUndefined({ ...channel }), updatedAt: at } }).exec();
    await this.announce(id);
  }

  /** Lets a linked workspace see the mission. `$addToSet` is a no-op if it already can. */
  async addWorkspace(id: string, key: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $addToSet: { workspaceKeys: key }, $set: { updatedAt: at } }).exec();
    await this.announce(id, { workspaces: [key] });
  }

  /** Stops a linked workspace seeing the mission (`$pull` of an equal value: portable). The home key stays. */
  async removeWorkspace(id: string, key: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id, homeKey: { $ne: key } }, { $pull: { workspaceKeys: key }, $set: { updatedAt: at } }).exec();
    await this.announce(id, { workspaces: [key] });
  }

  /** The schedule and the mission's zone, together: replacing `schedule` whole also drops an older document's second zone. */
  async setSchedule(id: string, next: ZonedSchedule, nextOpenAt: Date | undefined, at: Date): Promise<void> {
    const set = { schedule: toSchedule(next.schedule), timeZone: next.timeZone, updatedAt: at, ...(nextOpenAt ? { nextOpenAt } : {}) };
    const update: Record<string, unknown> = { $set: set };
    if (!nextOpenAt) update.$unset = { nextOpenAt: 1 };
    await this.model.updateOne({ _id: id }, update).exec();
    await this.announce(id, { schedule: true });
  }

  async setNextOpenAt(id: string, nextOpenAt: Date | undefined): Promise<void> {
    await this.model.updateOne({ _id: id }, nextOpenAt ? { $set: { nextOpenAt } } : { $unset: { nextOpenAt: 1 } }).exec();
    await this.announce(id, { schedule: true });
  }

  async setQuestions(id: string, questions: Question[], at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { questions: JSON.stringify(questions), updatedAt: at } }).exec();
    await this.announce(id);
  }

  async setEscalateAfterWeeks(id: string, weeks: number, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { escalateAfterWeeks: weeks, updatedAt: at } }).exec();
    await this.announce(id);
  }

  /**
   * Missions whose next round is due by `now`, soonest first, at most `limit`. The schedule is
   * read once per change (cached behind its stamp), so a tick with nothing due costs one `_id`
   * read whatever the number of missions; each due one is re-read to confirm.
   */
  async findDue(now: Date, limit: number): Promise<Mission[]> {
    const schedule = await this.schedule.get(SCHEDULE_KEY, async () => {
      const docs = await this.model
        .find({ nextOpenAt: { $exists: true } }, { nextOpenAt: 1 })
        .lean<Array<Pick<MissionDoc, '_id' | 'nextOpenAt'>>>()
        .exec();
      return docs.flatMap((d) => (d.nextOpenAt ? [{ id: d._id, at: d.nextOpenAt.getTime() }] : [])).sort((a, b) => a.at - b.at);
    });
    const due: Mission[] = [];
    for (const entry of schedule) {
      if (entry.at > now.getTime() || due.length >= limit) break;
      const m = await this.findById(entry.id);
      if (m?.nextOpenAt && m.nextOpenAt.getTime() <= now.getTime()) due.push(m);
    }
    return due;
  }

  async setRetention(id: string, months: number, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { retentionMonths: months, updatedAt: at } }).exec();
    await this.announce(id);
  }

  /** Missions with a retention policy (few; read nightly). */
  async withRetention(): Promise<Mission[]> {
    const docs = await this.model
      .find({ retentionMonths: { $gt: 0 } })
      .lean<MissionDoc[]>()
      .exec();
    return docs.map(toMission);
  }

  async deleteById(id: string): Promise<void> {
    const d = await this.model.findById(id, { workspaceKeys: 1 }).lean<Pick<MissionDoc, 'workspaceKeys'>>().exec();
    await this.model.deleteOne({ _id: id }).exec();
    await this.announce(id, { workspaces: d?.workspaceKeys ?? [], schedule: true });
  }
}

/** The driver stores `undefined` as null; leaving the key out keeps documents tidy. */
export function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
