import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createMissionPulseClient, type MissionPulseClient } from '../../src/cli/client';
import { createApiRouter } from '../../src/http/api/router';
import document from '../../src/http/api/openapi.json';
import { waitFor } from '../support/wait-for';
import { TeamsPerson } from '../support/teams-person';
import { documentedOperations, expectConforms, exercisedStatuses } from './support/openapi-contract';
import { get, missionRoutes, type AnyResult, type Params } from './support/routes';
import { FAR, FAR_TEAM, OTHER, SLUG, startReportingWorld, tokenIn, type ReportingWorld } from './support/reporting-world';

/**
 * The reporting API against its own OpenAPI document: every operation, every status it
 * documents, every body validated against its schema; tenancy between missions and workspaces.
 */
let w: ReportingWorld;
let api: MissionPulseClient;
let tokenA: string;
let blockerId: string;

const call = async (
  client: MissionPulseClient,
  path: string,
  params: Params = {},
  parseAs?: 'text' | 'arrayBuffer',
): Promise<AnyResult> => {
  const r = await get(client, path, params, parseAs);
  expectConforms(path, r.response.status, r.data ?? r.error, r.response.headers);
  return r;
};
const client = (token?: string, url = w.t.app.url) => createMissionPulseClient({ url, ...(token ? { token } : {}) });
const routes = () => missionRoutes({ mission: SLUG, blockerId });

beforeAll(async () => {
  w = await startReportingWorld('api_contract');
  tokenA = await w.issueToken(SLUG, 'Power BI');
  api = client(tokenA);
  const blockers = await w.t.app.store.blockers.listOpen(w.missionId);
  blockerId = blockers.find((b) => b.source === 'checkin')!.id;
}, 120_000);
afterAll(async () => {
  await w?.t.stop();
});

describe('every operation answers 200 with a body its schema allows', () => {
  it('/missions lists the one mission the token reads', async () => {
    const r = await call(api, '/missions');
    expect(r.response.status).toBe(200);
    expect((r.data as { data: Array<{ slug: string }> }).data.map((m) => m.slug)).toEqual([SLUG]);
  });

  it('each mission route, by slug and by id', async () => {
    for (const route of routes()) {
      const r = await call(api, route.path, route.params);
      expect([route.path, r.response.status]).toEqual([route.path, 200]);
      expect(r.response.headers.get('content-type')).toMatch(/^application\/json/);
      const byId = await call(api, route.path, { ...route.params, path: { ...route.params.path, mission: w.missionId } });
      expect(byId.data).toEqual(r.data);
    }
  });

  it("the figures are the mission's: participation, confidence, blockers, indicator status, budget", async () => {
    const digest = (await call(api, '/missions/{mission}/digests/{week}', { path: { mission: SLUG, week: '2026-W48' } })).data as Record<
      string,
      never
    >;
    expect(digest).toMatchObject({
      participation: { asked: 3, answered: 2, skipped: 1, missing: 0 },
      confidence: { average: 3, responses: 2 },
      blockers: { new: 2, openAtClose: 2 },
    });
    const indicator = (await call(api, '/missions/{mission}/indicators/{key}', { path: { mission: SLUG, key: 'youth-claimants' } }))
      .data as Record<string, never>;
    expect(indicator).toMatchObject({
      status: 'off-track',
      readings: 2,
      latest: { value: 380, date: '2026-10-01' },
      unit: 'people',
      direction: 'down',
    });
    const budget = (await call(api, '/missions/{mission}/budget', { path: { mission: SLUG } })).data as { data: unknown[] };
    expect(budget.data).toEqual([{ period: '2026/27', total: 5_000_000, aligned: 1_250_000, share: 0.25 }]);
    const checkins = (await call(api, '/missions/{mission}/checkins', { path: { mission: SLUG }, query: { week: '2026-W48' } })).data as {
      data: Array<{ member: { displayName: string }; status: string; confidence: number | null }>;
    };
    expect(checkins.data.map((c) => [c.member.displayName, c.status, c.confidence])).toEqual([
      ['ada', 'answered', 4],
      ['Ben Adeyemi', 'skipped', null],
      ['Zoë O’Brien', 'answered', 2],
    ]);
  });

  it('the document itself, without a token', async () => {
    const r = await call(client(), '/openapi.json');
    expect(r.response.status).toBe(200);
    expect(r.data).toEqual(document);
  });
});

describe('pagination', () => {
  beforeAll(async () => {
    api = client(await w.issueToken(SLUG, 'pagination'));
  });
  it('limit=1 walks every list to the end, each item once, the last page saying null', async () => {
    for (const route of routes().filter((r) => r.list)) {
      const all = (await call(api, route.path, route.params)).data as { data: unknown[] };
      const seen: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string | number> = { limit: 1, ...(cursor ? { cursor } : {}) };
        const page = (await call(api, route.path, { ...route.params, query })).data as { data: unknown[]; nextCursor: string | null };
        seen.push(...page.data);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect([route.path, seen]).toEqual([route.path, all.data]);
    }
  });

  it('a check-in page cannot be shifted by new check-ins: the cursor is the last id seen', async () => {
    const first = (await call(api, '/missions/{mission}/checkins', { path: { mission: SLUG }, query: { limit: 2 } })).data as {
      data: Array<{ id: string }>;
      nextCursor: string;
    };
    const rest = (
      await call(api, '/missions/{mission}/checkins', { path: { mission: SLUG }, query: { limit: 100, cursor: first.nextCursor } })
    ).data as { data: Array<{ id: string }> };
    expect(rest.data.map((c) => c.id).every((id) => id > first.data[1].id)).toBe(true);
  });

  it('400 for a limit out of range, a cursor it never gave out, or a bad filter', async () => {
    for (const route of routes().filter((r) => r.list)) {
      for (const query of [{ limit: 0 }, { limit: 101 }, { cursor: 'not-a-cursor' }] as Array<Record<string, string | number>>) {
        const r = await call(api, route.path, { ...route.params, query });
        expect([route.path, query, r.response.status]).toEqual([route.path, query, 400]);
      }
    }
    expect((await call(api, '/missions', { query: { limit: 500 } })).response.status).toBe(400);
    expect((await call(api, '/missions/{mission}/digests', { path: { mission: SLUG }, query: { limit: 21 } })).response.status).toBe(400);
    expect((await call(api, '/missions/{mission}/blockers', { path: { mission: SLUG }, query: { status: 'lost' } })).response.status).toBe(
      400,
    );
    expect((await call(api, '/missions/{mission}/checkins', { path: { mission: SLUG }, query: { week: '48' } })).response.status).toBe(400);
    expect((await call(api, '/missions/{mission}/rounds/{week}', { path: { mission: SLUG, week: 'last-week' } })).response.status).toBe(
      400,
    );
    expect((await call(api, '/missions/{mission}/digests/{week}', { path: { mission: SLUG, week: 'W48' } })).response.status).toBe(400);
  });
});

describe('401: no token, or not a live one', () => {
  const [id, secret] = ['0123456789abcdef', 'a'.repeat(64)];
  it.each([
    ['no Authorization header', undefined],
    ['a malformed token', 'hello'],
    ['an unknown token', `mpt_${id}_${secret}`],
  ])('%s is refused on every route, with WWW-Authenticate', async (_what, token) => {
    const anon = client(token);
    for (const route of [{ path: '/missions', params: {} }, ...routes()]) {
      const r = await call(anon, route.path, route.params);
      expect([route.path, r.response.status]).toEqual([route.path, 401]);
      expect(r.response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('the right token id with the wrong secret is refused', async () => {
    const forged = tokenA.replace(/_[0-9a-f]{64}$/, `_${'0'.repeat(64)}`);
    expect((await call(client(forged), '/missions')).response.status).toBe(401);
  });
});

describe('tenancy', () => {
  beforeAll(async () => {
    api = client(await w.issueToken(SLUG, 'tenancy'));
  });
  it('403: a token of one mission cannot read another mission of its workspace, by slug or id', async () => {
    for (const route of routes()) {
      for (const mission of [OTHER, w.otherId]) {
        const r = await call(api, route.path, { ...route.params, path: { ...route.params.path, mission } });
        expect([route.path, mission, r.response.status]).toEqual([route.path, mission, 403]);
      }
    }
  });

  it('404: a mission of another workspace does not exist for the token, either way round', async () => {
    const far = await w.t.slashCommand('U0FAR', '/mission', `api-token ${FAR}`, { team: FAR_TEAM, channel: 'D0FAR' });
    const farApi = client(tokenIn(far.body));
    for (const route of routes()) {
      const theirs = await call(api, route.path, { ...route.params, path: { ...route.params.path, mission: w.farId } });
      expect([route.path, theirs.response.status]).toEqual([route.path, 404]);
      const ours = await call(farApi, route.path, { ...route.params, path: { ...route.params.path, mission: w.missionId } });
      expect([route.path, ours.response.status]).toEqual([route.path, 404]);
    }
    expect(((await call(farApi, '/missions')).data as { data: Array<{ slug: string }> }).data.map((m) => m.slug)).toEqual([FAR]);
  });

  it('404: unknown missions, weeks, blockers, indicators; an open round has no digest yet', async () => {
    api = client(await w.issueToken(SLUG, 'unknowns'));
    for (const route of routes()) {
      const r = await call(api, route.path, { ...route.params, path: { ...route.params.path, mission: 'no-such-mission' } });
      expect([route.path, r.response.status]).toEqual([route.path, 404]);
    }
    const m = { mission: SLUG };
    const missing: Array<[string, Record<string, string>]> = [
      ['/missions/{mission}/rounds/{week}', { ...m, week: '2020-W01' }],
      ['/missions/{mission}/digests/{week}', { ...m, week: '2026-W49' }],
      ['/missions/{mission}/blockers/{blockerId}', { ...m, blockerId: 'blocker:nothing' }],
      ['/missions/{mission}/indicators/{key}', { ...m, key: 'no-such-key' }],
      ['/missions/{mission}/indicators/{key}/readings', { ...m, key: 'no-such-key' }],
    ];
    for (const [path, params] of missing) expect([path, (await call(api, path, { path: params })).response.status]).toEqual([path, 404]);
    expect((await call(api, '/missions/{mission}/checkins', { path: m, query: { week: '2020-W01' } })).response.status).toBe(404);
  });

  it('a blocker of another mission is not found through this one', async () => {
    expect((await w.ada.command('/blocker', `${OTHER} "No careers mentor for Ladywood Academy"`)).status).toBe(200);
    const [theirs] = await w.t.app.store.blockers.listOpen(w.otherId);
    const r = await call(api, '/missions/{mission}/blockers/{blockerId}', { path: { mission: SLUG, blockerId: theirs.id } });
    expect(r.response.status).toBe(404);
  });

  it('unknown routes under /api/v1 answer the Error shape', async () => {
    const res = await fetch(`${w.t.app.url}/api/v1/nothing-here`, {
      headers: { Authorization: `Bearer ${await w.issueToken(SLUG, 'routes')}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});

describe('429: each token has its own rate limit', () => {
  let server: Server;
  let limitedUrl: string;
  beforeAll(async () => {
    const app = express();
    const { runtime } = w.t.app;
    app.use(
      '/api/v1',
      createApiRouter(
        { dataOut: runtime.services.dataOut, missions: runtime.ctx.store.missions, logger: runtime.ctx.logger },
        { rateLimit: { max: 2, windowMs: 60_000 } },
      ),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    limitedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('past the limit every route answers 429 with Retry-After; another token is unaffected', async () => {
    const limited = client(tokenA, limitedUrl);
    expect((await call(limited, '/missions')).response.status).toBe(200);
    expect((await call(limited, '/missions')).response.status).toBe(200);
    for (const route of [{ path: '/missions', params: {} }, ...routes()]) {
      const r = await call(limited, route.path, route.params);
      expect([route.path, r.response.status]).toEqual([route.path, 429]);
      expect(Number(r.response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    const second = client(await w.issueToken(SLUG, 'second'), limitedUrl);
    expect((await call(second, '/missions')).response.status).toBe(200);
  });

  it('export links are limited per address', async () => {
    const anon = client(undefined, limitedUrl);
    const params = { path: { exportId: '0'.repeat(32) }, query: { key: '0'.repeat(64) } };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(anon, '/exports/{exportId}', params, 'text')).response.status);
    expect(statuses).toEqual([404, 404, 429]);
  });
});

describe('export downloads (the Teams link)', () => {
  it("a Teams admin's export arrives as a link; the link serves the CSV; a wrong key or id does not", async () => {
    const tamsin = new TeamsPerson(w.t, '29:tamsin', 'Tamsin Okafor');
    expect(await tamsin.say('hi')).toBe(200);
    expect(await tamsin.say('mission create "By 2030, halve the families in temporary accommodation" slug=homes')).toBe(200);
    expect(await tamsin.say('mission export homes')).toBe(200);
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/\/api\/v1\/exports\/[0-9a-f]{32}\?key=[0-9a-f]{64}/));
    const [, exportId, key] = /\/api\/v1\/exports\/([0-9a-f]{32})\?key=([0-9a-f]{64})/.exec(tamsin.inboxText())!;
    const anon = client();
    const ok = await call(anon, '/exports/{exportId}', { path: { exportId }, query: { key } }, 'arrayBuffer');
    expect(ok.response.status).toBe(200);
    expect(ok.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(
      Buffer.from(ok.data as ArrayBuffer)
        .toString('utf8')
        .startsWith('\uFEFFrecord,id,week'),
    ).toBe(true);
    expect((await call(anon, '/exports/{exportId}', { path: { exportId }, query: { key: 'f'.repeat(64) } }, 'text')).response.status).toBe(
      404,
    );
    expect((await call(anon, '/exports/{exportId}', { path: { exportId: 'nope' }, query: { key } }, 'text')).response.status).toBe(400);
  });
});

describe('403: a token works only while whoever made it is an admin', () => {
  it('demoting the issuer shuts the token out of every route; promoting them back lets it in', async () => {
    api = client(await w.issueToken(SLUG, 'demotion'));
    await w.ada.command('/mission', `add ${SLUG} <@U0BEN|Ben Adeyemi> role=admin`);
    const demoted = await w.ben.command('/mission', `add ${SLUG} <@U0ADA|ada> role=member`);
    expect(demoted.status).toBe(200);
    for (const route of [{ path: '/missions', params: {} }, ...routes()]) {
      const r = await call(api, route.path, route.params);
      expect([route.path, r.response.status]).toEqual([route.path, 403]);
    }
    await w.ben.command('/mission', `add ${SLUG} <@U0ADA|ada> role=admin`);
    expect((await call(api, '/missions')).response.status).toBe(200);
  });
});

describe('coverage of the document', () => {
  it('every documented operation was called, with every status it documents', () => {
    const seen = exercisedStatuses();
    const missing = documentedOperations().flatMap((op) =>
      op.statuses.filter((s) => !seen.has(`${op.key} ${s}`)).map((s) => `${op.key} ${s}`),
    );
    expect(missing).toEqual([]);
  });
});
