import type { Connection, Model } from 'mongoose';
import type { ConversationRef } from '../domain/identity';
import { isDuplicateKey } from '../errors';
import { stripUndefined } from './strip-undefined';
import { teamsTeamModel, type TeamsTeamDoc } from './models/teams-team-model';

export interface TeamsTeam {
  tenantId: string;
  teamId: string;
  name?: string;
  /** The General channel, with the service URL for proactive posts. */
  channel: ConversationRef;
  installedBy?: string;
  installedAt: Date;
}

const teamKey = (tenantId: string, teamId: string): string => `${tenantId}:${teamId}`;

/** The `teams_teams` collection: where the bot was added to a team. */
export class TeamsTeamRepository {
  private readonly model: Model<TeamsTeamDoc>;

  constructor(conn: Connection) {
    this.model = teamsTeamModel(conn);
  }

  async remember(team: Omit<TeamsTeam, 'installedAt'>, at: Date): Promise<void> {
    const fields = stripUndefined({
      tenantId: team.tenantId,
      teamId: team.teamId,
      name: team.name,
      channelId: team.channel.conversationId,
      serviceUrl: team.channel.serviceUrl,
      installedBy: team.installedBy,
      installedAt: at,
    });
    try {
      await this.model.create({ _id: teamKey(team.tenantId, team.teamId), ...fields });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await this.model.updateOne({ _id: teamKey(team.tenantId, team.teamId) }, { $set: fields }).exec();
    }
  }

  async get(tenantId: string, teamId: string): Promise<TeamsTeam | undefined> {
    const d = await this.model.findById(teamKey(tenantId, teamId)).lean<TeamsTeamDoc>().exec();
    if (!d) return undefined;
    return stripUndefined({
      tenantId: d.tenantId,
      teamId: d.teamId,
      name: d.name,
      channel: stripUndefined({
        platform: 'teams' as const,
        workspaceId: d.tenantId,
        conversationId: d.channelId,
        kind: 'channel' as const,
        serviceUrl: d.serviceUrl,
      }),
      installedBy: d.installedBy,
      installedAt: d.installedAt,
    });
  }

  /** Returns whether there was a record to forget. */
  async forget(tenantId: string, teamId: string): Promise<boolean> {
    const res = await this.model.deleteOne({ _id: teamKey(tenantId, teamId) }).exec();
    return res.deletedCount > 0;
  }
}
