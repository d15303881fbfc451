import type { Connection } from 'mongoose';
import { ManualClock } from '../../../src/domain/clock';
import { userKey } from '../../../src/domain/identity';
import { Dispatcher, Outbox, OutboxRepository, SendError, type DispatcherOptions, type OutboxItem } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { channel, clearOutbox, msg, openOutboxDb, person, silentLogger, T0 } from './support/outbox-fixtures';

describe('outbox failures', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;
  let clock: ManualClock;
  let sender: FakeSender;
  let outbox: Outbox;
  let repo: OutboxRepository;
  const failed: OutboxItem[] = [];
  const unreachable: OutboxItem[] = [];

  beforeAll(async () => {
    env = await openOutboxDb('outbox_failures');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await clearOutbox(conn);
    clock = new ManualClock(T0);
    sender = new FakeSender('slack');
    outbox = new Outbox(conn, { clock });
    repo = new OutboxRepository(conn, clock);
    failed.length = 0;
    unreachable.length = 0;
  });

  function dispatcher(extra: Partial<DispatcherOptions> = {}): Dispatcher {
    return new Dispatcher({
      connection: conn,
      senders: { slack: sender },
      clock,
      logger: silentLogger,
      // Full jitter pinned to its top: the delay is exactly min(cap, base * 2^(n-1)).
      random: () => 0.999,
      limits: { timeScale: 0.01 },
      retry: { maxAttempts: 3, baseMs: 1000, capMs: 60_000 },
      onFailed: (item) => void failed.push(item),
      onUnreachable: (item) => void unreachable.push(item),
      ...extra,
    });
  }

  it('retries transient failures with backoff, then delivers', async () => {
    sender.failWhen((s) => s === 'k1', new SendError('transient', 'HTTP 503'), 2);
    await outbox.enqueue({ key: 'k1', target: { conversation: channel('C1') }, message: msg('k1') });
    const d = dispatcher();

    expect(await d.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    const afterFirst = await repo.get('k1');
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastError: { kind: 'transient', message: 'HTTP 503' } });
    expect(afterFirst?.nextAttemptAt?.getTime()).toBe(T0.getTime() + 999);

    // Not yet due: nothing is tried.
    expect(await d.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect(sender.tries).toHaveLength(1);

    clock.advance(1000);
    expect(await d.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect((await repo.get('k1'))?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + 1998);
    clock.advance(2000);
    expect(await d.runOnce()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(await repo.get('k1')).toMatchObject({ status: 'sent', attempts: 2, messageId: sender.calls[0].messageId, conversationId: 'C1' });
    expect(failed).toEqual([]);
  });

  it('fails the item after the last attempt and calls onFailed once', async () => {
    sender.failWhen(() => true, new SendError('transient', 'timeout'), 99);
    await outbox.enqueue({ key: 'k2', missionId: 'm1', target: { conversation: channel('C1') }, message: msg('k2') });
    const d = dispatcher();
    for (let i = 0; i < 6; i++) {
      await d.runOnce();
      clock.advance(60_000);
    }
    expect(sender.tries).toHaveLength(3);
    expect(failed.map((i) => i.key)).toEqual(['k2']);
    expect(failed[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: { kind: 'transient' } });
    expect((await repo.listFailed('m1')).map((i) => i.key)).toEqual(['k2']);
    expect(await repo.countByStatus('m1')).toMatchObject({ failed: 1, pending: 0 });
  });

  it('fails a permanent error at once, and the conversation goes on with its next item', async () => {
    sender.failWhen((s) => s === 'p1', new SendError('permanent', 'channel_not_found'));
    await outbox.enqueue({ key: 'p1', target: { conversation: channel('C1') }, message: msg('p1') });
    await outbox.enqueue({ key: 'p2', target: { conversation: channel('C1') }, message: msg('p2') });
    expect(await dispatcher().runOnce()).toEqual({ sent: 1, failed: 1, deferred: 0 });
    expect(await repo.get('p1')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: { kind: 'permanent', message: 'channel_not_found' },
    });
    expect(failed.map((i) => i.key)).toEqual(['p1']);
    expect(sender.sentSummaries()).toEqual(['p2']);
  });

  it('marks an unreachable user, tells onUnreachable, and sends after requeue', async () => {
    sender.unreachableUsers.add('U7');
    await outbox.enqueue({ key: 'prompt:r1:U7', target: { user: person('U7') }, message: msg('prompt:r1:U7') });
    await outbox.enqueue({ key: 'prompt:r1:U8', target: { user: person('U8') }, message: msg('prompt:r1:U8') });
    const d = dispatcher();
    expect(await d.runOnce()).toEqual({ sent: 1, failed: 1, deferred: 0 });
    expect(await repo.get('prompt:r1:U7')).toMatchObject({ status: 'unreachable', lastError: { kind: 'unreachable' } });
    expect(unreachable.map((i) => i.key)).toEqual(['prompt:r1:U7']);
    expect(failed).toEqual([]);
    expect(await d.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 0 });

    // The user installs the app; the check-in service requeues their items.
    sender.unreachableUsers.delete('U7');
    expect(await outbox.requeueUnreachable(userKey(person('U7')))).toBe(1);
    expect(await d.runOnce()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(await repo.get('prompt:r1:U7')).toMatchObject({
      status: 'sent',
      conversationId: 'D-U7',
      conversation: { kind: 'dm', conversationId: 'D-U7' },
    });
    expect(unreachable).toHaveLength(1);
  });
});
