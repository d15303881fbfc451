import type { Connection } from 'mongoose';
import { ManualClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository, SendError } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { channel, clearOutbox, msg, openOutboxDb, silentLogger, T0 } from './support/outbox-fixtures';

const RETRY_AFTER_MS = 30_000;

describe('outbox HTTP 429 handling', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;
  let sender: FakeSender;
  let dispatcher: Dispatcher;
  let outbox: Outbox;
  let clock: ManualClock;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_retry_after');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await clearOutbox(conn);
    sender = new FakeSender('slack');
    clock = new ManualClock(T0);
    // The limiter reads the same manual time, so Retry-After passes when the test says so.
    // With no inline waiting the dispatcher never sleeps on a clock that does not move.
    dispatcher = new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock,
      monotonicNow: () => clock.now().getTime(),
      maxInlineWaitMs: 0,
      logger: silentLogger,
    });
    outbox = new Outbox(conn, { clock });
  });

  const enqueue = (key: string, conv: string, workspace = 'T1'): Promise<unknown> =>
    outbox.enqueue({ key, target: { conversation: channel(conv, 'slack', workspace) }, message: msg(key) });

  it('pauses only the throttled conversation for Retry-After, without spending an attempt', async () => {
    sender.failWhen((s) => s === 'a1', new SendError('rate-limited', 'ratelimited', RETRY_AFTER_MS));
    await enqueue('a1', 'CA');
    await enqueue('a2', 'CA');
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 2 });

    await enqueue('b1', 'CB');
    await enqueue('b2', 'CB');
    expect(await dispatcher.runOnce()).toEqual({ sent: 2, failed: 0, deferred: 2 });
    expect(sender.sentSummaries()).toEqual(['b1', 'b2']);
    expect(await new OutboxRepository(conn, clock).get('a1')).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: { kind: 'rate-limited' },
    });

    clock.advance(RETRY_AFTER_MS - 1);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 2 });
    clock.advance(1);
    await dispatcher.runOnce();
    clock.advance(1000); // in case a2 needed the channel's next turn
    await dispatcher.runOnce();
    expect(sender.sentSummaries()).toEqual(['b1', 'b2', 'a1', 'a2']);
    expect(await new OutboxRepository(conn, clock).get('a1')).toMatchObject({ status: 'sent', attempts: 0 });
  });

  it('pauses the whole workspace when the 429 says it covers the workspace', async () => {
    // `scope` is the proposed SendError extension (see the report); adapters would set it.
    sender.failWhen((s) => s === 'w1', Object.assign(new SendError('rate-limited', 'ratelimited', RETRY_AFTER_MS), { scope: 'workspace' }));
    await enqueue('w1', 'C1', 'T1');
    await dispatcher.runOnce();

    await enqueue('w2', 'C2', 'T1');
    await enqueue('x1', 'C3', 'T2');
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, deferred: 2 });
    expect(sender.sentSummaries()).toEqual(['x1']);

    clock.advance(RETRY_AFTER_MS);
    expect(await dispatcher.runOnce()).toEqual({ sent: 2, failed: 0, deferred: 0 });
    expect(sender.sentSummaries().sort()).toEqual(['w1', 'w2', 'x1']);
  });
});
