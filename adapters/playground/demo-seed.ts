import { checkinId, roundId, type Checkin } from '../../src/domain/checkin';
import { userKey, workspaceKey, type UserRef } from '../../src/domain/identity';
import type { Member, Mission } from '../../src/domain/mission';
import { DEFAULT_QUESTIONS, type Answers } from '../../src/domain/questions';
import { DEFAULT_SCHEDULE, nextOpening, roundTimes, type Schedule } from '../../src/domain/schedule';
import { DEFAULT_TIME_ZONE } from '../../src/domain/time-zone';
import { addWeeks, weekKey } from '../../src/domain/week-key';
import { MissionPulseError } from '../../src/errors';
import type { Store } from '../../src/store/store';
import { findPersona, SLACK_CHANNEL, TEAMS_CHANNEL, TEAMS_TENANT_ID, type Persona } from './personas';

/**
 * `npm run dev -- --demo`: one mission homed in Slack and linked to the Teams tenant, with its
 * team from both platforms and twelve weeks of closed rounds, so digests, trends and blocker
 * views have history to show. Written through the store's repositories with deterministic ids;
 * a second run finds the mission and does nothing.
 */
export const DEMO_SLUG = 'ladywood-jobs';
export const DEMO_MISSION_ID = 'msn_demo_ladywood_jobs';
export const DEMO_STATEMENT = 'By 2030, no young person in Ladywood is long-term unemployed';
export const DEMO_WEEKS = 12;

export interface DemoSeedResult {
  created: boolean;
  /** Why nothing was written: seeded on an earlier run, or someone made a mission with the demo's slug. */
  skipped?: 'already-seeded' | 'slug-taken';
  missionId: string;
  slug: string;
  rounds: number;
  checkins: number;
}

interface DemoMember {
  persona: string;
  platform: 'slack' | 'teams';
  role: Member['role'];
  /** Leaning of this person's confidence, added to the team's trend. */
  bias: number;
}

// Two people answer in Slack, two in Teams: one mission across both platforms and four organisations.
const TEAM: DemoMember[] = [
  { persona: 'amira', platform: 'slack', role: 'admin', bias: 0.2 },
  { persona: 'sam', platform: 'slack', role: 'member', bias: 0.5 },
  { persona: 'tom', platform: 'teams', role: 'lead', bias: -0.3 },
  { persona: 'grace', platform: 'teams', role: 'member', bias: -0.1 },
];

const MOVED: Record<string, string[]> = {
  amira: [
    'Matched three young people in temporary accommodation with the employment hub.',
    'Agreed a fast-track housing review for anyone starting an apprenticeship.',
    'Housing officers now ask about work and training at every tenancy visit.',
    'Two families moved out of temporary accommodation closer to their jobs.',
  ],
  sam: [
    'Tuesday drop-in: 22 young people came, six new CVs written.',
    'Two young people started work placements at the Ladywood Co-op.',
    'Youth panel met for the first time and chose its own name.',
    'Mentoring scheme now has 11 volunteer mentors from local businesses.',
  ],
  tom: [
    'Social prescribing referrals from GPs to the jobs programme are live.',
    'Mental health first-aid training at the youth hub: 14 staff and volunteers.',
    'Agreed the wellbeing measure we will report alongside employment.',
    'Pharmacies are displaying the drop-in posters.',
  ],
  grace: [
    'Mapped two years of NEET data by postcode and shared the draft with partners.',
    'Ethics approval granted for the youth panel interviews.',
    'Baseline report on long-term unemployment for under-25s is finished.',
    'Three students placed with partners for the summer evaluation.',
  ],
};

const NEXT = [
  'Follow up with the employers who came to the jobs fair.',
  'Plan the summer programme with the youth panel.',
  'Share the referral numbers at the partnership board.',
  'Draft the case study for the council cabinet report.',
  'Check in with the young people on placements.',
];

const BLOCKERS: Array<{ text: string; severity: 'low' | 'medium' | 'high'; help: string }> = [
  {
    text: 'Data-sharing agreement with the Jobcentre is still unsigned, so we cannot match referrals.',
    severity: 'high',
    help: 'Council information governance team',
  },
  {
    text: 'Bus fares stop young people getting to interviews in the city centre.',
    severity: 'medium',
    help: 'Transport for West Midlands',
  },
  { text: 'No room at the library for the drop-in during the summer.', severity: 'low', help: 'Anyone with a free community room' },
  { text: 'Waiting for access to the council case system for two months now.', severity: 'medium', help: 'Council IT service desk' },
];

const STORIES = [
  'A young man we met in the first week starts an apprenticeship at the hospital on Monday.',
  'The youth panel asked for evening sessions, and attendance doubled when we moved them.',
  'A mum told us her daughter is the first in the family to have a contract of employment.',
  'Employers said the mentoring made the difference at interview.',
];

/** A small seeded generator, so every demo database tells the same story. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: T[], r: () => number): T => items[Math.floor(r() * items.length)];

function userOf(p: Persona, platform: 'slack' | 'teams', slackTeamId: string): UserRef {
  return platform === 'slack'
    ? { platform, workspaceId: slackTeamId, userId: p.slack.userId }
    : { platform, workspaceId: TEAMS_TENANT_ID, userId: p.teams.id };
}

function answersFor(member: DemoMember, week: number, r: () => number): Answers {
  // Confidence climbs from about 2.5 to 4 over the weeks, with each person's leaning and noise.
  const trend = 2.5 + (1.5 * week) / (DEMO_WEEKS - 1);
  const confidence = Math.min(5, Math.max(1, Math.round(trend + member.bias + (r() - 0.5) * 1.4)));
  const answers: Answers = {
    moved: pick(MOVED[member.persona], r),
    next: pick(NEXT, r),
    confidence: String(confidence),
  };
  if (r() < 0.25) {
    const b = pick(BLOCKERS, r);
    answers.blocker = b.text;
    answers.blocker_severity = b.severity;
    answers.blocker_help = b.help;
  }
  if (r() < 0.2) answers.story = pick(STORIES, r);
  return answers;
}

/** `teamsServiceUrl`: the Bot Connector's address, needed to post to the Teams channel. */
export async function seedDemo(store: Store, opts: { now: Date; slackTeamId: string; teamsServiceUrl?: string }): Promise<DemoSeedResult> {
  const home = { platform: 'slack' as const, workspaceId: opts.slackTeamId };
  const skipped = (why: DemoSeedResult['skipped']): DemoSeedResult => ({
    created: false,
    skipped: why,
    missionId: DEMO_MISSION_ID,
    slug: DEMO_SLUG,
    rounds: 0,
    checkins: 0,
  });
  if (await store.missions.findById(DEMO_MISSION_ID)) return skipped('already-seeded');

  const schedule: Schedule = { ...DEFAULT_SCHEDULE };
  const timeZone = DEFAULT_TIME_ZONE;
  const createdAt = new Date(opts.now.getTime() - (DEMO_WEEKS + 1) * 7 * 24 * 3600_000);
  const admin = findPersona('amira')!;
  let mission: Mission;
  try {
    mission = await store.missions.insert(
      {
        id: DEMO_MISSION_ID,
        home,
        slug: DEMO_SLUG,
        statement: DEMO_STATEMENT,
        targetDate: '2030-12-31',
        place: 'Ladywood, Birmingham',
        timeZone,
        digestChannel: { platform: 'slack', workspaceId: opts.slackTeamId, conversationId: SLACK_CHANNEL.id, kind: 'channel' },
        schedule,
        questions: DEFAULT_QUESTIONS,
        nextOpenAt: nextOpening(schedule, timeZone, opts.now).opensAt,
        createdBy: userOf(admin, 'slack', opts.slackTeamId),
      },
      createdAt,
    );
  } catch (e) {
    if (e instanceof MissionPulseError && e.code === 'CONFLICT') return skipped('slug-taken');
    throw e;
  }
  // The Teams tenant is linked to the Slack-homed mission, as `mission join` would do, with the
  // Teams channel as its digest channel: digests and alerts go to both panes.
  const teamsWs = { platform: 'teams' as const, workspaceId: TEAMS_TENANT_ID };
  const tom = findPersona('tom')!;
  await store.missionLinks.insert({
    missionId: mission.id,
    workspace: teamsWs,
    workspaceKey: workspaceKey(teamsWs),
    linkedBy: userOf(tom, 'teams', opts.slackTeamId),
    linkedByName: tom.name,
    linkedAt: createdAt,
    invitedBy: userOf(admin, 'slack', opts.slackTeamId),
    ...(opts.teamsServiceUrl
      ? {
          digestChannel: {
            ...teamsWs,
            conversationId: TEAMS_CHANNEL.channelId,
            kind: 'channel' as const,
            serviceUrl: opts.teamsServiceUrl,
          },
        }
      : {}),
  });
  await store.missions.addWorkspace(mission.id, workspaceKey(teamsWs), createdAt);
  await store.audit.record(mission.id, userOf(admin, 'slack', opts.slackTeamId), 'mission.create', createdAt, undefined, {
    slug: DEMO_SLUG,
    statement: DEMO_STATEMENT,
    seeded: 'demo',
  });

  const { added } = await store.members.insertNew(
    mission.id,
    TEAM.map((m) => {
      const p = findPersona(m.persona)!;
      return { user: userOf(p, m.platform, opts.slackTeamId), displayName: p.name, organisation: p.organisation, role: m.role };
    }),
    createdAt,
  );
  const byPersona = new Map(
    TEAM.map((m) => [m.persona, added.find((a) => a.userId === userOf(findPersona(m.persona)!, m.platform, opts.slackTeamId).userId)]),
  );

  const r = random(2030);
  const current = weekKey(opts.now, timeZone);
  let rounds = 0;
  let checkins = 0;
  for (let week = 0; week < DEMO_WEEKS; week++) {
    const key = addWeeks(current, week - DEMO_WEEKS);
    const times = roundTimes(schedule, timeZone, key);
    if (times.closesAt.getTime() > opts.now.getTime()) continue;
    const id = roundId(mission.id, key);
    const inserted = await store.rounds.insert({
      id,
      missionId: mission.id,
      weekKey: key,
      status: 'closed',
      ...times,
      questions: DEFAULT_QUESTIONS,
      asked: added.map((m) => m.id),
      away: [],
    });
    if (!inserted) continue;
    await store.rounds.markClosed(id, times.closesAt);
    rounds += 1;
    for (const m of TEAM) {
      const member = byPersona.get(m.persona);
      if (!member) continue;
      const roll = r();
      if (roll < 0.12) continue; // did not answer this week
      const skipped = roll < 0.18;
      const checkin: Omit<Checkin, 'history'> = {
        id: checkinId(id, member.id),
        roundId: id,
        missionId: mission.id,
        memberId: member.id,
        userKey: userKey(member),
        status: skipped ? 'skipped' : 'answered',
        answers: skipped ? {} : answersFor(m, week, r),
        late: false,
        submittedAt: new Date(times.opensAt.getTime() + Math.floor(r() * 48) * 3600_000 + 17 * 60_000),
      };
      if (await store.checkins.insert(checkin)) checkins += 1;
    }
  }
  return { created: true, missionId: mission.id, slug: DEMO_SLUG, rounds, checkins };
}
