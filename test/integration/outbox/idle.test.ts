import type { Connection } from 'mongoose';
import { systemClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository, SendError } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { channel, clearOutbox, msg, openOutboxDb, silentLogger } from './support/outbox-fixtures';

describe('dispatcher whenIdle', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;
  let sender: FakeSender;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_idle');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await clearOutbox(conn);
    sender = new FakeSender('slack');
    dispatcher = new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock: systemClock,
      logger: silentLogger,
      limits: { timeScale: 0.01 },
      retry: { baseMs: 20, capMs: 40 },
    });
  });
  afterEach(async () => {
    await dispatcher.stop({ deadlineMs: 1000 });
  });

  it('resolves once every due item is sent, retries included', async () => {
    const outbox = new Outbox(conn, { clock: systemClock });
    sender.failWhen((summary) => summary === 'digest:r1:C2', new SendError('transient', 'bad gateway'), 2);
    dispatcher.start();
    await outbox.enqueueMany(
      ['C1', 'C2', 'C3'].flatMap((c) =>
        [1, 2, 3].map((r) => ({ key: `digest:r${r}:${c}`, target: { conversation: channel(c) }, message: msg(`digest:r${r}:${c}`) })),
      ),
    );
    await dispatcher.whenIdle();

    expect(sender.calls).toHaveLength(9);
    expect(await new OutboxRepository(conn, systemClock).countByStatus()).toEqual({ pending: 0, sent: 9, failed: 0, unreachable: 0 });
  });

  it('does not wait for an item that is due later', async () => {
    const outbox = new Outbox(conn, { clock: systemClock });
    dispatcher.start();
    await outbox.enqueue({
      key: 'reminder:r1:U1',
      target: { conversation: channel('D1') },
      message: msg('later'),
      notBefore: new Date(Date.now() + 3_600_000),
    });
    await outbox.enqueue({ key: 'prompt:r1:U1', target: { conversation: channel('D2') }, message: msg('now') });
    await dispatcher.whenIdle();

    expect(sender.sentSummaries()).toEqual(['now']);
    expect((await new OutboxRepository(conn, systemClock).get('reminder:r1:U1'))?.status).toBe('pending');
  });

  it('resolves when the dispatcher stops, and at once when it is not running', async () => {
    await expect(dispatcher.whenIdle()).resolves.toBeUndefined();
    sender.gate = new Promise(() => undefined); // every call hangs: the loop never goes idle
    const outbox = new Outbox(conn, { clock: systemClock });
    dispatcher.start();
    await outbox.enqueue({ key: 'alert:b1', target: { conversation: channel('C9') }, message: msg('alert:b1') });
    const idle = dispatcher.whenIdle();
    await dispatcher.stop({ deadlineMs: 100 });
    await expect(idle).resolves.toBeUndefined();
  });
});
