import type { Connection } from 'mongoose';
import { systemClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository, SendError } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { channel, msg, openOutboxDb, silentLogger, waitFor } from './support/outbox-fixtures';

describe('outbox HTTP 429 handling', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_retry_after');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await conn.collection('outbox_items').deleteMany({});
  });

  async function run(sender: FakeSender, keys: Array<[string, string, string?]>, until: () => boolean, extra: { concurrency?: number; maxInlineWaitMs?: number } = {}): Promise<void> {
    const dispatcher = new Dispatcher({ connection: conn, senders: { slack: sender }, clock: systemClock, logger: silentLogger, limits: { timeScale: 0.01 }, pollIntervalMs: 20, ...extra });
    const outbox = new Outbox(conn, { clock: systemClock, wake: () => dispatcher.wake() });
    for (const [key, conv, ws] of keys) await outbox.enqueue({ key, target: { conversation: channel(conv, 'slack', ws ?? 'T1') }, message: msg(key) });
    dispatcher.start();
    try {
      await waitFor(until, 10_000, 5);
    } finally {
      await dispatcher.stop({ deadlineMs: 2000 });
    }
  }

  it('pauses only the throttled conversation for Retry-After, without spending an attempt', async () => {
    const sender = new FakeSender('slack');
    sender.failWhen((s) => s === 'a1', new SendError('rate-limited', 'ratelimited', 400));
    // One lane at a time: conversation B is only tried after A's 429 has come back.
    await run(sender, [['a1', 'CA'], ['a2', 'CA'], ['b1', 'CB'], ['b2', 'CB']], () => sender.calls.length === 4, { concurrency: 1, maxInlineWaitMs: 50 });

    const at = (s: string): number => sender.calls.find((c) => c.summary === s)?.at ?? NaN;
    const throttledAt = sender.tries.find((c) => c.summary === 'a1')?.at ?? NaN;
    expect(at('b1')).toBeGreaterThan(throttledAt);
    expect(at('b1') - throttledAt).toBeLessThan(300);
    expect(at('b2') - throttledAt).toBeLessThan(300);
    expect(at('a1') - throttledAt).toBeGreaterThanOrEqual(390);
    expect(at('a2')).toBeGreaterThan(at('a1'));
    const item = await new OutboxRepository(conn, systemClock).get('a1');
    expect(item).toMatchObject({ status: 'sent', attempts: 0 });
  });

  it('pauses the whole workspace when the 429 says it covers the workspace', async () => {
    const sender = new FakeSender('slack');
    // `scope` is the proposed SendError extension (see the report); adapters would set it.
    sender.failWhen((s) => s === 'w1', Object.assign(new SendError('rate-limited', 'ratelimited', 400), { scope: 'workspace' }));
    // One lane at a time, so w2 cannot already be in flight when the 429 for w1 arrives.
    await run(sender, [['w1', 'C1', 'T1'], ['w2', 'C2', 'T1'], ['x1', 'C3', 'T2']], () => sender.calls.length === 3, { concurrency: 1, maxInlineWaitMs: 50 });

    const throttledAt = sender.tries.find((c) => c.summary === 'w1')?.at ?? NaN;
    const at = (s: string): number => sender.calls.find((c) => c.summary === s)?.at ?? NaN;
    expect(at('x1')).toBeGreaterThan(throttledAt);
    expect(at('x1') - throttledAt).toBeLessThan(300);
    expect(at('w2') - throttledAt).toBeGreaterThanOrEqual(390);
  });
});
