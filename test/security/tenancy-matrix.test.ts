import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { COMMANDS } from '../../src/commands/registry';
import { createMissionPulseClient, type MissionPulseClient } from '../../src/cli/client';
import { mountApiV1 } from '../../src/http/api/mount';
import document from '../../src/http/api/openapi.json';
import { detailsValue } from '../../src/messages/digest-message';
import type { Message } from '../../src/messages/model';
import type { Core } from '../../src/services/core';
import { createServices, type Services } from '../../src/services/create-core';
import type { Actor } from '../../src/services/inbound-events';
import type { Reply } from '../../src/services/replies';
import { userKey, workspaceKey } from '../../src/domain/identity';
import { get, type Params } from '../api/support/routes';
import { channelOf, replyText } from '../support/core-harness';
import { ACTION_IDS, allInvocations, COMMAND_INVOCATIONS, fill, FORM_IDS, handledCases, type Invocation } from './support/invocations';
import { changesBetween, describeChanges, snapshot, type DocChange, type Snapshot } from './support/snapshot';
import { A, dmOf, INDICATOR, SLUG, startTenancyWorld, type TenancyWorld } from './support/tenancy-world';

/**
 * Tenancy: every command (from the registry), every button and form the core handles, every
 * reporting API route, and the direct-message and home surfaces, tried from a second Slack
 * workspace (B) and a second Teams tenant (C) against workspace A's slug, ids, rounds and
 * blockers. B and C each have a mission with A's slug and an admin with A's admin's user id.
 * Nothing of A's may appear in a reply, and nothing of A's may be written: every document an
 * attempt adds, changes or removes is free of A's mission id, workspace id and words. People on
 * no mission (the "strangers") may only touch the records that are about themselves.
 */
let w: TenancyWorld;
jest.setTimeout(60_000);

beforeAll(async () => {
  w = await startTenancyWorld('tenancy_matrix');
}, 120_000);
afterAll(async () => {
  await w?.h.close();
});

type Who = 'bAdmin' | 'bStranger' | 'cAdmin' | 'cStranger';
const WHO: Who[] = ['bAdmin', 'bStranger', 'cAdmin', 'cStranger'];
const actorOf = (who: Who): Actor => w.foreign[who];

/**
 * What a person on no mission may write, all of it about themselves: their workspace's record
 * (created by any command), their person record (away, back, erasure), their subject-access
 * file and the messages to their own DM, direct messages taken in, the change stamp of their own
 * memberships (erasure).
 */
const PER_ACTOR_COLLECTIONS = new Set(['workspaces', 'people', 'export_files', 'outbox_items', 'outbox_queue', 'dm_seen', 'stamps']);

function isAboutActor(c: DocChange, actor: Actor): boolean {
  if (!PER_ACTOR_COLLECTIONS.has(c.collection)) return false;
  const doc = `${c.id} ${c.after ?? c.before ?? ''}`;
  if (c.collection === 'workspaces') return doc.includes(workspaceKey(actor)) || doc.includes(actor.workspaceId);
  if (c.collection === 'outbox_queue') return true; // the due-time index of an outbox item, checked there
  if (c.collection === 'dm_seen') return c.id.startsWith(`${workspaceKey(actor)}:`);
  if (c.collection === 'export_files') return doc.includes('"privacy"');
  if (c.collection === 'stamps') return c.id === `memberships:${userKey(actor)}`;
  return doc.includes(userKey(actor)) || doc.includes(actor.userId);
}

let lastSnapshot: Snapshot | undefined;
const TROUBLE = /Sorry, something went wrong|faster than Mission Pulse can take/;

/** A fresh core on the same database for each attempt: the per-person command limit (30 a minute, in memory) stays out of the way. */
function freshServices(): Services {
  const s = createServices(w.h.runtime.ctx);
  s.dataOut.connect({ senders: new Map(), publicUrl: () => 'https://pulse.example' });
  return s;
}

/** Runs one attempt from `who` and holds it to the boundary. */
async function attempt(who: Who, run: (core: Core) => Promise<Reply | Message>): Promise<Reply | Message> {
  const actor = actorOf(who);
  const conn = w.h.store.connection;
  // Attempts run one after another and nothing else writes: the last one's "after" is this one's "before".
  const before = lastSnapshot ?? (await snapshot(conn));
  lastSnapshot = undefined;
  const services = freshServices();
  const result = await run(services.core);
  await services.dataOut.exports.idle();
  const after = await snapshot(conn);
  lastSnapshot = after;

  const shown = JSON.stringify(result);
  const leaked = w.markers.filter((m) => shown.includes(m));
  expect({ leaked, reply: leaked.length ? shown.slice(0, 1500) : '' }).toEqual({ leaked: [], reply: '' });
  expect(shown).not.toMatch(TROUBLE);

  const changes = changesBetween(before, after);
  const crossing = changes.filter((c) =>
    w.markers.some((m) => (c.before ?? '').includes(m) || (c.after ?? '').includes(m) || c.id.includes(m)),
  );
  expect(describeChanges(crossing)).toBe('');
  if (who === 'bStranger' || who === 'cStranger') {
    expect(describeChanges(changes.filter((c) => !isAboutActor(c, actor)))).toBe('');
  }
  return result;
}

const values = (): Record<string, string> => ({
  slug: SLUG,
  member: 'U0MEM',
  newcomer: 'U0NEW',
  indicator: INDICATOR,
  tokenId: w.tokenIdA,
  until: '2027-01-15',
  inviteCode: 'MP-7K3Q-9XWD-M2HT',
});

// ---- the rows ---------------------------------------------------------------------------

interface EventRow {
  label: string;
  /** The constant's name in create-core.ts. */
  constant: string;
  value: () => string;
}

/** Each button create-core handles, pressed with A's ids. */
const ACTION_ROWS: EventRow[] = [
  { label: "checkin.open on A's open round", constant: 'ACTION_OPEN', value: () => w.openRound },
  { label: "checkin.edit on A's closed round", constant: 'ACTION_EDIT', value: () => w.closedRound },
  { label: "checkin.edit on A's open round", constant: 'ACTION_EDIT', value: () => w.openRound },
  { label: "checkin.skip on A's open round", constant: 'ACTION_SKIP', value: () => w.openRound },
  { label: "digest.details of A's closed round", constant: 'DIGEST_DETAILS_ACTION', value: () => detailsValue(w.closedRound, 1) },
  { label: "digest.details page 2 of A's round", constant: 'DIGEST_DETAILS_ACTION', value: () => detailsValue(w.closedRound, 2) },
  { label: "blocker.help on A's open blocker", constant: 'ACTION_BLOCKER_HELP', value: () => w.openBlocker },
  { label: "blocker.help on A's resolved blocker", constant: 'ACTION_BLOCKER_HELP', value: () => w.resolvedBlocker },
  { label: "blocker.resolve on A's open blocker", constant: 'ACTION_BLOCKER_RESOLVE', value: () => w.openBlocker },
  { label: "blocker.resolve on A's resolved blocker", constant: 'ACTION_BLOCKER_RESOLVE', value: () => w.resolvedBlocker },
  { label: 'home.refresh', constant: 'ACTION_HOME_REFRESH', value: () => '' },
  { label: 'privacy.forget.cancel', constant: 'ACTION_FORGET_CANCEL', value: () => '' },
  { label: 'privacy.forget.confirm', constant: 'ACTION_FORGET_CONFIRM', value: () => '' },
];

interface FormRow {
  label: string;
  constant: string;
  state: () => string;
  values: () => Record<string, string>;
}

/** Each form create-core handles, submitted with A's ids in its state. */
const FORM_ROWS: FormRow[] = [
  {
    label: "checkin form for A's open round",
    constant: 'CHECKIN_FORM_ID',
    state: () => w.openRound,
    values: () => ({
      moved: 'Hijack moved',
      next: 'Hijack next',
      blocker: 'Hijack blocker',
      blocker_severity: 'high',
      blocker_help: '',
      confidence: '1',
      story: '',
      [`ind_${INDICATOR}`]: '1',
    }),
  },
  {
    label: "checkin form for A's closed round",
    constant: 'CHECKIN_FORM_ID',
    state: () => w.closedRound,
    values: () => ({ moved: 'Hijack', next: 'Hijack', confidence: '1' }),
  },
  {
    label: "questions form with A's mission id",
    constant: 'QUESTIONS_FORM_ID',
    state: () => JSON.stringify({ missionId: w.mission.id, ids: w.questionIds }),
    values: () => ({ q1_prompt: 'Hijacked question?', q1_kind: 'text', q1_required: 'yes', q1_position: '1' }),
  },
  {
    label: "blocker resolve note on A's open blocker",
    constant: 'RESOLVE_FORM_ID',
    state: () => w.openBlocker,
    values: () => ({ note: 'Hijack resolution' }),
  },
  {
    label: "blocker resolve note on A's resolved blocker",
    constant: 'RESOLVE_FORM_ID',
    state: () => w.resolvedBlocker,
    values: () => ({ note: 'Hijack resolution' }),
  },
];

// ---- coverage -----------------------------------------------------------------------------

describe('the matrix covers every surface', () => {
  it('every registered command has an example invocation', () => {
    const missing = COMMANDS.map((c) => c.id).filter(
      (id) => !(COMMAND_INVOCATIONS as Record<string, Invocation[] | undefined>)[id]?.length,
    );
    expect(missing).toEqual([]);
    const labels = allInvocations().map((i) => i.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('every button and form create-core handles has rows, with the ids it switches on', () => {
    expect(handledCases('action').sort()).toEqual(Object.keys(ACTION_IDS).sort());
    expect(handledCases('form').sort()).toEqual(Object.keys(FORM_IDS).sort());
    expect([...new Set(ACTION_ROWS.map((r) => r.constant))].sort()).toEqual(Object.keys(ACTION_IDS).sort());
    expect([...new Set(FORM_ROWS.map((r) => r.constant))].sort()).toEqual(Object.keys(FORM_IDS).sort());
  });

  it("control: the shared slug names each tenant's own mission, whose admins strangers are told to ask", async () => {
    const show = async (actor: Actor) =>
      replyText(
        await freshServices().core.onCommand({
          actor,
          where: channelOf(actor),
          command: 'mission',
          text: `show ${SLUG}`,
          mentionNames: {},
        }),
      );
    expect(await show(A.ada)).toMatch(/Quillfeather Estate/);
    expect(await show(actorOf('bAdmin'))).toMatch(/Tenant B mission/);
    expect(await show(actorOf('cAdmin'))).toMatch(/Tenant C mission/);
    expect(await show(actorOf('bStranger'))).toMatch(/not on the mission "ladywood-jobs".*Bea Admin/);
    expect(await show(actorOf('cStranger'))).toMatch(/not on the mission "ladywood-jobs".*Cal Admin/);
  });

  it('every API operation has a row', () => {
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.filter((op) => !op.startsWith('GET ') || !(op.slice(4) in API_ROUTES))).toEqual([]);
  });
});

// ---- the reporting API ----------------------------------------------------------------------

interface ApiIds {
  mission: string;
  blockerId: string;
  week: string;
  key: string;
  exportId: string;
  exportKey: string;
}

/** Every documented path, with A's ids. */
const API_ROUTES: Record<string, (ids: ApiIds) => Params> = {
  '/missions': () => ({}),
  '/missions/{mission}': (i) => ({ path: { mission: i.mission } }),
  '/missions/{mission}/members': (i) => ({ path: { mission: i.mission } }),
  '/missions/{mission}/rounds': (i) => ({ path: { mission: i.mission } }),
  '/missions/{mission}/rounds/{week}': (i) => ({ path: { mission: i.mission, week: i.week } }),
  '/missions/{mission}/checkins': (i) => ({ path: { mission: i.mission }, query: { week: i.week } }),
  '/missions/{mission}/blockers': (i) => ({ path: { mission: i.mission } }),
  '/missions/{mission}/blockers/{blockerId}': (i) => ({ path: { mission: i.mission, blockerId: i.blockerId } }),
  '/missions/{mission}/indicators': (i) => ({ path: { mission: i.mission } }),
  '/missions/{mission}/indicators/{key}': (i) => ({ path: { mission: i.mission, key: i.key } }),
  '/missions/{mission}/indicators/{key}/readings': (i) => ({ path: { mission: i.mission, key: i.key } }),
  '/missions/{mission}/budget': (i) => ({ path: { mission: i.mission } }),
  '/missions/{mission}/digests': (i) => ({ path: { mission: i.mission } }),
  '/missions/{mission}/digests/{week}': (i) => ({ path: { mission: i.mission, week: i.week } }),
  '/exports/{exportId}': (i) => ({ path: { exportId: i.exportId }, query: { key: i.exportKey } }),
  '/openapi.json': () => ({}),
};

describe("the reporting API from B's and C's tokens", () => {
  let server: Server;
  let url = '';
  let ids: ApiIds;
  const tokens: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  const client = (token?: string): MissionPulseClient => createMissionPulseClient({ url, ...(token ? { token } : {}) });

  beforeAll(async () => {
    const app = express();
    mountApiV1(app, w.h.runtime, { senders: new Map(), publicUrl: () => url });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tokens.A = w.tokenA;
    for (const [name, who] of [
      ['B', 'bAdmin'],
      ['C', 'cAdmin'],
    ] as const) {
      const r = await w.h.core.onCommand({
        actor: actorOf(who),
        where: dmOf(actorOf(who)),
        command: 'mission',
        text: `api-token ${SLUG} name="Tenant ${name}"`,
        mentionNames: {},
      });
      tokens[name] = /mpt_[0-9a-f]{16}_[0-9a-f]{64}/.exec(replyText(r))?.[0] ?? '';
      expect(tokens[name]).not.toBe('');
    }
    // A's export link, as the outbox holds it for Ada's DM.
    const items = await w.h.store.connection.db!.collection('outbox_items').find({}).toArray();
    const link = items
      .map((d) => JSON.stringify(d))
      .map((s) => /\/api\/v1\/exports\/([0-9a-f]{32})\?key=([0-9a-f]{64})/.exec(s))
      .find((m) => m !== null);
    if (!link) throw new Error('no export link for A');
    ids = { mission: w.mission.id, blockerId: w.openBlocker, week: '2026-W48', key: INDICATOR, exportId: link[1], exportKey: link[2] };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("control: A's own token reads every route of A (so the ids below are real)", async () => {
    for (const [path, params] of Object.entries(API_ROUTES)) {
      const r = await get(client(tokens.A), path, params(ids), path.startsWith('/exports') ? 'text' : undefined);
      expect([path, r.response.status]).toEqual([path, 200]);
    }
    const mission = await get(client(tokens.A), '/missions/{mission}', { path: { mission: SLUG } });
    expect(JSON.stringify(mission.data)).toContain('Quillfeather');
  });

  it.each(['B', 'C'] as const)('a token of %s reads nothing of A, by id or by the shared slug, and writes nothing of A', async (name) => {
    const before = await snapshot(w.h.store.connection);
    const outcomes: string[] = [];
    for (const [path, params] of Object.entries(API_ROUTES)) {
      const withWrongKey = { ...ids, exportKey: 'f'.repeat(64) };
      for (const [how, target] of [
        ['id', withWrongKey],
        ['slug', { ...withWrongKey, mission: SLUG }],
      ] as const) {
        const r = await get(client(tokens[name]), path, params(target), path.startsWith('/exports') ? 'text' : undefined);
        const body = JSON.stringify(r.data ?? r.error ?? null);
        // An error may repeat the id it was asked for; that tells the asker nothing new.
        const asked = Object.values(params(target).path ?? {});
        const leaked = w.markers.filter((m) => body.includes(m) && !asked.some((a) => a.includes(m)));
        expect({ path, how, leaked }).toEqual({ path, how, leaked: [] });
        outcomes.push(`${how} ${path} ${r.response.status}`);
      }
    }
    // By A's id every mission route is "no such mission"; the export link needs its own key.
    const byId = outcomes.filter((o) => o.startsWith('id /missions/{mission}') || o.startsWith('id /exports'));
    expect(byId.filter((o) => !o.endsWith(' 404'))).toEqual([]);
    const after = await snapshot(w.h.store.connection);
    const crossing = changesBetween(before, after).filter((c) =>
      w.markers.some((m) => `${c.id}${c.before ?? ''}${c.after ?? ''}`.includes(m)),
    );
    expect(describeChanges(crossing)).toBe('');
  });

  it("/missions lists only the token's own mission", async () => {
    for (const name of ['B', 'C'] as const) {
      const r = await get(client(tokens[name]), '/missions');
      expect((r.data as { data: Array<{ statement: string }> }).data.map((m) => m.statement)).toEqual([
        `Tenant ${name} mission, nothing to see`,
      ]);
    }
  });
});

// ---- commands, buttons, forms, direct messages and home -------------------------------------

describe.each(WHO)('acting from %s', (who) => {
  it.each(allInvocations().map((i) => [i.label, i] as const))('command %s', async (_label, inv) => {
    const actor = actorOf(who);
    const [word, ...rest] = fill(inv.text, values()).split(' ');
    const where = inv.where === 'dm' ? dmOf(actor) : channelOf(actor, 'C0-FOREIGN');
    await attempt(who, (core) =>
      core.onCommand({ actor, where, command: word, text: rest.join(' '), mentionNames: { U0MEM: 'Someone', U0NEW: 'Newcomer' } }),
    );
  });

  it.each(ACTION_ROWS.map((r) => [r.label, r] as const))('button %s', async (_label, row) => {
    const actor = actorOf(who);
    await attempt(who, (core) =>
      core.onAction({ actor, where: channelOf(actor, 'C0-FOREIGN'), actionId: ACTION_IDS[row.constant], value: row.value() }),
    );
  });

  it.each(FORM_ROWS.map((r) => [r.label, r] as const))('form %s', async (_label, row) => {
    const actor = actorOf(who);
    await attempt(who, (core) =>
      core.onFormSubmit({ actor, where: dmOf(actor), formId: FORM_IDS[row.constant], state: row.state(), values: row.values() }),
    );
  });

  it('a direct message reply, the home tab, and `home` in a channel', async () => {
    const actor = actorOf(who);
    await attempt(who, (core) => core.onDirectMessage({ actor, where: dmOf(actor), text: '3', messageId: `dm-${who}` }));
    await attempt(who, (core) => core.onHomeOpened({ actor }));
    await attempt(who, (core) => core.onHomeRequested({ actor, where: channelOf(actor, 'C0-FOREIGN') }));
  });
});

describe('afterwards', () => {
  it("A's mission, questions, blockers and answers are as A left them", async () => {
    const mission = (await w.h.store.missions.findById(w.mission.id))!;
    expect(mission.questions.map((q) => q.id)).toEqual(w.questionIds);
    expect(mission.schedule).toEqual(w.mission.schedule);
    expect((await w.h.store.blockers.get(w.openBlocker))?.status).toBe('open');
    expect((await w.h.store.members.listByMission(w.mission.id)).map((m) => m.userId).sort()).toEqual(['U0ADA', 'U0LEE', 'U0MEM', 'U0ZED']);
  });
});
