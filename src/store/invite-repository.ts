import type { Connection, Model } from 'mongoose';
import type { Platform, UserRef } from '../domain/identity';
import type { InviteClaim, MissionInvite } from '../domain/mission-link';
import { isDuplicateKey } from '../errors';
import { inviteClaimModel, inviteModel, type InviteClaimDoc, type InviteDoc } from './models/invite-model';

const userOf = (u: { platform: string; workspaceId: string; userId: string }): UserRef => ({
  platform: u.platform as Platform,
  workspaceId: u.workspaceId,
  userId: u.userId,
});

/** Invite codes (by hash) and their single use. */
export class InviteRepository {
  private readonly invites: Model<InviteDoc>;
  private readonly claims: Model<InviteClaimDoc>;

  constructor(conn: Connection) {
    this.invites = inviteModel(conn);
    this.claims = inviteClaimModel(conn);
  }

  async insert(invite: MissionInvite): Promise<void> {
    await this.invites.create({
      _id: invite.id,
      missionId: invite.missionId,
      createdBy: userOf(invite.createdBy),
      createdByName: invite.createdByName,
      createdAt: invite.createdAt,
      expiresAt: invite.expiresAt,
    });
  }

  async get(id: string): Promise<MissionInvite | undefined> {
    const d = await this.invites.findById(id).lean<InviteDoc>().exec();
    return d
      ? {
          id: d._id,
          missionId: d.missionId,
          createdBy: userOf(d.createdBy),
          createdByName: d.createdByName,
          createdAt: d.createdAt,
          expiresAt: d.expiresAt,
        }
      : undefined;
  }

  /** Uses the code: true for exactly one caller per code, ever. */
  async claim(c: InviteClaim): Promise<boolean> {
    try {
      await this.claims.create({
        _id: c.id,
        missionId: c.missionId,
        workspaceKey: c.workspaceKey,
        claimedBy: userOf(c.claimedBy),
        at: c.at,
      });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  async getClaim(id: string): Promise<InviteClaim | undefined> {
    const d = await this.claims.findById(id).lean<InviteClaimDoc>().exec();
    return d ? { id: d._id, missionId: d.missionId, workspaceKey: d.workspaceKey, claimedBy: userOf(d.claimedBy), at: d.at } : undefined;
  }
}
