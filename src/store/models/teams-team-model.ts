import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A Microsoft Teams team the bot was added to: its General channel and the service URL that
 * reaches it, so the bot can post to the team proactively. Deleted when the bot is removed.
 */
export interface TeamsTeamDoc {
  /** `${tenantId}:${teamId}` */
  _id: string;
  tenantId: string;
  teamId: string;
  name?: string;
  /** The General channel's conversation id. */
  channelId: string;
  serviceUrl?: string;
  /** userKey of whoever added the bot, when Teams says. */
  installedBy?: string;
  installedAt: Date;
}

const teamsTeamSchema = new Schema<TeamsTeamDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    teamId: { type: String, required: true },
    name: String,
    channelId: { type: String, required: true },
    serviceUrl: String,
    installedBy: String,
    installedAt: { type: Date, required: true },
  },
  { collection: 'teams_teams', versionKey: false },
);

export function teamsTeamModel(conn: Connection): Model<TeamsTeamDoc> {
  return conn.models.TeamsTeam ?? conn.model<TeamsTeamDoc>('TeamsTeam', teamsTeamSchema);
}
