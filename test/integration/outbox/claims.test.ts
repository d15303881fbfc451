import type { Connection } from 'mongoose';
import { ManualClock, systemClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository, SendError } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { waitFor } from '../../support/wait-for';
import { channel, clearOutbox, msg, openOutboxDb, silentLogger, T0 } from './support/outbox-fixtures';

describe('outbox claims and leases', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_claims');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await clearOutbox(conn);
  });

  it("takes over a crashed replica's claim only after its lease, keeping the conversation in order", async () => {
    const clock = new ManualClock(T0);
    const outbox = new Outbox(conn, { clock });
    await outbox.enqueue({ key: 'k1', target: { conversation: channel('C1') }, message: msg('k1') });
    await outbox.enqueue({ key: 'k2', target: { conversation: channel('C1') }, message: msg('k2') });
    // A replica claimed k1's first attempt and died before finishing it.
    await conn.collection('outbox_claims').insertOne({
      _id: 'send:k1:0:0',
      itemId: 'k1',
      attempt: 0,
      n: 0,
      replicaId: 'crashed',
      claimedAt: T0,
      leaseUntil: new Date(T0.getTime() + 30_000),
    } as never);

    const sender = new FakeSender('slack');
    const d = new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock,
      logger: silentLogger,
      leaseMs: 30_000,
      replicaId: 'survivor',
    });
    await d.runOnce();
    clock.advance(29_000);
    await d.runOnce();
    expect(sender.calls).toEqual([]);

    clock.advance(1_000);
    expect(await d.runOnce()).toMatchObject({ sent: 2 });
    expect(sender.sentSummaries()).toEqual(['k1', 'k2']);
    const takeover = await conn.collection('outbox_claims').findOne({ _id: 'send:k1:0:1' } as never);
    expect(takeover).toMatchObject({ replicaId: 'survivor', attempt: 0, n: 1 });
    expect(await new OutboxRepository(conn, clock).get('k1')).toMatchObject({ status: 'sent' });
  });

  it('finishes calls in flight when stopped within the deadline', async () => {
    const sender = new FakeSender('slack');
    sender.delayMs = 100;
    const d = new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock: systemClock,
      logger: silentLogger,
      pollIntervalMs: 20,
    });
    await new Outbox(conn, { clock: systemClock }).enqueue({ key: 's1', target: { conversation: channel('C1') }, message: msg('s1') });
    d.start();
    await waitFor(() => sender.entered === 1);
    expect(await d.stop({ deadlineMs: 5000 })).toEqual({ finished: true, released: 0 });
    expect(sender.sentSummaries()).toEqual(['s1']);
  });

  it('releases claims still in flight at the deadline, so another replica sends at once', async () => {
    const stuck = new FakeSender('slack');
    let openGate = (): void => undefined;
    stuck.gate = new Promise((resolve) => (openGate = resolve));
    const a = new Dispatcher({ connection: conn, senders: { slack: stuck }, clock: systemClock, logger: silentLogger, pollIntervalMs: 20 });
    const outbox = new Outbox(conn, { clock: systemClock });
    await outbox.enqueue({ key: 'g1', target: { conversation: channel('C1') }, message: msg('g1') });
    await outbox.enqueue({ key: 'g2', target: { conversation: channel('C2') }, message: msg('g2') });
    a.start();
    await waitFor(() => stuck.entered === 2);

    const started = Date.now();
    expect(await a.stop({ deadlineMs: 150 })).toEqual({ finished: false, released: 2 });
    expect(Date.now() - started).toBeLessThan(1000);
    const claims = await conn.collection('outbox_claims').find({}).toArray();
    expect(claims.map((c) => c.outcome)).toEqual(['released-on-stop', 'released-on-stop']);

    // Well inside the 60 s lease, a second replica picks both items up.
    const other = await env.connect();
    const fresh = new FakeSender('slack');
    const b = new Dispatcher({ connection: other, senders: { slack: fresh }, clock: systemClock, logger: silentLogger });
    expect(await b.runOnce()).toEqual({ sent: 2, failed: 0, deferred: 0 });

    // The stopped replica's calls fail late; it must not touch the items any more.
    stuck.failWhen(() => true, new SendError('transient', 'socket hang up'), 2);
    openGate();
    // Stopping it again waits for its last run, the late calls' ends included, to be over.
    expect(await a.stop({ deadlineMs: 5000 })).toEqual({ finished: true, released: 0 });
    expect(stuck.tries).toHaveLength(2);
    const repo = new OutboxRepository(conn, systemClock);
    expect(await repo.get('g1')).toMatchObject({ status: 'sent', attempts: 0 });
    expect(await repo.get('g2')).toMatchObject({ status: 'sent', attempts: 0 });
  });
});
