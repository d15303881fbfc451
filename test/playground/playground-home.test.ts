import { type PlaygroundState } from '../../adapters/playground';
import { startTestPlayground, type TestPlayground } from './playground-client';
import { readUntil } from '../support/wait-for';

/** The Slack App Home in the playground: opened through the real signed event, pressed like Slack would. */
let tp: TestPlayground;

beforeAll(async () => {
  tp = await startTestPlayground('playground_home');
});
afterAll(async () => {
  await tp.stop();
});

const post = (path: string, body: unknown) => tp.post(path, body);
const state = (as: string): Promise<PlaygroundState> => tp.state(as);

const homeText = (s: PlaygroundState): string => JSON.stringify(s.slack.home?.blocks ?? []);

describe('the Slack App Home in the playground', () => {
  it('has no Home tab until the person opens it', async () => {
    expect((await state('tom')).slack.home).toBeUndefined();
  });

  it("opening it sends app_home_opened to the bot, and shows the view the bot published: the person's missions and waiting check-in", async () => {
    await post('/slack/send', {
      as: 'amira',
      conversation: 'channel',
      text: '/mission create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs',
    });
    await post('/slack/send', {
      as: 'amira',
      conversation: 'channel',
      text: '/mission add ladywood-jobs @tom org="Ladywood Health Partnership"',
    });
    await post('/slack/send', { as: 'amira', conversation: 'channel', text: '/mission checkin-now ladywood-jobs' });
    expect((await post('/slack/home-open', { as: 'tom' })).json).toEqual({ status: 200 });
    const s = await readUntil(
      () => state('tom'),
      (v) => /Check-ins waiting for you/.test(homeText(v)),
    );
    expect(homeText(s)).toMatch(/ladywood-jobs\* \(member\)/);
    expect(homeText(s)).toMatch(/Answer check-in/);
    expect(s.slack.home?.raw).toMatchObject({ type: 'home' });
    // Amira's Home tab is hers alone.
    expect((await state('amira')).slack.home).toBeUndefined();
  });

  it("the Home tab's Answer check-in opens the check-in modal", async () => {
    const before = await state('tom');
    const blocks = (before.slack.home?.blocks ?? []) as Array<{
      type: string;
      elements?: Array<{ action_id: string; text: { text: string } }>;
    }>;
    const index = blocks.findIndex((b) => b.elements?.some((e) => e.text.text === 'Answer check-in'));
    const actionId = blocks[index].elements!.find((e) => e.text.text === 'Answer check-in')!.action_id;
    expect((await post('/slack/home-action', { as: 'tom', blockId: `b${index}`, actionId })).json).toEqual({ status: 200 });
    const s = await readUntil(
      () => state('tom'),
      (v) => v.slack.modal !== undefined,
    );
    expect(JSON.stringify(s.slack.modal?.view)).toMatch(/Weekly check-in/);
    await post('/slack/view-close', { as: 'tom', viewId: s.slack.modal!.viewId });
  });

  it('refuses a button that is not on the Home tab', async () => {
    expect((await post('/slack/home-action', { as: 'tom', blockId: 'b0', actionId: 'nope' })).json).toEqual({ status: 404 });
    expect((await post('/slack/home-action', { as: 'grace', blockId: 'b0', actionId: 'home.refresh' })).json).toEqual({ status: 404 });
  });
});
