import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { defaultCacheDir } from '../../src/store/embedded';
import { startFerretdb } from '../../src/store/embedded/ferretdb-server';
import { pickFreePort } from '../../src/store/embedded/free-port';
import { startMongod } from '../../src/store/embedded/mongod-server';
import { startPostgresqlCluster, type PostgresqlCluster } from '../../src/store/embedded/postgresql-cluster';
import { prepareEmbeddedDatabase } from '../../src/store/embedded/prepare';
import type { RunningServer } from '../../src/store/embedded/running-server';
import { sendToBolt, slashCommand } from '../../adapters/stand-ins/slack';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { settled, waitFor } from '../support/wait-for';
import { embeddedChoiceOfRun } from '../support/test-engine';

/**
 * The database stops for 30 seconds in the middle of a round and comes back on the same
 * address: commands say "temporarily unavailable" instead of hanging, /healthz says 503, and
 * afterwards the outbox and the scheduler carry on: every prompt and reminder is delivered.
 * On the postgresql engine the server that stops is FerretDB (PostgreSQL keeps the data).
 */
jest.setTimeout(120_000);
const OUTAGE_MS = Number(process.env.MP_OUTAGE_MS ?? 30_000);
const logger = pino({ level: 'silent' });
let dir: string;
let port: number;
let server: RunningServer;
let cluster: PostgresqlCluster | undefined;
let start: () => Promise<RunningServer>;
let t: TestApp;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mp-outage-'));
  port = await pickFreePort();
  const prepared = await prepareEmbeddedDatabase({ cacheDir: defaultCacheDir(), logger, engine: embeddedChoiceOfRun() });
  const { binaryPath } = prepared;
  if (prepared.engine === 'mongod') {
    start = () => startMongod({ binaryPath, dataDir: dir, port });
  } else if (prepared.engine === 'ferretdb-sqlite') {
    start = () => startFerretdb({ binaryPath, storage: { sqliteDir: dir }, port, logger });
  } else {
    const postgresql = await startPostgresqlCluster({ tools: prepared.postgresql, port: await pickFreePort(), logger });
    cluster = postgresql;
    start = () => startFerretdb({ binaryPath, storage: { postgresqlUrl: postgresql.url }, port, logger });
  }
  server = await start();
  t = await startTestApp('outage', { mongoUri: server.uri, at: new Date('2026-11-27T09:00:00Z') });
});
afterAll(async () => {
  await t?.stop();
  await server?.stop();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the database stops for 30 seconds mid-round', () => {
  it('answers "temporarily unavailable" while it is down and loses nothing', async () => {
    const admin = new SlackPerson(t, 'U0ADA');
    await admin.command('/mission', 'create "Every family in Ladywood in a warm, dry home" slug=warm-homes');
    const mentions = Array.from({ length: 20 }, (_, i) => `<@U0M${i}|m${i}>`).join(' ');
    await admin.command('/mission', `add warm-homes ${mentions}`);
    const people = Array.from({ length: 20 }, (_, i) => new SlackPerson(t, `U0M${i}`)).concat(admin);

    // Slow Slack down so the fan-out is still going when the database stops.
    t.slack.setFaults({ seed: 3, rate429: 0.5, only: ['chat.postMessage'] });
    await admin.command('/mission', 'checkin-now warm-homes');
    await server.stop();
    const downAt = Date.now();

    // Straight to Bolt, for its HTTP answer alone: Slack gives up on a command after 3 seconds.
    const started = Date.now();
    const payload = slashCommand({
      standIn: t.slack,
      userId: 'U0ADA',
      command: '/mission',
      text: 'show warm-homes',
      channelId: 'C0MISSION',
    });
    const res = await sendToBolt(t.slackUrl, 'slash_command', payload, { signingSecret: SIGNING_SECRET });
    expect(Date.now() - started).toBeLessThan(3000);
    const answered = JSON.stringify(JSON.parse(res.body));
    const viaResponseUrl = () => JSON.stringify(t.slack.responseUrlPosts());
    await waitFor(() => expect(`${answered} ${viaResponseUrl()}`).toMatch(/temporarily unavailable/), 8000);
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(503);

    // The outage itself: the database stays down for OUTAGE_MS in all.
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
    server = await start();
    t.slack.setFaults({ rate429: 0 });

    await waitFor(async () => expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200), 15_000);
    // The bot's clock is the test's: let it run, so retries and Retry-After waits come due.
    const ticking = setInterval(() => t.clock.advance(1000), 100);
    try {
      await waitFor(() => {
        for (const p of people) expect(p.inboxText()).toMatch(/Time for your weekly check-in/);
      }, 30_000);
    } finally {
      clearInterval(ticking);
    }
    await settled(t.app);
    for (const p of people) expect(p.inbox()).toHaveLength(1);

    // The scheduler carries on too: the reminder a day later reaches everyone.
    t.clock.set(new Date('2026-11-28T09:30:00Z'));
    await waitFor(async () => expect((await t.app.runtime.scheduler.tick()).reminded).toBe(21), 10_000);
    await waitFor(() => {
      for (const p of people) expect(p.inboxText()).toMatch(/Reminder/);
    }, 20_000);
  });
});
