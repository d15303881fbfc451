import pino from 'pino';
import type { CheckinRound } from '../../src/domain/checkin';
import { memberId, type Mission } from '../../src/domain/mission';
import type { DigestInput } from '../../src/domain/digest-types';
import { createRuntime } from '../../src/runtime';
import type { QueryShapes } from '../../src/store/query-shapes';
import { readShapes } from '../../src/store/read-shapes';
import { openStore, type Store } from '../../src/store/store';
import { command, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { testEngine } from '../support/test-engine';

/**
 * The store reads a round's check-ins, missions by id and people by key in one of two shapes,
 * a strategy chosen when it opens (src/store/read-shapes.ts): parallel `_id` lookups where the
 * server scans for anything else (FerretDB on SQLite), one query on an index or with `$in`
 * elsewhere (MongoDB, FerretDB on PostgreSQL). Both must give the same answers: this reads one
 * set of data both ways, on whichever engine the run chose, through each strategy and through
 * a store and digest opened with each, and checks the shape the store picks by itself.
 */
let h: CoreHarness;
const admin = slackUser('U_ADMIN', 'T1', 'Amira Khan');
const ben = slackUser('U_BEN', 'T1', 'Ben Okri');
const chi = slackUser('U_CHI', 'T1', 'Chi Obi');
const dee = slackUser('U_DEE', 'T1', 'Dee Ray');
let jobs: Mission;
let homes: Mission;
let round: CheckinRound;
/** Everyone's people key, and one nobody has. */
const everyoneKeys = [admin, ben, chi, dee].map((u) => `slack:T1:${u.userId}`).concat('slack:T1:U_NOBODY');

const answers = {
  moved: 'Careers fair booked',
  next: 'Follow up',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

beforeAll(async () => {
  h = await startCore('read_shapes', new Date('2026-11-27T10:00:00Z'));
  const where = { platform: 'slack', workspaceId: 'T1' } as const;
  await command(h, admin, 'mission create "Every young person in Ladywood in work or training" slug=ladywood-jobs');
  await command(h, admin, 'mission create "Every family in Ladywood in a warm, dry home" slug=warm-homes');
  await command(h, admin, 'mission add ladywood-jobs <@U_BEN> <@U_CHI> <@U_DEE> <@U_EVE> org="Birmingham City Council"', undefined, {
    U_BEN: 'Ben Okri',
    U_CHI: 'Chi Obi',
    U_DEE: 'Dee Ray',
    U_EVE: 'Eve Arnold',
  });
  jobs = (await h.store.missions.findBySlug(where, 'ladywood-jobs'))!;
  homes = (await h.store.missions.findBySlug(where, 'warm-homes'))!;
  await command(h, admin, 'mission checkin-now ladywood-jobs');
  round = (await h.store.rounds.findOpen(jobs.id))!;
  // Ben answers, Chi skips, Dee goes away without answering, Eve says nothing.
  await h.core.onFormSubmit({ actor: ben, formId: 'checkin', state: round.id, values: answers });
  await command(h, chi, 'checkin skip ladywood-jobs');
  await command(h, dee, 'checkin away until=2026-12-20');
});
afterAll(async () => {
  await h.close();
});

/** What each shape reads, in an order that does not depend on the shape. */
async function readAll(shapes: QueryShapes): Promise<{ missions: string[]; checkins: string[]; people: string[]; digest: DigestInput }> {
  const store: Store = await openStore(h.db.uri, h.db.dbName, { queries: shapes });
  const runtime = await createRuntime({ store, clock: h.clock, logger: pino({ level: 'silent' }) });
  try {
    expect(store.readShapes.name).toBe(shapes);
    const missions = (await store.missions.findByIds([homes.id, 'mission-that-never-was', jobs.id])).map((m) => m.slug).sort();
    const checkins = (await store.checkins.listByRound(round)).map((c) => `${c.memberId} ${c.status}`).sort();
    const people = [...(await store.people.getMany(everyoneKeys)).values()].map((p) => `${p.key} ${p.awayUntil ?? 'here'}`).sort();
    const digest = await runtime.services.digests.load(jobs, round);
    digest.checkins.sort((a, b) => a.id.localeCompare(b.id));
    return { missions, checkins, people, digest };
  } finally {
    await runtime.stop({ deadlineMs: 2000 });
    await store.close();
  }
}

describe('the two read shapes', () => {
  it('give the same missions, check-ins and digest', async () => {
    const byId = await readAll('id-lookups');
    const indexed = await readAll('indexed');
    expect(indexed).toEqual(byId);

    expect(byId.missions).toEqual(['ladywood-jobs', 'warm-homes']);
    expect(byId.checkins).toEqual([`${memberId(jobs.id, ben)} answered`, `${memberId(jobs.id, chi)} skipped`]);
    expect(byId.people).toContain('slack:T1:U_DEE 2026-12-20');
    expect(byId.people.some((p) => p.startsWith('slack:T1:U_NOBODY'))).toBe(false);
    expect([...byId.digest.awayNow]).toEqual([memberId(jobs.id, dee)]);
  });

  it('are two strategies over the same documents, whatever the server', async () => {
    const [byId, indexed] = (['id-lookups', 'indexed'] as const).map((name) => readShapes(name, h.store.connection));
    expect([byId.name, indexed.name]).toEqual(['id-lookups', 'indexed']);
    const ids = (docs: Array<{ _id: string }>) => docs.map((d) => d._id).sort();
    const both = async <T extends { _id: string }>(read: (s: typeof byId) => Promise<T[]>) => {
      const [a, b] = await Promise.all([read(byId), read(indexed)]);
      expect(ids(a)).toEqual(ids(b));
      return ids(a);
    };
    expect(await both((s) => s.checkinsOfRound(round))).toHaveLength(2);
    expect(await both((s) => s.missionsByIds([jobs.id, jobs.id, 'mission-that-never-was']))).toEqual([jobs.id]);
    expect(await both((s) => s.peopleByKeys(everyoneKeys))).toContain('slack:T1:U_DEE');
    expect(await both((s) => s.peopleByKeys([]))).toEqual([]);
  });

  // On MONGODB_URI the server could be anything, so there is no expected answer.
  const engine = testEngine();
  (engine === 'uri' ? it.skip : it)('are chosen by asking the server: `_id` lookups on FerretDB with SQLite only', () => {
    expect(h.store.readShapes.name).toBe(engine === 'ferretdb-sqlite' ? 'id-lookups' : 'indexed');
  });
});
