import { COMMANDS } from '../../src/commands/registry';
import { detailsValue } from '../../src/messages/digest-message';
import type { Reply } from '../../src/services/replies';
import { channelOf, replyText, startCore, type CoreHarness } from '../support/core-harness';
import { ACTION_IDS, allInvocations, fill, FORM_IDS, handledCases, type Invocation } from './support/invocations';
import { ROLE_NAMES, roleFixture, type FixtureNeeds, type RoleFixture, type RoleName } from './support/role-fixture';
import { changesBetween, describeChanges, snapshot, type Snapshot } from './support/snapshot';
import { dmOf } from './support/tenancy-world';

/**
 * Roles: every command (from the registry), button and form, tried by a person in each role of
 * one mission, in one workspace: `outsider` (not on the mission), `member`, `owner` (the
 * member who raised the blocker), `lead`, `admin`. The tables below are the spec, read from the
 * services' checks: admins configure; leads (and admins) record readings, send the digest and
 * resolve any blocker; members check in, raise blockers, offer help and read; anyone manages
 * their own away time and personal data, except that a mission's only admin cannot erase
 * themselves. A refusal changes nothing at all; an allowed change is seen in the database.
 */
type Outcome = 'allowed' | 'refused';
type Spec = Record<RoleName, Outcome>;

const only = (...allowed: RoleName[]): Spec =>
  Object.fromEntries(ROLE_NAMES.map((r) => [r, allowed.includes(r) ? 'allowed' : 'refused'])) as Spec;
const ADMINS = only('admin');
const LEADS = only('lead', 'admin');
const MEMBERS = only('member', 'owner', 'lead', 'admin');
const ANYONE = only(...ROLE_NAMES);
const NOBODY = only();

interface Row {
  who: Spec;
  needs?: FixtureNeeds;
  /** Which allowed roles' attempts must change the database (true: all of them). */
  writes?: boolean | RoleName[];
  /** Each person's attempt changes only their own things, so one fixture serves every role. */
  perPerson?: boolean;
}

/** Commands, by invocation label (test/security/support/invocations.ts). */
const COMMAND_SPEC: Record<string, Row> = {
  'mission.create': { who: ANYONE, writes: true },
  'mission.list': { who: ANYONE },
  'mission.show': { who: MEMBERS },
  'mission.add': { who: ADMINS, writes: true },
  'mission.remove': { who: ADMINS, writes: true },
  'mission.invite': { who: ADMINS, writes: true },
  // A mission is joined from another workspace; from its own, nobody can.
  'mission.join': { who: NOBODY, needs: { invite: true } },
  'mission.unlink': { who: ADMINS, needs: { linked: true }, writes: true },
  'mission.links': { who: MEMBERS },
  'mission.channel digest': { who: ADMINS, writes: true },
  'mission.channel alerts': { who: ADMINS, writes: true },
  'mission.schedule': { who: ADMINS, writes: true },
  'mission.pause': { who: ADMINS, writes: true },
  'mission.resume': { who: ADMINS, needs: { paused: true }, writes: true },
  'mission.questions': { who: ADMINS },
  'mission.checkin-now': { who: ADMINS, needs: { round: 'none' }, writes: true },
  'mission.close-now': { who: ADMINS, writes: true },
  'mission.digest-now': { who: LEADS, writes: true, perPerson: true },
  'checkin.open': { who: MEMBERS },
  'checkin.skip': { who: MEMBERS, writes: true, perPerson: true },
  'checkin.away': { who: ANYONE, writes: true, perPerson: true },
  'checkin.back': { who: ANYONE },
  'mission.indicator add': { who: ADMINS, writes: true },
  'mission.indicator edit': { who: ADMINS, writes: true },
  'mission.indicator record': { who: LEADS, writes: true },
  'mission.indicator remove': { who: ADMINS, writes: true },
  'mission.indicators': { who: MEMBERS },
  'mission.budget show': { who: MEMBERS },
  'mission.budget record': { who: ADMINS, writes: true },
  'mission.blockers list': { who: MEMBERS },
  'mission.blockers escalate': { who: ADMINS, writes: true },
  'blocker.raise': { who: MEMBERS, writes: true, perPerson: true },
  'mission.api-token create': { who: ADMINS, writes: true },
  'mission.api-token list': { who: ADMINS },
  'mission.api-token revoke': { who: ADMINS, needs: { token: true }, writes: true },
  'mission.export': { who: ADMINS, writes: true },
  'checkin.my-data': { who: ANYONE, writes: true, perPerson: true },
  // Step one only asks; the only admin is told to hand over first.
  'checkin.forget-me': { who: only('outsider', 'member', 'owner', 'lead') },
  'mission.retention': { who: ADMINS, writes: true },
  'mission.audit': { who: ADMINS },
};

interface EventRow extends Row {
  label: string;
  constant: string;
  value: (f: RoleFixture) => string;
}

const ACTION_SPEC: EventRow[] = [
  { label: 'checkin.open', constant: 'ACTION_OPEN', value: (f) => f.roundId!, who: MEMBERS },
  { label: 'checkin.edit', constant: 'ACTION_EDIT', value: (f) => f.roundId!, who: MEMBERS },
  { label: 'checkin.skip', constant: 'ACTION_SKIP', value: (f) => f.roundId!, who: MEMBERS, writes: true, perPerson: true },
  { label: 'digest.details', constant: 'DIGEST_DETAILS_ACTION', value: (f) => detailsValue(f.roundId!, 1), who: MEMBERS },
  // The owner is pointed to Resolved instead.
  {
    label: 'blocker.help',
    constant: 'ACTION_BLOCKER_HELP',
    value: (f) => f.blockerId,
    who: only('member', 'lead', 'admin'),
    writes: true,
    perPerson: true,
  },
  {
    label: 'blocker.resolve (opens the note form)',
    constant: 'ACTION_BLOCKER_RESOLVE',
    value: (f) => f.blockerId,
    who: only('owner', 'lead', 'admin'),
  },
  { label: 'home.refresh', constant: 'ACTION_HOME_REFRESH', value: () => '', who: ANYONE },
  { label: 'privacy.forget.cancel', constant: 'ACTION_FORGET_CANCEL', value: () => '', who: ANYONE },
  {
    label: 'privacy.forget.confirm',
    constant: 'ACTION_FORGET_CONFIRM',
    value: () => '',
    who: only('outsider', 'member', 'owner', 'lead'),
    writes: ['member', 'owner', 'lead'],
    perPerson: true,
  },
];

interface FormRow extends Row {
  label: string;
  constant: string;
  state: (f: RoleFixture) => string;
  values: (f: RoleFixture) => Record<string, string>;
}

const CHECKIN_VALUES = {
  moved: 'Matrix moved',
  next: 'Matrix next',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
};

const FORM_SPEC: FormRow[] = [
  {
    label: 'checkin',
    constant: 'CHECKIN_FORM_ID',
    state: (f) => f.roundId!,
    values: () => CHECKIN_VALUES,
    who: MEMBERS,
    writes: true,
    perPerson: true,
  },
  {
    label: 'questions',
    constant: 'QUESTIONS_FORM_ID',
    state: (f) => JSON.stringify({ missionId: f.mission.id, ids: f.mission.questions.map((q) => q.id) }),
    values: () => ({ q1_prompt: 'What changed for residents this week?', q1_kind: 'long-text', q1_required: 'yes', q1_position: '1' }),
    who: ADMINS,
    writes: true,
  },
  {
    label: 'blocker.resolve note',
    constant: 'RESOLVE_FORM_ID',
    state: (f) => f.blockerId,
    values: () => ({ note: 'Sorted by the matrix' }),
    who: only('owner', 'lead', 'admin'),
    writes: true,
  },
];

/** What the services say when a role may not do something (or has nothing of its own to do it to). */
const REFUSED =
  /Only the admins|Only the leads|Only members of|not on the mission|\(who raised it\) or a lead or admin|You are the only admin|No check-in is open for|No unanswered check-in is open for|This is your own blocker|already belongs to this workspace/;
/** Answers that mean the attempt never reached the role check: a broken fixture, not a result. */
const BROKEN = /Sorry, something went wrong|faster than Mission Pulse|No such mission|no longer exists|out of date|no longer active/;

let h: CoreHarness;
jest.setTimeout(60_000);

beforeAll(async () => {
  h = await startCore('roles_matrix', new Date('2026-11-26T12:00:00Z'));
  h.runtime.services.dataOut.connect({ senders: new Map(), publicUrl: () => 'https://pulse.example' });
});
afterAll(async () => {
  await h?.close();
});

/** Each row starts on an empty database: snapshots stay small, and rows cannot see each other. */
beforeEach(async () => {
  const db = h.store.connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  await Promise.all(names.map((n) => db.collection(n).deleteMany({})));
});

/**
 * Tries `run` as each role, least privileged first. Refusals share a fixture (they change
 * nothing, which is checked), and so do reads and per-person changes; any other allowed
 * change after the first gets a fresh fixture, so it is judged on the state it expects.
 */
async function tryEachRole(row: Row, run: (f: RoleFixture, role: RoleName) => Promise<Reply>): Promise<Record<RoleName, string>> {
  const seen = {} as Record<RoleName, string>;
  let fixture = await roleFixture(h, row.needs);
  let used = false;
  let last: Snapshot | undefined;
  for (const role of ROLE_NAMES) {
    if (row.who[role] === 'allowed' && used && row.writes && !row.perPerson) {
      fixture = await roleFixture(h, row.needs);
      used = false;
      last = undefined;
    }
    const before = last ?? (await snapshot(h.store.connection));
    const reply = await run(fixture, role);
    await h.runtime.services.dataOut.exports.idle();
    last = await snapshot(h.store.connection);
    const changes = changesBetween(before, last).filter((c) => c.collection !== 'workspaces');
    const text = replyText(reply);
    if (BROKEN.test(text)) {
      seen[role] = `broken: ${text}`;
    } else if (REFUSED.test(text)) {
      seen[role] = changes.length === 0 ? 'refused' : `refused, but wrote:\n${describeChanges(changes)}`;
    } else {
      used = true;
      const mustWrite = row.writes === true || (Array.isArray(row.writes) && row.writes.includes(role));
      seen[role] = mustWrite && changes.length === 0 ? `allowed, but nothing changed: ${text.slice(0, 200)}` : 'allowed';
    }
  }
  return seen;
}

describe('the spec covers every surface', () => {
  it('every registered command, button and form has a row', () => {
    const labels = allInvocations().map((i) => i.label);
    expect(labels.filter((l) => !(l in COMMAND_SPEC))).toEqual([]);
    expect(Object.keys(COMMAND_SPEC).filter((l) => !labels.includes(l))).toEqual([]);
    expect(COMMANDS.map((c) => c.id).filter((id) => !labels.some((l) => l === id || l.startsWith(`${id} `)))).toEqual([]);
    expect([...new Set(ACTION_SPEC.map((r) => r.constant))].sort()).toEqual(handledCases('action').sort());
    expect([...new Set(FORM_SPEC.map((r) => r.constant))].sort()).toEqual(handledCases('form').sort());
  });
});

describe('commands', () => {
  it.each(allInvocations().map((i) => [i.label, i] as const))('%s', async (label, inv: Invocation) => {
    const row = COMMAND_SPEC[label];
    const seen = await tryEachRole(row, (f, role) => {
      const actor = f.people[role];
      const text = fill(inv.text, {
        slug: f.slug,
        member: f.people.member.userId,
        newcomer: `U${f.n}NEW`,
        indicator: f.indicator,
        tokenId: f.tokenId ?? '',
        until: '2027-01-15',
        inviteCode: f.inviteCode ?? '',
      });
      const [word, ...rest] = text.split(' ');
      const where = inv.where === 'dm' ? dmOf(actor) : channelOf(actor, 'C0ATTEMPT');
      return h.core.onCommand({ actor, where, command: word, text: rest.join(' '), mentionNames: {} });
    });
    expect(seen).toEqual(row.who);
  });
});

describe('buttons', () => {
  it.each(ACTION_SPEC.map((r) => [r.label, r] as const))('%s', async (_label, row) => {
    const seen = await tryEachRole(row, (f, role) =>
      h.core.onAction({ actor: f.people[role], where: dmOf(f.people[role]), actionId: ACTION_IDS[row.constant], value: row.value(f) }),
    );
    expect(seen).toEqual(row.who);
  });
});

describe('forms', () => {
  it.each(FORM_SPEC.map((r) => [r.label, r] as const))('%s', async (_label, row) => {
    const seen = await tryEachRole(row, (f, role) =>
      h.core.onFormSubmit({
        actor: f.people[role],
        where: dmOf(f.people[role]),
        formId: FORM_IDS[row.constant],
        state: row.state(f),
        values: row.values(f),
      }),
    );
    expect(seen).toEqual(row.who);
  });
});
