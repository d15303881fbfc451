import { systemClock } from '../../../src/domain/clock';
import type { Platform } from '../../../src/domain/identity';
import { Dispatcher, Outbox, OutboxRepository, type EnqueueInput } from '../../../src/outbox';
import { FakeSender, type CallRecord } from './support/fake-sender';
import { outboxDrained, waitFor } from '../../support/wait-for';
import { channel, msg, openOutboxDb, person, silentLogger } from './support/outbox-fixtures';

describe('two replicas sharing one outbox', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_two_replicas');
  });
  afterAll(async () => env.close());

  function workload(): EnqueueInput[] {
    const items: EnqueueInput[] = [];
    for (let round = 0; round < 5; round++) {
      for (let c = 0; c < 20; c++)
        items.push({ key: `digest:${round}:SC${c}`, target: { conversation: channel(`SC${c}`) }, message: msg(`digest:${round}:SC${c}`) });
      for (let c = 0; c < 10; c++)
        items.push({
          key: `alert:${round}:TC${c}`,
          target: { conversation: channel(`TC${c}`, 'teams', 'tenant-1') },
          message: msg(`alert:${round}:TC${c}`),
        });
    }
    for (let u = 0; u < 50; u++) items.push({ key: `prompt:1:U${u}`, target: { user: person(`U${u}`) }, message: msg(`prompt:1:U${u}`) });
    return items;
  }

  it('sends each of 200 items exactly once, in order per conversation, never two at once in one conversation', async () => {
    const calls: CallRecord[] = [];
    const inFlight = new Map<string, number>();
    const replicas = await Promise.all(
      ['r1', 'r2'].map(async (replica) => {
        const connection = await env.connect();
        const slack = new FakeSender('slack', { calls, inFlight, replica });
        const teams = new FakeSender('teams', { calls, inFlight, replica });
        slack.delayMs = teams.delayMs = 2;
        const senders = new Map<Platform, FakeSender>([
          ['slack', slack],
          ['teams', teams],
        ]);
        const dispatcher = new Dispatcher({
          connection,
          senders,
          clock: systemClock,
          logger: silentLogger,
          replicaId: replica,
          limits: { timeScale: 0.01 },
          pollIntervalMs: 25,
        });
        return { dispatcher, senders, outbox: new Outbox(connection, { clock: systemClock, wake: () => dispatcher.wake() }) };
      }),
    );
    const items = workload();
    expect(items).toHaveLength(200);

    const started = Date.now();
    replicas.forEach((r) => r.dispatcher.start());
    // Both replicas enqueue the whole fan-out at the same time, as two ticking replicas would.
    const results = await Promise.all(replicas.map((r) => r.outbox.enqueueMany(items)));
    expect(results[0].filter((r) => r.created).length + results[1].filter((r) => r.created).length).toBe(200);

    const repo = new OutboxRepository(env.conn, systemClock);
    await waitFor(async () => (await repo.countByStatus()).sent === 200, 60_000);
    // Neither replica has anything left to send: a second send of any item would have happened.
    await outboxDrained(...replicas.map((r) => r.dispatcher));
    await Promise.all(replicas.map((r) => r.dispatcher.stop({ deadlineMs: 2000 })));
    const elapsed = Date.now() - started;

    expect(calls).toHaveLength(200);
    expect(new Set(calls.map((c) => c.summary)).size).toBe(200);
    expect(replicas.flatMap((r) => [...r.senders.values()].flatMap((s) => s.overlaps))).toEqual([]);
    const byConversation = new Map<string, string[]>();
    for (const c of calls) byConversation.set(c.conversationId, [...(byConversation.get(c.conversationId) ?? []), c.summary]);
    for (const [conv, sent] of byConversation) {
      const expected = items.map((i) => i.key).filter((k) => sent.includes(k));
      expect({ conv, sent }).toEqual({ conv, sent: expected });
    }
    expect(await repo.countByStatus()).toEqual({ pending: 0, sent: 200, failed: 0, unreachable: 0 });
    const share = calls.filter((c) => c.replica === 'r1').length;
    process.stdout.write(`two replicas: 200 items in ${elapsed} ms (r1 sent ${share}, r2 sent ${200 - share})\n`);
  });
});
