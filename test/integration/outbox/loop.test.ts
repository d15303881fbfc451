import type { Connection } from 'mongoose';
import { ManualClock, systemClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { waitFor } from '../../support/wait-for';
import { channel, clearOutbox, msg, openOutboxDb, silentLogger, T0 } from './support/outbox-fixtures';

describe('dispatcher loop', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;
  let sender: FakeSender;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_loop');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await clearOutbox(conn);
    sender = new FakeSender('slack');
    // A poll interval far beyond the test's patience: only wake() can explain a prompt send.
    dispatcher = new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock: systemClock,
      logger: silentLogger,
      pollIntervalMs: 60_000,
    });
  });
  afterEach(async () => {
    await dispatcher.stop({ deadlineMs: 1000 });
  });

  it('sends at once when woken after an enqueue', async () => {
    const outbox = new Outbox(conn, { clock: systemClock, wake: () => dispatcher.wake() });
    dispatcher.start();
    await dispatcher.idle(); // the loop has read the queue and waits
    const before = performance.now();
    await outbox.enqueue({ key: 'prompt:r1:U1', target: { conversation: channel('D1') }, message: msg('prompt:r1:U1') });
    await waitFor(() => sender.calls.length === 1);
    expect(sender.calls[0].at - before).toBeLessThan(500);
  });

  it('restores the queue entry of an item whose writer died mid-enqueue', async () => {
    const outbox = new Outbox(conn, { clock: systemClock });
    await outbox.enqueue({ key: 'digest:r1:C1', target: { conversation: channel('C1') }, message: msg('digest:r1:C1') });
    await conn.collection('outbox_queue').deleteMany({});
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 0 });

    dispatcher.start();
    const repo = new OutboxRepository(conn, systemClock);
    await waitFor(async () => (await repo.get('digest:r1:C1'))?.status === 'sent');
    expect(sender.sentSummaries()).toEqual(['digest:r1:C1']);
  });

  it('heals a lost queue entry when the same key is enqueued again', async () => {
    const outbox = new Outbox(conn, { clock: systemClock });
    const item = { key: 'reminder:r1:U2', target: { conversation: channel('D2') }, message: msg('reminder:r1:U2') };
    await outbox.enqueue(item);
    await conn.collection('outbox_queue').deleteMany({});
    expect(await outbox.enqueue(item)).toEqual({ created: false });
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
  });

  it('drops a leftover queue entry of an item already sent, without sending it again', async () => {
    const outbox = new Outbox(conn, { clock: systemClock });
    await outbox.enqueue({ key: 'alert:b1', target: { conversation: channel('C3') }, message: msg('alert:b1') });
    const entry = await conn.collection('outbox_queue').findOne({});
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    await conn.collection('outbox_queue').insertOne(entry as never);

    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(sender.calls).toHaveLength(1);
    expect(await conn.collection('outbox_queue').countDocuments()).toBe(0);
  });

  describe('idle()', () => {
    it("resolves only once every item due has reached the platform, its own and other replicas' alike", async () => {
      sender.delayMs = 20;
      const own = new Outbox(conn, { clock: systemClock, wake: () => dispatcher.wake() });
      // Another replica's outbox: nothing tells this dispatcher, only a read of the queue finds them.
      const other = new Outbox(await env.connect(), { clock: systemClock });
      dispatcher.start();
      await dispatcher.idle();
      for (let i = 0; i < 3; i++) {
        await own.enqueue({ key: `own:${i}`, target: { conversation: channel(`C${i}`) }, message: msg(`own:${i}`) });
        await other.enqueue({ key: `other:${i}`, target: { conversation: channel(`C${i}`) }, message: msg(`other:${i}`) });
      }
      await dispatcher.idle();
      expect(sender.sentSummaries().sort()).toEqual(['other:0', 'other:1', 'other:2', 'own:0', 'own:1', 'own:2']);
    });

    it('waits for items a rate limit holds back, not only for the calls under way', async () => {
      await dispatcher.stop();
      // Two posts per 50 ms in a channel, and no waiting for a turn inside a run: the loop's runs
      // end with items still due, and only later runs send them.
      dispatcher = new Dispatcher({
        connection: conn,
        senders: { slack: sender },
        clock: systemClock,
        logger: silentLogger,
        pollIntervalMs: 60_000,
        maxInlineWaitMs: 0,
        limits: { timeScale: 0.05 },
      });
      const outbox = new Outbox(conn, { clock: systemClock, wake: () => dispatcher.wake() });
      dispatcher.start();
      const keys = Array.from({ length: 8 }, (_, i) => `update:${i}`);
      await outbox.enqueueMany(keys.map((key) => ({ key, target: { conversation: channel('C1') }, message: msg(key) })));
      await dispatcher.idle();
      expect(sender.sentSummaries()).toEqual(keys);
    });

    it('is not held back by an item due later on the outbox clock, and waits for it once it is due', async () => {
      await dispatcher.stop();
      const clock = new ManualClock(T0);
      dispatcher = new Dispatcher({ connection: conn, senders: { slack: sender }, clock, logger: silentLogger, pollIntervalMs: 60_000 });
      const outbox = new Outbox(conn, { clock, wake: () => dispatcher.wake() });
      dispatcher.start();
      const later = new Date(T0.getTime() + 60_000);
      await outbox.enqueue({
        key: 'digest:later',
        target: { conversation: channel('C1') },
        message: msg('digest:later'),
        notBefore: later,
      });
      await dispatcher.idle();
      expect(sender.calls).toHaveLength(0);
      clock.set(later);
      await dispatcher.idle();
      expect(sender.sentSummaries()).toEqual(['digest:later']);
    });

    it('refuses to wait on a dispatcher that is not running', async () => {
      await expect(dispatcher.idle()).rejects.toThrow(/not running/);
    });
  });
});
