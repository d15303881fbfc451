import type { Connection } from 'mongoose';
import { ManualClock, systemClock } from '../../../src/domain/clock';
import type { ConversationRef } from '../../../src/domain/identity';
import { Dispatcher, Outbox, OutboxRepository } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { waitFor } from '../../support/wait-for';
import { channel, clearOutbox, msg, openOutboxDb, person, silentLogger, T0 } from './support/outbox-fixtures';

describe('outbox: shared messages, known DMs, work from other replicas', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_shared');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => clearOutbox(conn));

  it('stores a message given to many people once, and each of them still gets it', async () => {
    const clock = new ManualClock(T0);
    const outbox = new Outbox(conn, { clock });
    const prompt = msg('weekly prompt');
    await outbox.enqueueMany([
      ...['U1', 'U2', 'U3'].map((u) => ({ key: `prompt:r1:${u}`, target: { user: person(u) }, message: prompt })),
      { key: 'prompt:r1:U4', target: { user: person('U4') }, message: msg('with an extra question') },
    ]);
    expect(await conn.collection('outbox_payloads').countDocuments()).toBe(1);
    const stored = await conn.collection('outbox_items').find({}).toArray();
    expect(stored.filter((d) => d.message === undefined)).toHaveLength(3);

    const repo = new OutboxRepository(conn, clock);
    expect((await repo.get('prompt:r1:U2'))?.message).toEqual(prompt);
    const sender = new FakeSender('slack');
    expect(
      await new Dispatcher({
        connection: conn,
        senders: { slack: sender },
        clock,
        logger: silentLogger,
        limits: { timeScale: 0.001 },
      }).runOnce(),
    ).toMatchObject({ sent: 4 });
    expect(sender.sentSummaries().sort()).toEqual(['weekly prompt', 'weekly prompt', 'weekly prompt', 'with an extra question']);
  });

  it('purges a shared message only once no item names it', async () => {
    const clock = new ManualClock(T0);
    const outbox = new Outbox(conn, { clock });
    const sender = new FakeSender('slack');
    const d = new Dispatcher({ connection: conn, senders: { slack: sender }, clock, logger: silentLogger, limits: { timeScale: 0.001 } });
    sender.unreachableUsers.add('U2');
    const prompt = msg('weekly prompt');
    await outbox.enqueueMany(['U1', 'U2'].map((u) => ({ key: `prompt:r1:${u}`, target: { user: person(u) }, message: prompt })));
    await d.runOnce();

    clock.advance(31 * 24 * 60 * 60 * 1000);
    // U1's prompt was sent and is purged; U2's waits, unreachable, for them to install the app.
    expect(await outbox.purgeFinished(new Date(clock.now().getTime() - 30 * 24 * 60 * 60 * 1000))).toMatchObject({ items: 1, payloads: 0 });
    sender.unreachableUsers.delete('U2');
    await outbox.requeueUnreachable('slack:T1:U2');
    await d.runOnce();
    expect(sender.sentSummaries()).toEqual(['weekly prompt', 'weekly prompt']);

    clock.advance(31 * 24 * 60 * 60 * 1000);
    expect(await outbox.purgeFinished(new Date(clock.now().getTime() - 30 * 24 * 60 * 60 * 1000))).toMatchObject({ items: 1, payloads: 1 });
    expect(await conn.collection('outbox_payloads').countDocuments()).toBe(0);
  });

  it('sends to a DM given at enqueue without looking the person up, and refuses one from another workspace', async () => {
    const clock = new ManualClock(T0);
    const outbox = new Outbox(conn, { clock });
    const dm: ConversationRef = {
      platform: 'teams',
      workspaceId: 'tenant-1',
      conversationId: 'a:known-dm',
      kind: 'dm',
      serviceUrl: 'https://smba.example/',
    };
    await outbox.enqueue({ key: 'prompt:r1:T1', target: { user: person('29:t1', 'teams', 'tenant-1') }, message: msg('hello'), dm });
    const teams = new FakeSender('teams');
    expect(
      await new Dispatcher({ connection: conn, senders: { teams }, clock, logger: silentLogger, limits: { timeScale: 0.001 } }).runOnce(),
    ).toMatchObject({ sent: 1 });
    expect(teams.openDmCalls).toEqual([]);
    expect(teams.calls.map((c) => c.conversationId)).toEqual(['a:known-dm']);

    await expect(
      outbox.enqueue({ key: 'prompt:r1:T2', target: { user: person('29:t2', 'teams', 'tenant-2') }, message: msg('x'), dm }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('finds items another replica enqueued, though they never pass through this process', async () => {
    const sender = new FakeSender('slack');
    const d = new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock: systemClock,
      logger: silentLogger,
      pollIntervalMs: 50,
      limits: { timeScale: 0.01 },
    });
    d.start();
    try {
      const elsewhere = new Outbox(await env.connect(), { clock: systemClock });
      await elsewhere.enqueueMany(
        Array.from({ length: 5 }, (_, i) => ({
          key: `digest:r${i}:C${i}`,
          target: { conversation: channel(`C${i}`) },
          message: msg(`digest ${i}`),
        })),
      );
      await waitFor(() => sender.calls.length === 5);
    } finally {
      await d.stop({ deadlineMs: 1000 });
    }
    expect(await conn.collection('outbox_queue').countDocuments()).toBe(0);
  });
});

describe('outbox: which workspace goes first', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_priority');
  });
  afterAll(async () => env.close());

  it('serves first the workspace whose backlog takes longest to drain at its ceiling, whatever came first', async () => {
    const clock = new ManualClock(T0);
    const outbox = new Outbox(env.conn, { clock });
    // A tenant with 4 messages at 3 a second, then a workspace with 10 at 2 a second: the
    // second one decides when the last message goes out.
    await outbox.enqueueMany(
      Array.from({ length: 4 }, (_, i) => ({
        key: `t${i}`,
        target: { conversation: channel(`TC${i}`, 'teams', 'tenant-1') },
        message: msg(`t${i}`),
      })),
    );
    await outbox.enqueueMany(
      Array.from({ length: 10 }, (_, i) => ({ key: `s${i}`, target: { conversation: channel(`SC${i}`) }, message: msg(`s${i}`) })),
    );
    const slack = new FakeSender('slack');
    const teams = new FakeSender('teams', { calls: slack.calls });
    const d = new Dispatcher({
      connection: env.conn,
      senders: { slack, teams },
      clock,
      monotonicNow: () => clock.now().getTime(),
      logger: silentLogger,
      batchSize: 2,
      concurrency: 1,
      limits: { slack: { workspace: [{ limit: 2, windowMs: 1000 }] }, teams: { workspace: [{ limit: 3, windowMs: 1000 }] } },
    });
    await d.runOnce();
    expect(slack.sentSummaries()).toEqual(['s0', 's1']);
  });
});
