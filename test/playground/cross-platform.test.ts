import pino from 'pino';
import { startPlayground, type PlaygroundState, type RunningPlayground, type ShownMessage } from '../../adapters/playground';
import { testDatabase, type TestDatabase } from '../support/database';
import { readUntil, settled } from '../support/wait-for';

/**
 * The cross-platform mission in the playground: the demo mission is homed in Slack and linked
 * to the Teams tenant, so one digest shows in each pane; and a mission made in Slack can be
 * linked from the Teams pane with `mission invite` / `mission join`.
 */
let db: TestDatabase;
let playground: RunningPlayground;
let base: string;

beforeAll(async () => {
  db = await testDatabase('playground_cross_platform');
  playground = await startPlayground({
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MONGODB_URI: db.uri, MONGODB_DB: db.dbName },
    logger: pino({ level: 'silent' }),
    scheduler: false,
    demo: true,
  });
  base = playground.app.url.replace('localhost', '127.0.0.1');
}, 60_000);
afterAll(async () => {
  await playground.stop();
  await db.drop();
});

async function send(platform: 'slack' | 'teams', as: string, conversation: string, text: string): Promise<void> {
  const res = await fetch(`${base}/playground/api/${platform}/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ as, conversation, text }),
  });
  expect(res.status).toBe(200);
}

async function state(as: string): Promise<PlaygroundState> {
  return (await (await fetch(`${base}/playground/api/state?as=${as}`)).json()) as PlaygroundState;
}

const textOf = (m: ShownMessage): string =>
  ('text' in m.body ? m.body.text : '') +
  ('blocks' in m.body ? JSON.stringify(m.body.blocks) : '') +
  ('cards' in m.body ? JSON.stringify(m.body.cards) : '');

/** The bot's messages in one conversation of one pane, as `as` sees them. */
async function botTexts(as: string, platform: 'slack' | 'teams', kind: 'channel' | 'dm'): Promise<string[]> {
  const pane = (await state(as))[platform];
  const conv = pane.conversations.find((c) => c.kind === kind);
  return (conv?.messages ?? []).filter((m) => m.author.kind === 'bot').map(textOf);
}

const digests = (texts: string[]) => texts.filter((t) => t.includes('Weekly digest: ladywood-jobs'));

describe('the cross-platform mission in the playground', () => {
  it('the demo mission is seen from both panes, and one digest goes to each channel', async () => {
    await send('teams', 'tom', 'channel', 'mission show ladywood-jobs');
    expect(
      (
        await readUntil(
          () => botTexts('tom', 'teams', 'channel'),
          (t) => t.some((x) => x.includes('ladywood-jobs')),
        )
      ).join(),
    ).toContain('Digest channel: set (Teams channel)');
    await send('slack', 'amira', 'channel', '/mission digest-now ladywood-jobs');
    const slackDigests = digests(
      await readUntil(
        () => botTexts('amira', 'slack', 'channel'),
        (t) => digests(t).length > 0,
      ),
    );
    const teamsDigests = digests(
      await readUntil(
        () => botTexts('tom', 'teams', 'channel'),
        (t) => digests(t).length > 0,
      ),
    );
    await settled(playground.app);
    expect(slackDigests).toHaveLength(1);
    expect(teamsDigests).toHaveLength(1);
    expect(digests(await botTexts('amira', 'slack', 'channel'))).toHaveLength(1);
    expect(digests(await botTexts('tom', 'teams', 'channel'))).toHaveLength(1);
    // The chart: uploaded into the Slack thread and shown as an image; embedded in the Teams card.
    const slackChannel = await readUntil(
      () => botTexts('amira', 'slack', 'channel'),
      (t) => t.some((x) => x.includes('data:image/png;base64,')),
    );
    expect(slackChannel.some((x) => x.includes('"type":"image"') && x.includes('data:image/png;base64,'))).toBe(true);
    expect(teamsDigests[0]).toContain('data:image/png;base64,');
  });

  it('a mission made in Slack is linked from the Teams pane with an invite code', async () => {
    await send('slack', 'sam', 'dm', '/mission create "Every young person in Ladywood has a mentor by 2028" slug=mentors');
    await send('slack', 'sam', 'dm', '/mission invite mentors');
    const dm = await readUntil(
      () => botTexts('sam', 'slack', 'dm'),
      (t) => t.some((x) => /MP-[0-9A-Z]{4}-/.test(x)),
    );
    const code = /MP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(dm.join('\n'))?.[0];
    expect(code).toBeDefined();
    await send('teams', 'grace', 'personal', `mission join ${code} org="Midlands Civic University"`);
    const joined = await readUntil(
      () => botTexts('grace', 'teams', 'dm'),
      (t) => t.some((x) => x.includes('Linked to mentors')),
    );
    expect(joined.join()).toContain('Linked to mentors');
    await send('teams', 'grace', 'personal', 'mission list');
    expect(
      (
        await readUntil(
          () => botTexts('grace', 'teams', 'dm'),
          (t) => t.some((x) => x.includes('Your missions')),
        )
      ).join(),
    ).toContain('mentors');
  });
});
