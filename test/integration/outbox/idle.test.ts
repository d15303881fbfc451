import type { Connection } from 'mongoose';
import { ManualClock, systemClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository, type DispatcherOptions } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { channel, clearOutbox, msg, openOutboxDb, silentLogger, T0 } from './support/outbox-fixtures';

describe('dispatcher whenIdle', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;
  let sender: FakeSender;
  let dispatcher: Dispatcher | undefined;

  // A poll interval far beyond the tests' patience: whenIdle() itself must make the loop look.
  const start = (options: Partial<DispatcherOptions> = {}): Dispatcher => {
    dispatcher = new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock: systemClock,
      logger: silentLogger,
      pollIntervalMs: 60_000,
      ...options,
    });
    dispatcher.start();
    return dispatcher;
  };

  beforeAll(async () => {
    env = await openOutboxDb('outbox_idle');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await clearOutbox(conn);
    sender = new FakeSender('slack');
  });
  afterEach(async () => {
    await dispatcher?.stop({ deadlineMs: 1000 });
    dispatcher = undefined;
  });

  it("resolves once every due item has reached the platform, this process's and other replicas' alike", async () => {
    sender.delayMs = 20;
    const d = start();
    const own = new Outbox(conn, { clock: systemClock });
    // Another replica's outbox: nothing tells this dispatcher, only a read of the queue finds them.
    const other = new Outbox(await env.connect(), { clock: systemClock });
    await d.whenIdle();
    for (let i = 0; i < 3; i++) {
      await own.enqueue({ key: `own:${i}`, target: { conversation: channel(`C${i}`) }, message: msg(`own:${i}`) });
      await other.enqueue({ key: `other:${i}`, target: { conversation: channel(`C${i}`) }, message: msg(`other:${i}`) });
    }
    await d.whenIdle();

    expect(sender.sentSummaries().sort()).toEqual(['other:0', 'other:1', 'other:2', 'own:0', 'own:1', 'own:2']);
    expect(await new OutboxRepository(conn, systemClock).countByStatus()).toEqual({ pending: 0, sent: 6, failed: 0, unreachable: 0 });
  });

  it('waits for items a rate limit holds back, not only for the calls under way', async () => {
    // Two posts per 50 ms in a channel and no waiting for a turn inside a run: runs end with
    // items still due, and only later runs send them.
    const d = start({ maxInlineWaitMs: 0, limits: { timeScale: 0.05 } });
    const keys = Array.from({ length: 8 }, (_, i) => `update:${i}`);
    await new Outbox(conn, { clock: systemClock }).enqueueMany(
      keys.map((key) => ({ key, target: { conversation: channel('C1') }, message: msg(key) })),
    );
    await d.whenIdle();

    expect(sender.sentSummaries()).toEqual(keys);
  });

  it('is not held back by an item due later on the outbox clock, and waits for it once it is due', async () => {
    const clock = new ManualClock(T0);
    const d = start({ clock });
    const later = new Date(T0.getTime() + 60_000);
    await new Outbox(conn, { clock }).enqueue({
      key: 'digest:later',
      target: { conversation: channel('C1') },
      message: msg('digest:later'),
      notBefore: later,
    });
    await d.whenIdle();
    expect(sender.calls).toHaveLength(0);

    clock.set(later);
    await d.whenIdle();
    expect(sender.sentSummaries()).toEqual(['digest:later']);
  });

  it('refuses to wait on a dispatcher that is not running, and gives up when it stops first', async () => {
    const idle = new Dispatcher({ connection: conn, senders: { slack: sender }, clock: systemClock, logger: silentLogger });
    await expect(idle.whenIdle()).rejects.toThrow(/not running/);

    sender.gate = new Promise(() => undefined); // every call hangs: the loop never goes idle
    const d = start();
    await new Outbox(conn, { clock: systemClock }).enqueue({
      key: 'alert:b1',
      target: { conversation: channel('C9') },
      message: msg('alert:b1'),
    });
    const gaveUp = expect(d.whenIdle()).rejects.toThrow(/stopped before it was idle/);
    await d.stop({ deadlineMs: 100 });
    await gaveUp;
  });
});
