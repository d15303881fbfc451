import type { Connection, Model } from 'mongoose';
import type { ConversationRef, Platform, UserRef } from '../domain/identity';
import { missionLinkId, type MissionLink } from '../domain/mission-link';
import { isDuplicateKey } from '../errors';
import { missionLinkModel, type MissionLinkDoc } from './models/mission-link-model';
import { toConversation, type MissionChannelField } from './stored-conversation';
import { stripUndefined } from './strip-undefined';

const userOf = (u: { platform: string; workspaceId: string; userId: string }): UserRef => ({
  platform: u.platform as Platform,
  workspaceId: u.workspaceId,
  userId: u.userId,
});

function toLink(d: MissionLinkDoc): MissionLink {
  const digestChannel = toConversation(d.digestChannel);
  const alertChannel = toConversation(d.alertChannel);
  return {
    missionId: d.missionId,
    workspace: { platform: d.workspace.platform as Platform, workspaceId: d.workspace.workspaceId },
    workspaceKey: d.workspaceKey,
    linkedBy: userOf(d.linkedBy),
    linkedByName: d.linkedByName,
    linkedAt: d.linkedAt,
    ...(d.invitedBy ? { invitedBy: userOf(d.invitedBy) } : {}),
    ...(digestChannel ? { digestChannel } : {}),
    ...(alertChannel ? { alertChannel } : {}),
  };
}

/** The workspaces linked to missions, one document per mission and workspace. */
export class MissionLinkRepository {
  private readonly model: Model<MissionLinkDoc>;

  constructor(conn: Connection) {
    this.model = missionLinkModel(conn);
  }

  /** False when the workspace is already linked to the mission. */
  async insert(link: MissionLink): Promise<boolean> {
    try {
      await this.model.create(
        stripUndefined({
          _id: missionLinkId(link.missionId, link.workspaceKey),
          missionId: link.missionId,
          workspace: { platform: link.workspace.platform, workspaceId: link.workspace.workspaceId },
          workspaceKey: link.workspaceKey,
          linkedBy: userOf(link.linkedBy),
          linkedByName: link.linkedByName,
          linkedAt: link.linkedAt,
          invitedBy: link.invitedBy ? userOf(link.invitedBy) : undefined,
          digestChannel: link.digestChannel ? stripUndefined({ ...link.digestChannel }) : undefined,
          alertChannel: link.alertChannel ? stripUndefined({ ...link.alertChannel }) : undefined,
        }),
      );
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  async get(missionId: string, workspaceKey: string): Promise<MissionLink | undefined> {
    const d = await this.model.findById(missionLinkId(missionId, workspaceKey)).lean<MissionLinkDoc>().exec();
    return d ? toLink(d) : undefined;
  }

  /** The links of these workspaces (the mission's `workspaceKeys` less its home), by _id. */
  async listForMission(missionId: string, workspaceKeys: string[]): Promise<MissionLink[]> {
    if (workspaceKeys.length === 0) return [];
    const ids = workspaceKeys.map((k) => missionLinkId(missionId, k));
    const docs = await this.model
      .find({ _id: { $in: ids } })
      .lean<MissionLinkDoc[]>()
      .exec();
    return docs.map(toLink).sort((a, b) => a.linkedAt.getTime() - b.linkedAt.getTime());
  }

  async setChannel(missionId: string, workspaceKey: string, field: MissionChannelField, channel: ConversationRef): Promise<boolean> {
    const r = await this.model
      .updateOne({ _id: missionLinkId(missionId, workspaceKey) }, { $set: { [field]: stripUndefined({ ...channel }) } })
      .exec();
    return r.matchedCount > 0;
  }

  async remove(missionId: string, workspaceKey: string): Promise<void> {
    await this.model.deleteOne({ _id: missionLinkId(missionId, workspaceKey) }).exec();
  }
}
