import type { Connection } from 'mongoose';
import { systemClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { waitFor } from '../../support/wait-for';
import { channel, clearOutbox, msg, openOutboxDb, silentLogger } from './support/outbox-fixtures';

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
    await dispatcher.whenIdle(); // the loop has read the queue and waits
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
});
