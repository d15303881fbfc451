import fc from 'fast-check';
import { parseCommand } from '../../src/commands';
import { command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';

/**
 * Property tests over what people can type and submit: whatever arrives, the handler answers
 * (never throws past it) and an invalid command or form changes nothing in the database.
 */
let h: CoreHarness;
let n = 0;
const nextActor = () => slackUser(`U_FC${n++}`, 'T1', 'Fuzz');

async function counts(): Promise<Record<string, number>> {
  const db = h.store.connection.db!;
  const out: Record<string, number> = {};
  for (const name of ['missions', 'members', 'audit', 'rounds', 'checkins', 'people', 'outbox_items'])
    out[name] = await db.collection(name).countDocuments();
  return out;
}

beforeAll(async () => {
  h = await startCore('input_properties');
  await command(h, slackUser('U_ADMIN'), 'mission create "Every young person in Ladywood in work or training" slug=jobs');
  await command(h, slackUser('U_ADMIN'), 'mission checkin-now jobs');
});
afterAll(async () => {
  await h.close();
});

const words = fc.constantFrom('mission', 'checkin', 'blocker', 'Mission', '/mission', '', 'help');
const pieces = fc.array(
  fc.oneof(
    fc.string(),
    fc.constantFrom(
      'create',
      'add',
      'show',
      'schedule',
      'checkin-now',
      'jobs',
      'slug=',
      'target=2020-01-01',
      'tz=Mars/Olympus',
      '"',
      '“',
      "'",
      '<@U1>',
      '<@',
      'org="',
      'role=king',
      'day=fri',
      'time=25:61',
      'away',
      'until=',
      '\u0000',
      '\u202e',
      '@channel',
    ),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  ),
  { maxLength: 8 },
);

describe('arbitrary input', () => {
  it('any command text gets an answer, and text that does not parse writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(words, pieces, async (word, parts) => {
        const text = parts.join(' ');
        const parsed = parseCommand(word, text, { today: '2026-11-27' });
        const before = await counts();
        const reply = await h.core.onCommand({
          actor: nextActor(),
          where: { platform: 'slack', workspaceId: 'T1', conversationId: 'C1', kind: 'channel' },
          command: word,
          text,
          mentionNames: {},
        });
        expect(reply.kind).not.toBe('none');
        if (!parsed.ok) expect(await counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('any form submission gets an answer, and an invalid one writes nothing', async () => {
    const mission = await h.store.missions.findBySlug(slackUser('U_ADMIN'), 'jobs');
    const round = await h.store.rounds.findOpen(mission!.id);
    const values = fc.dictionary(
      fc.constantFrom('moved', 'next', 'confidence', 'blocker', 'blocker_severity', 'story', 'x', '__proto__', 'constructor'),
      fc.oneof(fc.string(), fc.constantFrom('', '0', '6', '3', 'high', 'x'.repeat(3001))),
    );
    const state = fc.oneof(fc.constant(round!.id), fc.string(), fc.constantFrom('round:msn_x:2026-W48', '{"missionId":1}', ''));
    const formId = fc.constantFrom('checkin', 'questions', 'nope', '');
    await fc.assert(
      fc.asyncProperty(formId, state, values, async (f, st, vals) => {
        const before = await counts();
        const actor = fc.sample(fc.constantFrom(slackUser('U_ADMIN'), nextActor()), 1)[0];
        const reply = await h.core.onFormSubmit({ actor, formId: f, state: st, values: vals });
        if (reply.kind === 'form-errors' || (reply.kind === 'private' && !/received/i.test(replyText(reply)))) {
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('a NUL character in what people type is dropped and the rest kept, on every backend', async () => {
    const admin = slackUser('U_NUL', 'T1', 'Nu\u0000la');
    const created = await command(h, admin, 'mission create "Every home in Ladywood\u0000 warm and dry" slug=warm place="Lady\u0000wood"');
    expect(replyText(created)).toMatch(/Mission created/);
    await command(h, admin, 'blocker warm "Boiler\u0000 grants paused"');
    const mission = await h.store.missions.findBySlug(admin, 'warm');
    expect(mission).toMatchObject({ statement: 'Every home in Ladywood warm and dry', place: 'Ladywood' });
    const blockers = await h.store.blockers.listOpen(mission!.id);
    expect(blockers.map((b) => b.text)).toEqual(['Boiler grants paused']);
  });

  it('a person sending commands too fast is asked, politely, to wait', async () => {
    const eager = slackUser('U_EAGER');
    for (let i = 0; i < 30; i++) await command(h, eager, 'mission list');
    expect(replyText(await command(h, eager, 'mission list'))).toMatch(/Please wait \d+ seconds/);
  });
});
