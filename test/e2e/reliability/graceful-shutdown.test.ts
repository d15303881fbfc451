import { spawnBot, type BotProcess } from '../../support/spawn-bot';
import { waitFor } from '../../support/wait-for';
import { addPeople, sharedWorld, type SharedWorld } from './slack-fixture';

/**
 * SIGTERM mid-fan-out: the bot stops taking work, finishes or releases what it holds within its
 * deadline and exits; the next process sends the rest at once (not after the 60 s lease),
 * and nobody gets a prompt twice.
 */
jest.setTimeout(90_000);
const PROMPT = /Time for your weekly check-in/;
let world: SharedWorld;
let bot: BotProcess | undefined;

beforeAll(async () => {
  world = await sharedWorld('graceful', { timeScale: 0.2 });
});
afterAll(async () => {
  await bot?.stop();
  await world.close();
});

it('hands over in-flight work on SIGTERM without waiting for leases or sending twice', async () => {
  const args = ['--tick-ms', '200', '--time-scale', '0.3', '--lease-ms', '60000'];
  bot = await spawnBot(world.env, args);
  await world.command(bot.url, 'U0ADMIN', 'create "Every child in Ladywood ready for school" slug=school-ready');
  const people = await addPeople(world, bot.url, 'U0ADMIN', 'school-ready', 50);
  const everyone = [...people, 'U0ADMIN'].map((u) => world.slack.dmChannelFor(u));
  const delivered = () => everyone.filter((dm) => (world.postsTo(PROMPT).get(dm) ?? 0) > 0).length;
  await world.command(bot.url, 'U0ADMIN', 'checkin-now school-ready');
  // The stand-in's own wait runs as each call is recorded: SIGTERM lands mid-fan-out however
  // slowly this process is scheduled (the bot's sends go through it too).
  await world.slack.waitFor(() => delivered() >= 10, 20_000);
  expect(delivered()).toBeLessThan(everyone.length);

  const stopping = Date.now();
  await bot.stop();
  const stoppedIn = Date.now() - stopping;
  expect(stoppedIn).toBeLessThan(12_000);
  if (delivered() < everyone.length) {
    const handedOver = Date.now();
    bot = await spawnBot(world.env, args);
    await waitFor(() => delivered() === everyone.length, { timeoutMs: 45_000, what: 'the rest after the restart' });
    // Far sooner than the 60 s lease a crashed replica's claims would hold items for.
    expect(Date.now() - handedOver).toBeLessThan(20_000);
    await bot.settled();
  }
  // Nothing more can come: the first process has exited, the second (if needed) has sent all it had.
  expect([...world.postsTo(PROMPT).values()].every((n) => n === 1)).toBe(true);
});
