import { spawnBot, type BotProcess } from '../../support/spawn-bot';
import { waitFor } from '../../support/wait-for';
import { addPeople, sharedWorld, type SharedWorld } from './slack-fixture';

/**
 * Two bot processes on one database, both sending: every prompt and every reminder is
 * delivered exactly once. Then both restart a day later and remind, again exactly once.
 */
jest.setTimeout(120_000);
let world: SharedWorld;
let a: BotProcess, b: BotProcess;
const MEMBERS = 40;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  world = await sharedWorld('two_replicas', { timeScale: 0.01 });
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await world.close();
});

describe('two replicas on one database', () => {
  it('deliver every prompt exactly once', async () => {
    [a, b] = await Promise.all([
      spawnBot(world.env, ['--tick-ms', '200', '--time-scale', '0.01']),
      spawnBot(world.env, ['--tick-ms', '200', '--time-scale', '0.01']),
    ]);
    expect(
      await world.command(a.url, 'U0ADMIN', 'create "By 2030, every young person in Ladywood in work or training" slug=ladywood-jobs'),
    ).toMatch(/Mission created/);
    const people = await addPeople(world, b.url, 'U0ADMIN', 'ladywood-jobs', MEMBERS);
    expect(await world.command(b.url, 'U0ADMIN', 'checkin-now ladywood-jobs')).toMatch(/asking 41 members/);
    const everyone = [...people, 'U0ADMIN'].map((u) => world.slack.dmChannelFor(u));
    await waitFor(() => everyone.every((dm) => (world.postsTo(/Time for your weekly check-in/).get(dm) ?? 0) >= 1), {
      timeoutMs: 30_000,
      what: 'every prompt',
    });
    await Promise.all([a.settled(), b.settled()]);
    const prompts = world.postsTo(/Time for your weekly check-in/);
    expect([...prompts.values()].every((n) => n === 1)).toBe(true);
    expect(prompts.size).toBe(MEMBERS + 1);
  });

  it('restarted a day later, both tick and every reminder goes out exactly once', async () => {
    await Promise.all([a.stop(), b.stop()]);
    const later = ['--tick-ms', '100', '--time-scale', '0.01', '--clock-offset-ms', String(DAY + 60_000)];
    [a, b] = await Promise.all([spawnBot(world.env, later), spawnBot(world.env, later)]);
    await waitFor(() => world.postsTo(/Reminder/).size === MEMBERS + 1, { timeoutMs: 30_000, what: 'every reminder' });
    // Two more passes on both replicas, each finished, then everything they enqueued sent.
    for (let i = 0; i < 2; i++) await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.settled(), b.settled()]);
    const reminders = world.postsTo(/Reminder/);
    expect([...reminders.values()].every((n) => n === 1)).toBe(true);
  });
});
