import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { userKey, type UserRef } from '../domain/identity';

/**
 * Every place personal data lives, in one repository, so that a subject access request and an
 * erasure cannot miss a collection. A new collection holding personal data must be added here
 * (test/integration/privacy.test.ts checks each one).
 */
export const ERASED_NAME = 'Erased member';

type Doc = Record<string, unknown>;

export interface PersonalDataExport {
  user: UserRef;
  exportedAt: string;
  person: Doc | null;
  memberships: Doc[];
  checkins: Doc[];
  drafts: Doc[];
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

export class PersonalDataRepository {
  constructor(private readonly conn: Connection) {}

  private col(name: string) {
    const db = this.conn.db;
    if (!db) throw new Error('database not connected');
    return db.collection<Doc>(name);
  }

  async memberIds(user: UserRef): Promise<string[]> {
    return (
      await this.col('members')
        .find({ userKey: userKey(user) }, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => String(d._id));
  }

  async collect(user: UserRef, at: Date): Promise<PersonalDataExport> {
    const key = userKey(user);
    const ids = await this.memberIds(user);
    const byMember = { $in: ids };
    const by = (field: string) => ({
      [`${field}.platform`]: user.platform,
      [`${field}.workspaceId`]: user.workspaceId,
      [`${field}.userId`]: user.userId,
    });
    const [invitesCreated, invitesUsed, linksMade] = await Promise.all([
      this.col('invites').find(by('createdBy')).toArray(),
      this.col('invite_claims').find(by('claimedBy')).toArray(),
      this.col('mission_links').find(by('linkedBy')).toArray(),
    ]);
    const [
      person,
      memberships,
      checkins,
      drafts,
      blockersRaised,
      helpOffered,
      indicatorReadings,
      budgetEntries,
      auditEntries,
      apiTokensIssued,
    ] = await Promise.all([
      this.col('people').findOne({ _id: key } as Doc),
      this.col('members').find({ userKey: key }).toArray(),
      this.col('checkins').find({ userKey: key }).toArray(),
      this.col('checkin_drafts').find({ userKey: key }).toArray(),
      this.col('blockers').find({ ownerMemberId: byMember }).toArray(),
      this.col('blocker_helpers').find({ memberId: byMember }).toArray(),
      this.col('indicator_readings').find({ recordedBy: byMember }).toArray(),
      this.col('budget_alignment').find({ recordedBy: byMember }).toArray(),
      this.col('audit').find({ actorKey: key }).toArray(),
      this.col('api_tokens')
        .find(
          { 'createdBy.platform': user.platform, 'createdBy.workspaceId': user.workspaceId, 'createdBy.userId': user.userId },
          { projection: { secretHash: 0 } },
        )
        .toArray(),
    ]);
    return {
      user: { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId },
      exportedAt: at.toISOString(),
      person,
      memberships,
      checkins,
      drafts,
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
    const ids = await this.memberIds(user);
    const byMember = { $in: ids };
    const anon = `erased:${randomBytes(6).toString('hex')}`;
    const counts: Record<string, number> = {};

    for (const c of await this.col('checkins').find({ userKey: key }).toArray()) {
      const keeps = await keep(String(c.roundId));
      const answers = JSON.parse(String(c.answers ?? '{}')) as Record<string, string>;
      const kept = Object.fromEntries(Object.entries(answers).filter(([q]) => keeps(q)));
      await this.col('checkins').updateOne({ _id: c._id }, { $set: { answers: JSON.stringify(kept), userKey: anon, history: [] } });
      counts.checkins = (counts.checkins ?? 0) + 1;
    }
    counts.drafts = (await this.col('checkin_drafts').deleteMany({ userKey: key })).deletedCount;
    counts.conversations = (await this.col('checkin_conversations').deleteMany({ _id: key } as Doc)).deletedCount;
    counts.blockers = (
      await this.col('blockers').updateMany(
        { ownerMemberId: byMember },
        {
          $set: { ownerName: ERASED_NAME, text: '[erased at the owner\u2019s request]', 'ownerUser.userId': anon },
          $unset: { helpWanted: 1, ownerOrganisation: 1 },
        },
      )
    ).modifiedCount;
    counts.helpOffered = (
      await this.col('blocker_helpers').updateMany({ memberId: byMember }, { $set: { name: ERASED_NAME }, $unset: { organisation: 1 } })
    ).modifiedCount;
    counts.readings = (
      await this.col('indicator_readings').updateMany({ recordedBy: byMember }, { $set: { recordedByName: ERASED_NAME } })
    ).modifiedCount;
    counts.audit = (await this.col('audit').updateMany({ actorKey: key }, { $set: { actorKey: anon } })).modifiedCount;
    counts.apiTokens = (
      await this.col('api_tokens').updateMany(
        { 'createdBy.platform': user.platform, 'createdBy.workspaceId': user.workspaceId, 'createdBy.userId': user.userId },
        { $set: { 'createdBy.userId': anon }, $unset: { createdByName: 1 } },
      )
    ).modifiedCount;
    const by = (field: string) => ({
      [`${field}.platform`]: user.platform,
      [`${field}.workspaceId`]: user.workspaceId,
      [`${field}.userId`]: user.userId,
    });
    counts.invites = (
      await this.col('invites').updateMany(by('createdBy'), { $set: { 'createdBy.userId': anon, createdByName: ERASED_NAME } })
    ).modifiedCount;
    counts.inviteClaims = (
      await this.col('invite_claims').updateMany(by('claimedBy'), { $set: { 'claimedBy.userId': anon } })
    ).modifiedCount;
    counts.links = (
      await this.col('mission_links').updateMany(by('linkedBy'), { $set: { 'linkedBy.userId': anon, linkedByName: ERASED_NAME } })
    ).modifiedCount;
    counts.outbox = (await this.col('outbox_items').deleteMany({ userKey: key })).deletedCount;
    counts.memberships = (await this.col('members').deleteMany({ userKey: key })).deletedCount;
    counts.person = (await this.col('people').deleteMany({ _id: key } as Doc)).deletedCount;
    return counts;
  }

  /** Free-text answers older than `before` in one mission, for its retention policy. */
  async expireAnswers(missionId: string, before: Date, keep: KeepAnswer): Promise<number> {
    let n = 0;
    for (const c of await this.col('checkins')
      .find({ missionId, submittedAt: { $lt: before }, retained: { $ne: true } })
      .toArray()) {
      const keeps = await keep(String(c.roundId));
      const answers = JSON.parse(String(c.answers ?? '{}')) as Record<string, string>;
      const kept = Object.fromEntries(Object.entries(answers).filter(([q]) => keeps(q)));
      await this.col('checkins').updateOne({ _id: c._id }, { $set: { answers: JSON.stringify(kept), history: [], retained: true } });
      n++;
    }
    await this.col('checkin_drafts').deleteMany({ missionId, updatedAt: { $lt: before } });
    return n;
  }
}
