import type { Connection } from 'mongoose';
import { ManualClock } from '../../../src/domain/clock';
import { Outbox, OutboxRepository } from '../../../src/outbox';
import { channel, clearOutbox, msg, openOutboxDb, person, T0 } from './support/outbox-fixtures';

describe('outbox enqueue', () => {
  let env: Awaited<ReturnType<typeof openOutboxDb>>;
  let conn: Connection;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    env = await openOutboxDb('outbox_enqueue');
    conn = env.conn;
  });
  afterAll(async () => env.close());

  it('creates one item per dedupe key and wakes the dispatcher only for new items', async () => {
    const wake = jest.fn();
    const outbox = new Outbox(conn, { clock, wake });
    const item = {
      key: 'prompt:r1:m1',
      missionId: 'msn_1',
      target: { user: person('U1') },
      message: msg('first'),
      context: { round: 'r1' },
    };
    expect(await outbox.enqueue(item)).toEqual({ created: true });
    expect(await outbox.enqueue({ ...item, message: msg('second') })).toEqual({ created: false });
    expect(wake).toHaveBeenCalledTimes(1);

    const stored = await new OutboxRepository(conn, clock).get('prompt:r1:m1');
    expect(stored).toMatchObject({
      status: 'pending',
      attempts: 0,
      missionId: 'msn_1',
      context: { round: 'r1' },
      target: { user: person('U1') },
    });
    expect(stored?.message.summary).toBe('first');
    expect(stored?.dueAt).toEqual(T0);
  });

  it('lets exactly one of two replicas create a key enqueued at the same moment', async () => {
    const other = await env.connect();
    const a = new Outbox(conn, { clock });
    const b = new Outbox(other, { clock });
    for (let i = 0; i < 10; i++) {
      const item = { key: `digest:r${i}:C1`, target: { conversation: channel('C1') }, message: msg(`d${i}`) };
      const results = await Promise.all([a.enqueue(item), b.enqueue(item)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    }
    expect(await conn.collection('outbox_items').countDocuments({ _id: { $regex: '^digest:' } } as object)).toBe(10);
  });

  it('enqueueMany reports which keys were new, in input order', async () => {
    const outbox = new Outbox(conn, { clock });
    await outbox.enqueue({ key: 'reminder:r1:m2', target: { user: person('U2') }, message: msg('x') });
    const results = await outbox.enqueueMany([
      { key: 'reminder:r1:m1', target: { user: person('U1') }, message: msg('x') },
      { key: 'reminder:r1:m2', target: { user: person('U2') }, message: msg('x') },
      { key: 'reminder:r1:m3', target: { user: person('U3') }, message: msg('x') },
      { key: 'reminder:r1:m1', target: { user: person('U1') }, message: msg('x') },
    ]);
    expect(results).toEqual([
      { key: 'reminder:r1:m1', created: true },
      { key: 'reminder:r1:m2', created: false },
      { key: 'reminder:r1:m3', created: true },
      { key: 'reminder:r1:m1', created: false },
    ]);
  });

  it('refuses malformed items with INVALID_INPUT', async () => {
    const outbox = new Outbox(conn, { clock });
    await expect(outbox.enqueue({ key: '', target: { user: person('U1') }, message: msg('x') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(outbox.enqueue({ key: 'k', target: {} as never, message: msg('x') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(outbox.enqueue({ key: 'k', updates: 'k', target: { user: person('U1') }, message: msg('x') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('reports counts per status and the age of the oldest due item', async () => {
    const db = await env.connect();
    const local = new ManualClock(T0);
    const outbox = new Outbox(db, { clock: local });
    const repo = new OutboxRepository(db, local);
    await clearOutbox(db);
    expect(await repo.oldestPendingAge()).toBe(0);
    await outbox.enqueue({ key: 'a', missionId: 'm9', target: { conversation: channel('C9') }, message: msg('a') });
    await outbox.enqueue({
      key: 'b',
      missionId: 'm9',
      target: { conversation: channel('C9') },
      message: msg('b'),
      notBefore: new Date(T0.getTime() + 60_000),
    });
    local.advance(30_000);
    expect(await repo.countByStatus('m9')).toEqual({ pending: 2, sent: 0, failed: 0, unreachable: 0 });
    expect(await repo.countByStatus('nope')).toEqual({ pending: 0, sent: 0, failed: 0, unreachable: 0 });
    expect(await repo.oldestPendingAge()).toBe(30_000);
    expect(await repo.listFailed('m9')).toEqual([]);
  });
});
