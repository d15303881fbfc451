import { channelThreadId } from '../stand-ins/teams';

/**
 * The pretend workplace: four people from four organisations, each with an account in one Slack
 * workspace and one Microsoft 365 tenant, as partners on a real mission team often have.
 */
export interface Persona {
  /** Short handle, also what people type after `@` to mention them. */
  id: string;
  name: string;
  role: string;
  organisation: string;
  slack: { userId: string; userName: string };
  teams: { id: string; aadObjectId: string };
}

export const PERSONAS: readonly Persona[] = [
  {
    id: 'amira',
    name: 'Amira Haddad',
    role: 'Housing Officer',
    organisation: 'Birmingham City Council',
    slack: { userId: 'U0AMIRA', userName: 'amira.haddad' },
    teams: { id: '29:1amira-haddad-playground', aadObjectId: '0a3c7e51-2b4d-4f60-9a1e-00000000a001' },
  },
  {
    id: 'tom',
    name: 'Tom Reilly',
    role: 'Public Health Lead',
    organisation: 'Ladywood Health Partnership',
    slack: { userId: 'U0TOM', userName: 'tom.reilly' },
    teams: { id: '29:1tom-reilly-playground', aadObjectId: '0a3c7e51-2b4d-4f60-9a1e-00000000a002' },
  },
  {
    id: 'grace',
    name: 'Dr Grace Mensah',
    role: 'Civic University Researcher',
    organisation: 'Midlands Civic University',
    slack: { userId: 'U0GRACE', userName: 'grace.mensah' },
    teams: { id: '29:1grace-mensah-playground', aadObjectId: '0a3c7e51-2b4d-4f60-9a1e-00000000a003' },
  },
  {
    id: 'sam',
    name: 'Sam Okoro',
    role: 'Community Worker',
    organisation: 'Ladywood Community Trust',
    slack: { userId: 'U0SAM', userName: 'sam.okoro' },
    teams: { id: '29:1sam-okoro-playground', aadObjectId: '0a3c7e51-2b4d-4f60-9a1e-00000000a004' },
  },
];

/** The one Slack channel of the workplace. */
export const SLACK_CHANNEL = { id: 'C0MISSION', name: 'ladywood-mission' } as const;

/** The Microsoft 365 tenant and the one Teams channel of the workplace. */
export const TEAMS_TENANT_ID = '5f0c1b2a-7d3e-4c8f-9b6a-1adb00d2030a';
export const TEAMS_CHANNEL = {
  teamId: channelThreadId('playground:team'),
  teamName: 'Ladywood Partnership',
  channelId: channelThreadId('playground:general'),
  channelName: 'General',
} as const;

export function findPersona(id: string): Persona | undefined {
  return PERSONAS.find((p) => p.id === id);
}
