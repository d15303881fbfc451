import { systemClock } from '../../../src/domain/clock';
import { Outbox, type EnqueueInput } from '../../../src/outbox';
import { outboxItemModel } from '../../../src/outbox/item-model';
import { channel, msg, openOutboxDb } from './support/outbox-fixtures';

test('profile', async () => {
  const env = await openOutboxDb('scratch');
  const M = outboxItemModel(env.conn);
  const outbox = new Outbox(env.conn, { clock: systemClock });
  for (const total of [200, 1000, 5000]) {
    const items: EnqueueInput[] = [];
    const have = await M.countDocuments();
    for (let u = have; u < total; u++) items.push({ key: `k${u}`, target: { conversation: channel(`C${u}`) }, message: { summary: 'x'.repeat(200), blocks: [{ kind: 'text', text: ['y'.repeat(800)] }] } });
    await outbox.enqueueMany(items);
    await env.conn.collection('outbox_items').updateMany({}, { $set: { status: 'sent' } });
    await env.conn.collection('outbox_items').updateMany({ _id: { $in: ['k1', 'k2', 'k3'] } } as never, { $set: { status: 'pending' } });
    let t = performance.now();
    for (let i = 0; i < 5; i++) await M.find({ status: 'pending', dueAt: { $lte: new Date() } }).sort({ dueAt: 1, seq: 1 }).limit(200).lean();
    console.log(total, 'find pending x5', (performance.now() - t) / 5);
    t = performance.now();
    for (let i = 0; i < 5; i++) await M.find({ status: 'pending' }).limit(200).lean();
    console.log(total, 'find pending nosort x5', (performance.now() - t) / 5);
    t = performance.now();
    for (let i = 0; i < 5; i++) await M.find({ status: 'pending', dueAt: { $lte: new Date() } }, { _id: 1, lane: 1, dueAt: 1 }).sort({ dueAt: 1, seq: 1 }).limit(200).lean();
    console.log(total, 'find projected x5', (performance.now() - t) / 5);
    t = performance.now();
    for (let i = 0; i < 5; i++) await env.conn.collection('x').find({ a: 1 }).toArray();
    console.log(total, 'empty coll', (performance.now() - t) / 5);
  }
  await env.close();
}, 120000);
