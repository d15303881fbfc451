import type { Connection, Model } from 'mongoose';
import type { Blocker, BlockerHelper, BlockerStatus } from '../domain/blocker';
import type { Platform, UserRef } from '../domain/identity';
import type { BlockerSeverity } from '../domain/questions';
import { isDuplicateKey } from '../errors';
import { blockerHelperModel, type BlockerHelperDoc } from './models/blocker-helper-model';
import { StampedCache } from './stamped-cache';
import type { Stamps } from './stamps';
import { blockerModel, type BlockerDoc } from './models/blocker-model';
import { stripUndefined } from './strip-undefined';

/** A blocker as stored, before its helpers are attached. */
export type NewBlocker = Omit<Blocker, 'helpers' | 'ownerUser' | 'source' | 'posts' | 'generation' | 'updatedAt'> & {
  ownerUser: UserRef;
  source: 'checkin' | 'command';
};

export interface BlockerChange {
  text?: string;
  severity?: BlockerSeverity;
  helpWanted?: string | null;
}

export interface BlockerClosing {
  status: Exclude<BlockerStatus, 'open'>;
  at: Date;
  by: string;
  byMemberId: string;
  note: string;
}

function toBlocker(d: BlockerDoc, helpers: BlockerHelper[]): Blocker {
  return {
    id: d._id,
    missionId: d.missionId,
    ownerMemberId: d.ownerMemberId,
    ownerName: d.ownerName,
    ...(d.ownerOrganisation ? { ownerOrganisation: d.ownerOrganisation } : {}),
    ownerUser: { platform: d.ownerUser.platform as Platform, workspaceId: d.ownerUser.workspaceId, userId: d.ownerUser.userId },
    text: d.text,
    severity: d.severity as BlockerSeverity,
    ...(d.helpWanted ? { helpWanted: d.helpWanted } : {}),
    status: d.status as BlockerStatus,
    source: d.source as 'checkin' | 'command',
    ...(d.checkinId ? { checkinId: d.checkinId } : {}),
    firstWeek: d.firstWeek,
    firstSeenAt: d.firstSeenAt,
    helpers,
    ...(d.resolvedAt ? { resolvedAt: d.resolvedAt } : {}),
    ...(d.resolvedBy ? { resolvedBy: d.resolvedBy } : {}),
    ...(d.resolvedByMemberId ? { resolvedByMemberId: d.resolvedByMemberId } : {}),
    ...(d.resolution ? { resolution: d.resolution } : {}),
    ...(d.posts.length > 0 ? { alertKey: d.posts[0] } : {}),
    posts: [...d.posts],
    ...(d.escalateAt ? { escalateAt: d.escalateAt } : {}),
    ...(d.escalatedAt ? { escalatedAt: d.escalatedAt } : {}),
    generation: d.generation,
    updatedAt: d.updatedAt,
  };
}

function toHelper(d: BlockerHelperDoc): BlockerHelper {
  return { memberId: d.memberId, name: d.name, ...(d.organisation ? { organisation: d.organisation } : {}), at: d.at };
}

export const helperKey = (blockerId: string, memberId: string): string => `help:${blockerId}:${memberId}`;

/** Change-stamp key of the index of blockers waiting to be escalated. */
const ESCALATION_KEY = 'blockers-escalation';

/**
 * Blockers and their help offers. New blockers and offers are unique inserts; everything else
 * is a plain write by `_id` of facts that the callers have already claimed.
 */
export class BlockerRepository {
  private readonly model: Model<BlockerDoc>;
  private readonly helpers: Model<BlockerHelperDoc>;
  // Every tick asks which blockers are due for escalation; on the embedded database that is a
  // scan of every blocker ever raised, so the few waiting are indexed behind a change stamp.
  private readonly waiting: StampedCache<Array<{ id: string; at: number }>>;

  constructor(
    conn: Connection,
    private readonly stamps: Stamps,
  ) {
    this.model = blockerModel(conn);
    this.helpers = blockerHelperModel(conn);
    this.waiting = new StampedCache(stamps, { maxEntries: 1, maxAgeMs: 10 * 60_000 });
  }

  /** Announces a change of some blocker's escalation time to every replica's index. */
  private async escalationChanged(): Promise<void> {
    this.waiting.forget(ESCALATION_KEY);
    await this.stamps.bump(ESCALATION_KEY);
  }

  /** False when a blocker with this id exists already (a check-in submitted twice). */
  async insert(b: NewBlocker, at: Date): Promise<boolean> {
    const doc: BlockerDoc = stripUndefined({
      _id: b.id,
      missionId: b.missionId,
      ownerMemberId: b.ownerMemberId,
      ownerName: b.ownerName,
      ownerOrganisation: b.ownerOrganisation,
      ownerUser: { platform: b.ownerUser.platform, workspaceId: b.ownerUser.workspaceId, userId: b.ownerUser.userId },
      text: b.text,
      severity: b.severity,
      helpWanted: b.helpWanted,
      status: b.status,
      source: b.source,
      checkinId: b.checkinId,
      firstWeek: b.firstWeek,
      firstSeenAt: b.firstSeenAt,
      generation: 0,
      posts: [],
      escalateAt: b.escalateAt,
      updatedAt: at,
    });
    try {
      await this.model.create(doc);
      if (doc.escalateAt) await this.escalationChanged();
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  async get(id: string): Promise<Blocker | undefined> {
    const d = await this.model.findById(id).lean<BlockerDoc>().exec();
    if (!d) return undefined;
    return toBlocker(d, (await this.helpersOf([id])).get(id) ?? []);
  }

  /** Open blockers of a mission, most severe and oldest first is left to the caller. */
  async listOpen(missionId: string): Promise<Blocker[]> {
    return this.withHelpers(await this.model.find({ missionId, status: 'open' }).lean<BlockerDoc[]>().exec());
  }

  /** Open blockers and those resolved (or withdrawn) since `since`. */
  async listForMission(missionId: string, since: Date): Promise<Blocker[]> {
    const [open, closed] = await Promise.all([
      this.model.find({ missionId, status: 'open' }).lean<BlockerDoc[]>().exec(),
      this.model
        .find({ missionId, resolvedAt: { $gte: since } })
        .lean<BlockerDoc[]>()
        .exec(),
    ]);
    const seen = new Set(open.map((d) => d._id));
    return this.withHelpers([...open, ...closed.filter((d) => !seen.has(d._id))]);
  }

  /** Blockers waiting for escalation whose time has passed, oldest first, each re-read by `_id`. */
  async dueEscalations(now: Date, limit: number): Promise<Blocker[]> {
    const waiting = await this.waiting.get(ESCALATION_KEY, async () => {
      const docs = await this.model
        .find({ escalateAt: { $exists: true } }, { escalateAt: 1 })
        .lean<Array<Pick<BlockerDoc, '_id' | 'escalateAt'>>>()
        .exec();
      return docs.flatMap((d) => (d.escalateAt ? [{ id: d._id, at: d.escalateAt.getTime() }] : [])).sort((a, b) => a.at - b.at);
    });
    const due = waiting.filter((w) => w.at < now.getTime()).slice(0, limit);
    const docs = await Promise.all(due.map((w) => this.model.findById(w.id).lean<BlockerDoc>().exec()));
    return this.withHelpers(
      docs.filter((d): d is BlockerDoc => d !== null && d.escalateAt !== undefined && d.escalateAt.getTime() < now.getTime()),
    );
  }

  async change(id: string, change: BlockerChange, at: Date): Promise<void> {
    const set: Record<string, unknown> = { updatedAt: at };
    const unset: Record<string, 1> = {};
    if (change.text !== undefined) set.text = change.text;
    if (change.severity !== undefined) set.severity = change.severity;
    if (change.helpWanted === null) unset.helpWanted = 1;
    else if (change.helpWanted !== undefined) set.helpWanted = change.helpWanted;
    await this.model.updateOne({ _id: id }, Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set }).exec();
  }

  /** Records a resolution or withdrawal (the caller holds the claim) and stops escalation. */
  async close(id: string, c: BlockerClosing): Promise<void> {
    await this.model
      .updateOne(
        { _id: id },
        {
          $set: {
            status: c.status,
            resolvedAt: c.at,
            resolvedBy: c.by,
            resolvedByMemberId: c.byMemberId,
            resolution: c.note,
            updatedAt: c.at,
          },
          $unset: { escalateAt: 1 },
        },
      )
      .exec();
    await this.escalationChanged();
  }

  /** A withdrawn check-in blocker put back by its owner: open again, in a new generation. */
  async reopen(id: string, generation: number, change: BlockerChange, escalateAt: Date | undefined, at: Date): Promise<void> {
    const set: Record<string, unknown> = {
      status: 'open',
      generation,
      updatedAt: at,
      ...stripUndefined({ text: change.text, severity: change.severity, escalateAt }),
    };
    if (typeof change.helpWanted === 'string') set.helpWanted = change.helpWanted;
    const unset: Record<string, 1> = { resolvedAt: 1, resolvedBy: 1, resolvedByMemberId: 1, resolution: 1 };
    if (change.helpWanted === null) unset.helpWanted = 1;
    await this.model.updateOne({ _id: id }, { $set: set, $unset: unset }).exec();
    await this.escalationChanged();
  }

  async addPost(id: string, key: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $addToSet: { posts: key } }).exec();
  }

  async markEscalated(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { escalatedAt: at }, $unset: { escalateAt: 1 } }).exec();
    await this.escalationChanged();
  }

  /** Stops a blocker being picked up for escalation (its mission is gone, or it is closed). */
  async clearEscalation(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $unset: { escalateAt: 1 } }).exec();
    await this.escalationChanged();
  }

  async setEscalateAt(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { escalateAt: at } }).exec();
    await this.escalationChanged();
  }

  /** Records an offer of help; false when this member had already offered. */
  async addHelper(blockerId: string, missionId: string, helper: BlockerHelper): Promise<boolean> {
    try {
      await this.helpers.create(
        stripUndefined({
          _id: helperKey(blockerId, helper.memberId),
          blockerId,
          missionId,
          memberId: helper.memberId,
          name: helper.name,
          organisation: helper.organisation,
          at: helper.at,
        }),
      );
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  private async helpersOf(blockerIds: string[]): Promise<Map<string, BlockerHelper[]>> {
    const out = new Map<string, BlockerHelper[]>();
    if (blockerIds.length === 0) return out;
    const docs = await this.helpers
      .find({ blockerId: { $in: blockerIds } })
      .lean<BlockerHelperDoc[]>()
      .exec();
    for (const d of docs.sort((a, b) => a.at.getTime() - b.at.getTime() || a.memberId.localeCompare(b.memberId))) {
      out.set(d.blockerId, [...(out.get(d.blockerId) ?? []), toHelper(d)]);
    }
    return out;
  }

  private async withHelpers(docs: BlockerDoc[]): Promise<Blocker[]> {
    const helpers = await this.helpersOf(docs.map((d) => d._id));
    return docs.map((d) => toBlocker(d, helpers.get(d._id) ?? []));
  }
}
