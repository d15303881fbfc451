import type { Connection } from 'mongoose';
import { ManualClock } from '../../../src/domain/clock';
import { Dispatcher, Outbox, OutboxRepository, SendError } from '../../../src/outbox';
import { FakeSender } from './support/fake-sender';
import { channel, clearOutbox, msg, openOutboxDb, person, silentLogger, T0 } from './support/outbox-fixtures';

describe('outbox updates and direct messages', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;
  let clock: ManualClock;
  let sender: FakeSender;
  let outbox: Outbox;
  let repo: OutboxRepository;

  beforeAll(async () => {
    env = await openOutboxDb('outbox_updates');
    conn = env.conn;
  });
  afterAll(async () => env.close());
  beforeEach(async () => {
    await clearOutbox(conn);
    clock = new ManualClock(T0);
    sender = new FakeSender('slack');
    outbox = new Outbox(conn, { clock });
    repo = new OutboxRepository(conn, clock);
  });

  const dispatcher = (): Dispatcher =>
    new Dispatcher({ connection: conn, senders: { slack: sender }, clock, logger: silentLogger, limits: { timeScale: 0.001 } });

  it('turns the check-in prompt into a confirmation by updating the same message', async () => {
    await outbox.enqueue({ key: 'prompt:r1:U1', target: { user: person('U1') }, message: msg('prompt') });
    await outbox.enqueue({ key: 'reminder:r1:U1', target: { user: person('U1') }, message: msg('reminder') });
    await outbox.enqueue({ key: 'confirm:r1:U1', updates: 'prompt:r1:U1', target: { user: person('U1') }, message: msg('thanks') });
    expect(await dispatcher().runOnce()).toEqual({ sent: 3, failed: 0, deferred: 0 });

    expect(sender.calls.map((c) => [c.op, c.summary, c.conversationId])).toEqual([
      ['send', 'prompt', 'D-U1'],
      ['send', 'reminder', 'D-U1'],
      ['update', 'thanks', 'D-U1'],
    ]);
    const prompt = await repo.get('prompt:r1:U1');
    expect(sender.calls[2].messageId).toBe(prompt?.messageId);
    expect(await repo.get('confirm:r1:U1')).toMatchObject({ status: 'sent', messageId: prompt?.messageId, conversationId: 'D-U1' });
    // The DM was opened once and remembered on the items.
    expect(sender.openDmCalls).toHaveLength(1);
    expect(prompt?.conversation).toEqual({ platform: 'slack', workspaceId: 'T1', conversationId: 'D-U1', kind: 'dm' });
  });

  it('holds an update until the message it replaces has gone out', async () => {
    await outbox.enqueue({
      key: 'digest:r1:C1',
      target: { conversation: channel('C1') },
      message: msg('digest'),
      notBefore: new Date(T0.getTime() + 60_000),
    });
    await outbox.enqueue({
      key: 'digest-fix:r1:C1',
      updates: 'digest:r1:C1',
      target: { conversation: channel('C1') },
      message: msg('digest v2'),
    });
    const d = dispatcher();
    expect(await d.runOnce()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect(sender.calls).toEqual([]);

    clock.advance(60_000);
    await d.runOnce();
    await d.runOnce();
    expect(sender.calls.map((c) => [c.op, c.summary])).toEqual([
      ['send', 'digest'],
      ['update', 'digest v2'],
    ]);
    expect(sender.calls[1].messageId).toBe(sender.calls[0].messageId);
  });

  it('posts a new message when the one it would replace was never sent', async () => {
    sender.failWhen((s) => s === 'alert', new SendError('permanent', 'msg_too_long'));
    await outbox.enqueue({ key: 'alert:b1', target: { conversation: channel('C2') }, message: msg('alert') });
    await outbox.enqueue({
      key: 'alert:b1:resolved',
      updates: 'alert:b1',
      target: { conversation: channel('C2') },
      message: msg('resolved'),
    });
    expect(await dispatcher().runOnce()).toEqual({ sent: 1, failed: 1, deferred: 0 });
    expect(sender.calls.map((c) => [c.op, c.summary])).toEqual([['send', 'resolved']]);
  });
});
