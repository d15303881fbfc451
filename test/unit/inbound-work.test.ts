import { InboundWork } from '../../src/inbound-work';

/** Work still running after the platform got its answer: a stop, and the tests, wait for it. */
describe('inbound work', () => {
  it('is idle at once when nothing runs', async () => {
    const work = new InboundWork();
    await expect(work.idle()).resolves.toBeUndefined();
    expect(work.size).toBe(0);
  });

  it('becomes idle only when the last piece of work has settled, failed ones included', async () => {
    const work = new InboundWork();
    const order: string[] = [];
    let finishFirst!: () => void;
    let failSecond!: (e: Error) => void;
    const first = work.run(() => new Promise<void>((resolve) => (finishFirst = resolve)).then(() => void order.push('first')));
    const second = work.run(() => new Promise<void>((_, reject) => (failSecond = reject)));
    const idle = work.idle().then(() => order.push('idle'));
    expect(work.size).toBe(2);
    finishFirst();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['first']);
    failSecond(new Error('the database went away'));
    await expect(second).rejects.toThrow('the database went away');
    await idle;
    expect(order).toEqual(['first', 'idle']);
    expect(work.size).toBe(0);
  });

  it('hands back what the work returns', async () => {
    await expect(new InboundWork().run(async () => 42)).resolves.toBe(42);
  });
});
