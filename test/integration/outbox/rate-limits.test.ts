import type { Connection } from 'mongoose';
import { systemClock } from '../../../src/domain/clock';
import type { Platform } from '../../../src/domain/identity';
import { Dispatcher, Outbox, type RateLimitOverrides } from '../../../src/outbox';
import { FakeSender, type CallRecord } from './support/fake-sender';
import { waitFor } from '../../support/wait-for';
import { channel, clearOutbox, msg, openOutboxDb, silentLogger } from './support/outbox-fixtures';

/** Timer and clock granularity; the limiter never allows less than the window. */
const SLACK_MS = 2;

/** The shortest span covered by `count` consecutive sends. */
function tightest(times: number[], count: number): number {
  let min = Infinity;
  for (let i = 0; i + count - 1 < times.length; i++) min = Math.min(min, times[i + count - 1] - times[i]);
  return min;
}

describe('outbox client-side rate limits', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_rate_limits');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => clearOutbox(conn));

  async function sendAll(
    platform: Platform,
    convs: Record<string, number>,
    limits: RateLimitOverrides,
  ): Promise<{ calls: CallRecord[]; started: number }> {
    const sender = new FakeSender(platform);
    const dispatcher = new Dispatcher({
      connection: conn,
      senders: new Map([[platform, sender]]),
      clock: systemClock,
      logger: silentLogger,
      limits,
      pollIntervalMs: 10,
    });
    const outbox = new Outbox(conn, { clock: systemClock });
    const total = Object.values(convs).reduce((a, b) => a + b, 0);
    await outbox.enqueueMany(
      Object.entries(convs).flatMap(([conv, n]) =>
        Array.from({ length: n }, (_, i) => ({
          key: `${conv}:${i}`,
          target: { conversation: channel(conv, platform, 'W1') },
          message: msg(`${conv}:${i}`),
        })),
      ),
    );
    const started = performance.now();
    dispatcher.start();
    await waitFor(() => sender.calls.length === total, 20_000);
    await dispatcher.stop({ deadlineMs: 1000 });
    return { calls: sender.calls, started };
  }

  const timesIn = (calls: CallRecord[], conv: string): number[] => calls.filter((c) => c.conversationId === conv).map((c) => c.at);

  it('keeps Slack to about one message per second per channel, with a small burst (timeScale 0.1)', async () => {
    // Defaults scaled by 0.1: 2 per 100 ms and 5 per 500 ms in each channel.
    const { calls, started } = await sendAll('slack', { C1: 12, C2: 12 }, { timeScale: 0.1 });
    for (const conv of ['C1', 'C2']) {
      const times = timesIn(calls, conv);
      expect(tightest(times, 3)).toBeGreaterThanOrEqual(100 - SLACK_MS);
      expect(tightest(times, 6)).toBeGreaterThanOrEqual(500 - SLACK_MS);
      // Paced, not stalled: 12 messages need a little over 1 s at these limits.
      expect(times[11] - started).toBeLessThan(3000);
    }
    // One throttled channel does not hold up the other.
    expect(Math.abs(timesIn(calls, 'C1')[0] - timesIn(calls, 'C2')[0])).toBeLessThan(400);
  });

  it('keeps Teams to 7 per second and 60 per 30 seconds in one conversation (timeScale 0.02)', async () => {
    // 7 per 20 ms, 8 per 40 ms, 60 per 600 ms.
    const { calls } = await sendAll('teams', { T1: 70 }, { timeScale: 0.02 });
    const times = timesIn(calls, 'T1');
    expect(tightest(times, 8)).toBeGreaterThanOrEqual(20 - SLACK_MS);
    expect(tightest(times, 9)).toBeGreaterThanOrEqual(40 - SLACK_MS);
    expect(tightest(times, 61)).toBeGreaterThanOrEqual(600 - SLACK_MS);
    expect(calls.map((c) => c.summary)).toEqual(Array.from({ length: 70 }, (_, i) => `T1:${i}`));
  });

  it('holds a whole workspace to its ceiling across channels', async () => {
    const { calls } = await sendAll(
      'slack',
      { A: 1, B: 1, C: 1, D: 1, E: 1, F: 1 },
      { slack: { workspace: [{ limit: 2, windowMs: 150 }] } },
    );
    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    expect(tightest(times, 3)).toBeGreaterThanOrEqual(150 - SLACK_MS);
  });
});
