import { randomBytes } from 'node:crypto';
import type { Connection, Model, mongo } from 'mongoose';
import { checkinId } from '../domain/checkin';
import { userKey, type UserRef } from '../domain/identity';
import { apiTokenModel } from './models/api-token-model';
import { auditModel } from './models/audit-model';
import { blockerHelperModel } from './models/blocker-helper-model';
import { blockerModel } from './models/blocker-model';
import { budgetModel } from './models/budget-model';
import { checkinModel } from './models/checkin-model';
import { conversationModel } from './models/conversation-model';
import { draftHeadModel, draftTurnModel } from './models/draft-model';
import { indicatorReadingModel } from './models/indicator-reading-model';
import { inviteClaimModel, inviteModel } from './models/invite-model';
import { memberModel } from './models/member-model';
import { missionLinkModel } from './models/mission-link-model';
import { personModel } from './models/person-model';
import { roundModel } from './models/round-model';

/**
 * Every place in the store where personal data lives, in one repository, so that a subject
 * access request and an erasure cannot miss a collection. Collections are reached through their
 * models, so a renamed one is renamed here too; a new collection holding personal data must be
 * added here (test/integration/privacy.test.ts fails until every collection is either here or
 * named there as holding none). The outbox erases its own items (Outbox.forgetUser).
 */
export const ERASED_NAME = 'Erased member';

/** A stored document as it is. Every collection here has string `_id`s. */
interface Doc {
  _id: string;
  [field: string]: unknown;
}

export interface PersonalDataExport {
  user: UserRef;
  exportedAt: string;
  person: Doc | null;
  memberships: Doc[];
  checkins: Doc[];
  drafts: Doc[];
  /** Earlier versions of the drafts, kept until their round closes. */
  draftVersions: Doc[];
  blockersRaised: Doc[];
  helpOffered: Doc[];
  indicatorReadings: Doc[];
  budgetEntries: Doc[];
  auditEntries: Doc[];
  apiTokensIssued: Doc[];
  invitesCreated: Doc[];
  invitesUsed: Doc[];
  linksMade: Doc[];
}

/** What erasure keeps of a round's answers: the numbers and choices aggregates are made of, never free text. */
export type KeepAnswer = (roundId: string) => Promise<(questionId: string) => boolean>;

/**
 * The driver's collection behind a model, untyped: these reads and writes work on stored
 * documents as they are (fields of older versions included), without mongoose's casting.
 */
function raw<T>(model: Model<T>): mongo.Collection<Doc> {
  return model.collection as unknown as mongo.Collection<Doc>;
}

/** A filter on a stored user reference (`createdBy`, `claimedBy`, `linkedBy`...). */
const byUser = (field: string, user: UserRef): Record<string, string> => ({
  [`${field}.platform`]: user.platform,
  [`${field}.workspaceId`]: user.workspaceId,
  [`${field}.userId`]: user.userId,
});

export class PersonalDataRepository {
  private readonly people: mongo.Collection<Doc>;
  private readonly members: mongo.Collection<Doc>;
  private readonly checkins: mongo.Collection<Doc>;
  private readonly drafts: mongo.Collection<Doc>;
  private readonly draftTurns: mongo.Collection<Doc>;
  private readonly conversations: mongo.Collection<Doc>;
  private readonly blockers: mongo.Collection<Doc>;
  private readonly helpers: mongo.Collection<Doc>;
  private readonly readings: mongo.Collection<Doc>;
  private readonly budgets: mongo.Collection<Doc>;
  private readonly audit: mongo.Collection<Doc>;
  private readonly apiTokens: mongo.Collection<Doc>;
  private readonly invites: mongo.Collection<Doc>;
  private readonly inviteClaims: mongo.Collection<Doc>;
  private readonly links: mongo.Collection<Doc>;
  /** Read only, to find the drafts of rounds still open; rounds hold member ids, no personal data of their own. */
  private readonly rounds: mongo.Collection<Doc>;
  /** The collections this repository reads and erases personal data in. */
  readonly collections: readonly string[];

  constructor(conn: Connection) {
    this.people = raw(personModel(conn));
    this.members = raw(memberModel(conn));
    this.checkins = raw(checkinModel(conn));
    this.drafts = raw(draftHeadModel(conn));
    this.draftTurns = raw(draftTurnModel(conn));
    this.conversations = raw(conversationModel(conn));
    this.blockers = raw(blockerModel(conn));
    this.helpers = raw(blockerHelperModel(conn));
    this.readings = raw(indicatorReadingModel(conn));
    this.budgets = raw(budgetModel(conn));
    this.audit = raw(auditModel(conn));
    this.apiTokens = raw(apiTokenModel(conn));
    this.invites = raw(inviteModel(conn));
    this.inviteClaims = raw(inviteClaimModel(conn));
    this.links = raw(missionLinkModel(conn));
    this.rounds = raw(roundModel(conn));
    this.collections = [
      this.people,
      this.members,
      this.checkins,
      this.drafts,
      this.draftTurns,
      this.conversations,
      this.blockers,
      this.helpers,
      this.readings,
      this.budgets,
      this.audit,
      this.apiTokens,
      this.invites,
      this.inviteClaims,
      this.links,
    ].map((c) => c.collectionName);
  }

  private async memberships(user: UserRef): Promise<Array<{ id: string; missionId: string }>> {
    const docs = await this.members.find({ userKey: userKey(user) }, { projection: { _id: 1, missionId: 1 } }).toArray();
    return docs.map((d) => ({ id: d._id, missionId: String(d.missionId) }));
  }

  /**
   * The ids of the person's drafts: those whose head names them, and theirs in every open round
   * of their missions (a draft's first version can be stored before its head; drafts of closed
   * rounds are deleted when the round closes).
   */
  private async draftIds(key: string, memberships: Array<{ id: string; missionId: string }>): Promise<string[]> {
    const heads = await this.drafts.find({ userKey: key }, { projection: { _id: 1 } }).toArray();
    const open = await this.rounds
      .find({ missionId: { $in: [...new Set(memberships.map((m) => m.missionId))] }, status: 'open' }, { projection: { missionId: 1 } })
      .toArray();
    const inOpenRounds = open.flatMap((r) => memberships.filter((m) => m.missionId === r.missionId).map((m) => checkinId(r._id, m.id)));
    return [...new Set([...heads.map((d) => d._id), ...inOpenRounds])];
  }

  async collect(user: UserRef, at: Date): Promise<PersonalDataExport> {
    const key = userKey(user);
    const memberships = await this.memberships(user);
    const byMember = { $in: memberships.map((m) => m.id) };
    const draftIds = await this.draftIds(key, memberships);
    const [invitesCreated, invitesUsed, linksMade, draftVersions] = await Promise.all([
      this.invites.find(byUser('createdBy', user)).toArray(),
      this.inviteClaims.find(byUser('claimedBy', user)).toArray(),
      this.links.find(byUser('linkedBy', user)).toArray(),
      this.draftTurns.find({ draftId: { $in: draftIds } }).toArray(),
    ]);
    const [
      person,
      memberDocs,
      checkins,
      drafts,
      blockersRaised,
      helpOffered,
      indicatorReadings,
      budgetEntries,
      auditEntries,
      apiTokensIssued,
    ] = await Promise.all([
      this.people.findOne({ _id: key }),
      this.members.find({ userKey: key }).toArray(),
      this.checkins.find({ userKey: key }).toArray(),
      this.drafts.find({ userKey: key }).toArray(),
      this.blockers.find({ ownerMemberId: byMember }).toArray(),
      this.helpers.find({ memberId: byMember }).toArray(),
      this.readings.find({ recordedBy: byMember }).toArray(),
      this.budgets.find({ recordedBy: byMember }).toArray(),
      this.audit.find({ actorKey: key }).toArray(),
      this.apiTokens.find(byUser('createdBy', user), { projection: { secretHash: 0 } }).toArray(),
    ]);
    return {
      user: { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId },
      exportedAt: at.toISOString(),
      person,
      memberships: memberDocs,
      checkins,
      drafts,
      draftVersions,
      blockersRaised,
      helpOffered,
      indicatorReadings,
      budgetEntries,
      auditEntries,
      apiTokensIssued,
      invitesCreated,
      invitesUsed,
      linksMade,
    };
  }

  /**
   * Erases or anonymises everything about a person. Check-ins keep only what `keep` allows
   * (scales and choices), so a mission's counts and averages stay correct.
   */
  async erase(user: UserRef, keep: KeepAnswer): Promise<Record<string, number>> {
    const key = userKey(user);
    const memberships = await this.memberships(user);
    const byMember = { $in: memberships.map((m) => m.id) };
    const anon = `erased:${randomBytes(6).toString('hex')}`;
    const counts: Record<string, number> = {};

    for (const c of await this.checkins.find({ userKey: key }).toArray()) {
      const kept = await keptAnswers(c, keep);
      await this.checkins.updateOne({ _id: c._id }, { $set: { answers: kept, userKey: anon, history: [] } });
      counts.checkins = (counts.checkins ?? 0) + 1;
    }
    // Versions first: a draft is read from its head and then its later versions, so a head
    // deleted before them would let the last version come back.
    const draftIds = await this.draftIds(key, memberships);
    counts.draftVersions = (await this.draftTurns.deleteMany({ draftId: { $in: draftIds } })).deletedCount;
    counts.drafts = (await this.drafts.deleteMany({ userKey: key })).deletedCount;
    counts.conversations = (await this.conversations.deleteMany({ _id: key })).deletedCount;
    counts.blockers = (
      await this.blockers.updateMany(
        { ownerMemberId: byMember },
        {
          $set: { ownerName: ERASED_NAME, text: '[erased at the owner\u2019s request]', 'ownerUser.userId': anon },
          $unset: { helpWanted: 1, ownerOrganisation: 1 },
        },
      )
    ).modifiedCount;
    counts.helpOffered = (
      await this.helpers.updateMany({ memberId: byMember }, { $set: { name: ERASED_NAME }, $unset: { organisation: 1 } })
    ).modifiedCount;
    counts.readings = (await this.readings.updateMany({ recordedBy: byMember }, { $set: { recordedByName: ERASED_NAME } })).modifiedCount;
    counts.audit = (await this.audit.updateMany({ actorKey: key }, { $set: { actorKey: anon } })).modifiedCount;
    counts.apiTokens = (
      await this.apiTokens.updateMany(byUser('createdBy', user), { $set: { 'createdBy.userId': anon }, $unset: { createdByName: 1 } })
    ).modifiedCount;
    counts.invites = (
      await this.invites.updateMany(byUser('createdBy', user), { $set: { 'createdBy.userId': anon, createdByName: ERASED_NAME } })
    ).modifiedCount;
    counts.inviteClaims = (
      await this.inviteClaims.updateMany(byUser('claimedBy', user), { $set: { 'claimedBy.userId': anon } })
    ).modifiedCount;
    counts.links = (
      await this.links.updateMany(byUser('linkedBy', user), { $set: { 'linkedBy.userId': anon, linkedByName: ERASED_NAME } })
    ).modifiedCount;
    counts.memberships = (await this.members.deleteMany({ userKey: key })).deletedCount;
    counts.person = (await this.people.deleteMany({ _id: key })).deletedCount;
    return counts;
  }

  /** Free-text answers older than `before` in one mission, for its retention policy. */
  async expireAnswers(missionId: string, before: Date, keep: KeepAnswer): Promise<number> {
    let n = 0;
    for (const c of await this.checkins.find({ missionId, submittedAt: { $lt: before }, retained: { $ne: true } }).toArray()) {
      const kept = await keptAnswers(c, keep);
      await this.checkins.updateOne({ _id: c._id }, { $set: { answers: kept, history: [], retained: true } });
      n++;
    }
    const stale = await this.drafts.find({ missionId, updatedAt: { $lt: before } }, { projection: { _id: 1 } }).toArray();
    if (stale.length > 0) {
      await this.draftTurns.deleteMany({ draftId: { $in: stale.map((d) => d._id) } });
      await this.drafts.deleteMany({ _id: { $in: stale.map((d) => d._id) } });
    }
    return n;
  }
}

/** A stored check-in's answers (a JSON string) with only those `keep` allows for its round. */
async function keptAnswers(c: Doc, keep: KeepAnswer): Promise<string> {
  const keeps = await keep(String(c.roundId));
  const answers = JSON.parse(String(c.answers ?? '{}')) as Record<string, string>;
  return JSON.stringify(Object.fromEntries(Object.entries(answers).filter(([q]) => keeps(q))));
}
