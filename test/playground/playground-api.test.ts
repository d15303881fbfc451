import { PERSONAS, TEAMS_TENANT_ID, type PlaygroundState, type RunningPlayground, type ShownMessage } from '../../adapters/playground';
import { startTestPlayground, type TestPlayground } from './playground-client';
import { readUntil } from '../support/wait-for';

/** The playground's JSON API: what the page relies on, without a browser. */
let tp: TestPlayground;
let playground: RunningPlayground;
let base: string;

beforeAll(async () => {
  tp = await startTestPlayground('playground_api');
  playground = tp.playground;
  base = tp.base;
});
afterAll(async () => {
  await tp.stop();
});

const post = (path: string, body: unknown) => tp.post(path, body);
const state = (as: string): Promise<PlaygroundState> => tp.state(as);

const texts = (messages: ShownMessage[]): string[] =>
  messages.map(
    (m) =>
      ('text' in m.body ? m.body.text : '') +
      ('blocks' in m.body ? JSON.stringify(m.body.blocks) : '') +
      ('cards' in m.body ? JSON.stringify(m.body.cards) : ''),
  );

describe('the playground API', () => {
  it('serves the page with a strict content security policy, the renderers as one script and its own modules', async () => {
    const page = await fetch(`${base}/playground`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const render = await (await fetch(`${base}/playground/assets/render.js`)).text();
    expect(render).toContain('MissionPulseRender');
    expect((await fetch(`${base}/playground/assets/adaptivecards.js`)).status).toBe(200);
    // The page's own script: browser modules, each importing the next by a name the server knows.
    expect(await page.text()).toContain('<script type="module" src="/playground/assets/main.js">');
    const main = await fetch(`${base}/playground/assets/main.js`);
    expect(main.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const [, name] of (await main.text()).matchAll(/from '\.\/([a-z-]+\.js)'/g)) {
      expect([name, (await fetch(`${base}/playground/assets/${name}`)).status]).toEqual([name, 200]);
    }
    expect((await fetch(`${base}/playground/assets/nope.js`)).status).toBe(404);
  });

  it('installs the app for every person in Teams, so the bot can message them', async () => {
    for (const p of PERSONAS) {
      const person = await playground.app.store.people.get({ platform: 'teams', workspaceId: TEAMS_TENANT_ID, userId: p.teams.id });
      expect(person?.dm?.serviceUrl).toBe(playground.connector.serviceUrl);
    }
  });

  it('refuses people who are not in the workplace and malformed requests', async () => {
    expect((await post('/slack/send', { as: 'mallory', conversation: 'channel', text: '/mission help' })).status).toBe(400);
    expect((await post('/teams/send', { as: 'amira', conversation: 'elsewhere', text: 'hi' })).status).toBe(400);
    expect((await fetch(`${base}/playground/api/state?as=mallory`)).status).toBe(400);
  });

  it('posts a real, signed slash command; the reply is shown only to the person who typed it', async () => {
    expect((await post('/slack/send', { as: 'amira', conversation: 'channel', text: '/mission help' })).json).toEqual({ status: 200 });
    const amira = (await state('amira')).slack.conversations.find((c) => c.kind === 'channel')!;
    const typed = amira.messages.find((m) => m.author.kind === 'person')!;
    expect(typed.raw).toMatchObject({ command: '/mission', text: 'help', user_id: 'U0AMIRA', channel_id: 'C0MISSION' });
    const reply = amira.messages.find((m) => m.author.kind === 'bot')!;
    expect(reply.notes).toContain('Only visible to you');
    expect(texts([reply])[0]).toContain('Mission Pulse commands');
    const tom = (await state('tom')).slack.conversations.find((c) => c.kind === 'channel')!;
    expect(texts(tom.messages).join()).not.toContain('Mission Pulse commands');
  });

  it('says what Slack would say to a command it does not know, and that commands need a slash', async () => {
    await post('/slack/send', { as: 'sam', conversation: 'channel', text: '/missoin help' });
    await post('/slack/send', { as: 'sam', conversation: 'channel', text: 'mission help' });
    const sam = (await state('sam')).slack.conversations.find((c) => c.kind === 'channel')!;
    const all = texts(sam.messages).join('\n');
    expect(all).toContain('/missoin is not a valid command');
    expect(all).toContain('On Slack, commands start with a slash: try /mission help');
  });

  it('Teams: a channel post mentions the bot, and its reply is seen by everyone in the channel', async () => {
    expect((await post('/teams/send', { as: 'grace', conversation: 'channel', text: 'mission list' })).json).toEqual({ status: 200 });
    const forSam = await readUntil(
      async () => (await state('sam')).teams.conversations.find((c) => c.kind === 'channel')!,
      (c) => c.messages.some((m) => m.author.kind === 'bot'),
    );
    const post_ = forSam.messages.find((m) => m.author.kind === 'person')!;
    expect(post_.body).toEqual({ kind: 'text', text: '@Mission Pulse mission list' });
    expect(post_.raw).toMatchObject({
      type: 'message',
      conversation: { conversationType: 'channel' },
      entities: [{ type: 'mention', text: '<at>Mission Pulse</at>' }, { type: 'clientInfo' }],
    });
    const reply = forSam.messages.find((m) => m.author.kind === 'bot')!;
    expect(reply.thread).toBe(post_.thread);
    expect(texts([reply])[0]).toContain('You are not on any mission in this workspace yet.');
  });
});
