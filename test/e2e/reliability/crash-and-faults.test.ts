import { spawnBot, type BotProcess } from '../../support/spawn-bot';
import { waitFor } from '../../support/wait-for';
import { addPeople, sharedWorld, type SharedWorld } from './slack-fixture';

/**
 * Fan-out survives a bot killed with SIGKILL part-way through (repeatedly), and a Slack that
 * answers a share of calls with 429 + Retry-After or 500: every prompt arrives, and duplicates
 * are at most the sends that were in flight at each kill.
 */
const PROMPT = /Time for your weekly check-in/;
jest.setTimeout(120_000);
// A killed replica's claims block its in-flight sends until their lease ends: short here.
const BOT_ARGS = ['--tick-ms', '200', '--time-scale', '0.2', '--lease-ms', '3000'];

describe('killed mid-fan-out', () => {
  let world: SharedWorld;
  let bot: BotProcess | undefined;
  const MEMBERS = 60;

  beforeAll(async () => {
    // Slack's per-workspace posting limit, scaled, makes the fan-out last a few seconds.
    world = await sharedWorld('sigkill', { timeScale: 0.2 });
  });
  afterAll(async () => {
    await bot?.stop();
    await world.close();
  });

  it('finishes the round after each restart, with duplicates only from sends in flight', async () => {
    bot = await spawnBot(world.env, BOT_ARGS);
    await world.command(bot.url, 'U0ADMIN', 'create "Every family in Ladywood in a warm, dry home" slug=warm-homes');
    const people = await addPeople(world, bot.url, 'U0ADMIN', 'warm-homes', MEMBERS);
    const everyone = [...people, 'U0ADMIN'].map((u) => world.slack.dmChannelFor(u));
    const delivered = () => everyone.filter((dm) => (world.postsTo(PROMPT).get(dm) ?? 0) > 0).length;
    await world.command(bot.url, 'U0ADMIN', 'checkin-now warm-homes');

    let kills = 0;
    for (const threshold of [10, 25, 40]) {
      // The stand-in's own wait runs as each call is recorded, so the kill lands mid-fan-out
      // however slowly this process is scheduled: the bot's sends go through this process too.
      await world.slack.waitFor(() => delivered() >= threshold, 30_000);
      if (delivered() >= everyone.length) break;
      await bot.kill();
      kills++;
      bot = await spawnBot(world.env, BOT_ARGS);
    }
    await waitFor(() => delivered() === everyone.length, { timeoutMs: 60_000, what: 'every prompt after the restarts' });
    // Sends a killed replica claimed are taken over once their lease ends: those too.
    await bot.settled();
    const counts = [...world.postsTo(PROMPT).values()];
    const duplicates = counts.reduce((sum, n) => sum + (n - 1), 0);
    // The dispatcher has at most 8 sends in flight; a kill can only duplicate those.
    expect(kills).toBeGreaterThan(0);
    expect(duplicates).toBeLessThanOrEqual(8 * kills);
    process.stdout.write(`sigkill: ${kills} kills, ${duplicates} duplicate prompts of ${everyone.length}\n`);
  });
});

describe('a Slack that fails a share of calls', () => {
  let world: SharedWorld;
  let bot: BotProcess | undefined;
  const MEMBERS = 30;

  beforeAll(async () => {
    world = await sharedWorld('faults', { timeScale: 0.01 });
  });
  afterAll(async () => {
    await bot?.stop();
    await world.close();
  });

  it('delivers every prompt exactly once through 429s, 500s, timeouts and dropped connections', async () => {
    bot = await spawnBot(world.env, ['--tick-ms', '200', '--time-scale', '0.01']);
    await world.command(bot.url, 'U0ADMIN', 'create "Every child in Ladywood reads well by age seven" slug=reading');
    const people = await addPeople(world, bot.url, 'U0ADMIN', 'reading', MEMBERS);
    world.slack.setFaults({
      seed: 7,
      rate429: 0.2,
      rate500: 0.2,
      rateTimeout: 0.05,
      rateDrop: 0.1,
      only: ['chat.postMessage', 'conversations.open'],
    });
    await world.command(bot.url, 'U0ADMIN', 'checkin-now reading');
    const everyone = [...people, 'U0ADMIN'].map((u) => world.slack.dmChannelFor(u));
    await waitFor(() => world.postsTo(PROMPT).size === everyone.length, { timeoutMs: 60_000, what: 'every prompt despite faults' });
    await bot.settled();
    expect([...world.postsTo(PROMPT).values()].every((n) => n === 1)).toBe(true);
    const faults = world.slack.calls().filter((c) => c.outcome === 'fault' || c.outcome === 'rate_limited').length;
    expect(faults).toBeGreaterThan(5);
    // Nothing was given up: the outbox reported no failed deliveries to the admin.
    expect(world.postsTo(/could not deliver/).size).toBe(0);
  });
});
