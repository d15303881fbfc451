import type { ConversationRef, UserRef } from '../../../src/domain/identity';
import { personalConversationId } from '../../../adapters/stand-ins/teams';
import { DEFAULT_SLACK_TEAM_ID } from '../../../adapters/stand-ins/slack';

/**
 * How a county's people spread over the platforms. The bot serves one Slack workspace (one bot
 * token) and any number of Teams tenants (one multi-tenant app): partners on Slack share the
 * workspace, each public body on Teams has its own tenant.
 */
export interface CountyLayout {
  missions: number;
  /** Memberships; each is a different person, so each gets one prompt per round. */
  members: number;
  /** Share of missions (and so of members) homed on Slack. */
  slackShare: number;
  teamsTenants: number;
  /** The Bot Connector stand-in's address: Teams conversation references carry it. */
  serviceUrl: string;
}

export interface CountyMission {
  index: number;
  id: string;
  slug: string;
  home: { platform: 'slack' | 'teams'; workspaceId: string };
  digestChannel: ConversationRef;
  members: CountyPerson[];
}

export interface CountyPerson {
  user: UserRef;
  name: string;
  organisation: string;
  role: 'admin' | 'lead' | 'member';
  /** Teams people are reachable through a stored DM (they installed the app); Slack needs none. */
  dm?: ConversationRef;
}

const ORGANISATIONS = [
  'County Council',
  'District Council',
  'NHS Trust',
  'University',
  'Police',
  'Fire and Rescue',
  'Housing Association',
  'Chamber of Commerce',
  'Community Trust',
  'College',
];

export const tenantId = (t: number): string => `bench-tenant-${String(t).padStart(2, '0')}`;

function pad(n: number, width = 5): string {
  return String(n).padStart(width, '0');
}

/** Missions 0..k-1 go to Slack (k = share x missions), the rest round-robin over the tenants. */
export function homeOf(layout: CountyLayout, index: number): CountyMission['home'] {
  const slackMissions = Math.round(layout.missions * layout.slackShare);
  if (index < slackMissions) return { platform: 'slack', workspaceId: DEFAULT_SLACK_TEAM_ID };
  return { platform: 'teams', workspaceId: tenantId((index - slackMissions) % layout.teamsTenants) };
}

/** The whole county, deterministic for a layout: missions with their members. */
export function county(layout: CountyLayout): CountyMission[] {
  const out: CountyMission[] = [];
  let person = 0;
  for (let i = 0; i < layout.missions; i++) {
    const home = homeOf(layout, i);
    // Spread members evenly: mission i gets floor((i+1)·M/N) − floor(i·M/N).
    const count = Math.floor(((i + 1) * layout.members) / layout.missions) - Math.floor((i * layout.members) / layout.missions);
    const members: CountyPerson[] = [];
    for (let j = 0; j < count; j++, person++) {
      const org = ORGANISATIONS[(person * 7 + j) % ORGANISATIONS.length];
      const role = j === 0 ? 'admin' : j === 1 ? 'lead' : 'member';
      if (home.platform === 'slack') {
        const userId = `UB${pad(person, 6)}`;
        members.push({
          user: { platform: 'slack', workspaceId: home.workspaceId, userId },
          name: `Person ${person}`,
          organisation: org,
          role,
        });
      } else {
        const userId = `29:bench-${pad(person, 6)}`;
        const dm: ConversationRef = {
          platform: 'teams',
          workspaceId: home.workspaceId,
          conversationId: personalConversationId(userId, home.workspaceId),
          kind: 'dm',
          serviceUrl: layout.serviceUrl,
        };
        members.push({
          user: { platform: 'teams', workspaceId: home.workspaceId, userId },
          name: `Person ${person}`,
          organisation: org,
          role,
          dm,
        });
      }
    }
    const digestChannel: ConversationRef =
      home.platform === 'slack'
        ? { platform: 'slack', workspaceId: home.workspaceId, conversationId: `CB${pad(i)}`, kind: 'channel' }
        : {
            platform: 'teams',
            workspaceId: home.workspaceId,
            conversationId: `19:bench-${pad(i)}@thread.tacv2`,
            kind: 'channel',
            serviceUrl: layout.serviceUrl,
          };
    out.push({ index: i, id: `mission_bench_${pad(i)}`, slug: `mission-${pad(i)}`, home, digestChannel, members });
  }
  return out;
}
