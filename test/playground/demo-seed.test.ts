import { DEMO_SLUG, DEMO_STATEMENT, seedDemo, TEAMS_TENANT_ID } from '../../adapters/playground';
import { DEFAULT_QUESTIONS } from '../../src/domain/questions';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import { openStore, type Store } from '../../src/store/store';
import { testDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let store: Store;
const now = new Date('2026-11-26T12:00:00Z');
const slack = { platform: 'slack' as const, workspaceId: 'T0MISSION' };
const teams = { platform: 'teams' as const, workspaceId: TEAMS_TENANT_ID };

beforeAll(async () => {
  db = await testDatabase('playground_demo');
  store = await openStore(db.uri, db.dbName);
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

describe('npm run dev -- --demo', () => {
  it('seeds one mission across Slack and Teams with twelve weeks of closed rounds and varied check-ins', async () => {
    const result = await seedDemo(store, { now, slackTeamId: slack.workspaceId });
    expect(result).toMatchObject({ created: true, slug: DEMO_SLUG, rounds: 12 });

    const fromSlack = await store.missions.findBySlug(slack, DEMO_SLUG);
    const fromTeams = await store.missions.findBySlug(teams, DEMO_SLUG);
    expect(fromSlack?.statement).toBe(DEMO_STATEMENT);
    expect(fromTeams?.id).toBe(fromSlack?.id);

    const members = await store.members.listByMission(result.missionId);
    expect(new Set(members.map((m) => m.platform))).toEqual(new Set(['slack', 'teams']));
    expect(new Set(members.map((m) => m.organisation)).size).toBe(4);
    expect(members.filter((m) => m.role === 'admin')).toHaveLength(1);

    const rounds = await store.rounds.latest(result.missionId, 50);
    expect(rounds).toHaveLength(12);
    expect(rounds.every((r) => r.status === 'closed' && r.closedAt && r.closesAt <= now)).toBe(true);
    const checkins = (await Promise.all(rounds.map((r) => store.checkins.listByRound(r.id)))).flat();
    expect(checkins.length).toBe(result.checkins);
    const answered = checkins.filter((c) => c.status === 'answered');
    // Enough history for trends: most people answer most weeks, with a spread of confidence, some blockers and stories.
    expect(answered.length).toBeGreaterThan(30);
    expect(new Set(answered.map((c) => c.answers.confidence)).size).toBeGreaterThanOrEqual(3);
    expect(answered.some((c) => c.answers.blocker_severity === 'high')).toBe(true);
    expect(answered.some((c) => c.answers.story)).toBe(true);
    expect(checkins.length).toBeLessThan(12 * members.length);
  });

  it('does nothing the second time', async () => {
    const before = (await store.rounds.latest('msn_demo_ladywood_jobs', 50)).length;
    const again = await seedDemo(store, { now: new Date(now.getTime() + 7 * 24 * 3600_000), slackTeamId: slack.workspaceId });
    expect(again).toMatchObject({ created: false, skipped: 'already-seeded', rounds: 0, checkins: 0 });
    expect(await store.rounds.latest(again.missionId, 50)).toHaveLength(before);
  });

  it("leaves alone a mission someone already made with the demo's slug", async () => {
    const other = await testDatabase('playground_demo_taken');
    const otherStore = await openStore(other.uri, other.dbName);
    try {
      const actor = { ...slack, userId: 'U0SAM' };
      await otherStore.missions.insert(
        {
          id: 'msn_hand_made',
          home: slack,
          slug: DEMO_SLUG,
          statement: 'Our own mission',
          timeZone: 'Europe/London',
          schedule: { ...DEFAULT_SCHEDULE },
          questions: DEFAULT_QUESTIONS,
          createdBy: actor,
        },
        now,
      );
      expect(await seedDemo(otherStore, { now, slackTeamId: slack.workspaceId })).toMatchObject({ created: false, skipped: 'slug-taken' });
      expect((await otherStore.missions.findBySlug(slack, DEMO_SLUG))?.statement).toBe('Our own mission');
    } finally {
      await otherStore.close();
      await other.drop();
    }
  });
});
