import { SlidingWindowLimiter, type RateRule } from '../../../src/outbox/limits/sliding-window-limiter';

describe('SlidingWindowLimiter', () => {
  let now = 0;
  const limiter = (): SlidingWindowLimiter => new SlidingWindowLimiter(() => now);
  beforeEach(() => {
    now = 1000;
  });

  const teams: RateRule = {
    key: 'conv:T1',
    windows: [
      { limit: 7, windowMs: 1000 },
      { limit: 60, windowMs: 30_000 },
    ],
  };

  it('allows the limit within a window, then says exactly how long to wait', () => {
    const l = limiter();
    for (let i = 0; i < 7; i++) expect(l.tryAcquire([teams])).toBe(0);
    expect(l.tryAcquire([teams])).toBe(1000);
    now += 999;
    expect(l.waitTime([teams])).toBe(1);
    now += 1;
    expect(l.tryAcquire([teams])).toBe(0);
  });

  it('enforces the longer window once the short one keeps refilling', () => {
    const l = limiter();
    let sent = 0;
    // Offer one call every 100 ms for 20 s: the 7-per-second window alone would allow all 200.
    for (let t = 0; t < 20_000; t += 100) {
      now = 1000 + t;
      if (l.tryAcquire([teams]) === 0) sent++;
    }
    expect(sent).toBe(60);
    now = 1000 + 30_000;
    expect(l.tryAcquire([teams])).toBe(0);
  });

  it('needs every rule to allow, and records only when all do', () => {
    const l = limiter();
    const conv: RateRule = { key: 'conv:C1', windows: [{ limit: 1, windowMs: 1000 }] };
    const ws: RateRule = { key: 'ws:W1', windows: [{ limit: 2, windowMs: 1000 }] };
    expect(l.tryAcquire([ws, conv])).toBe(0);
    expect(l.tryAcquire([ws, conv])).toBe(1000);
    // The refused call did not use up the workspace's second slot.
    expect(l.tryAcquire([ws, { key: 'conv:C2', windows: conv.windows }])).toBe(0);
    expect(l.tryAcquire([ws, { key: 'conv:C3', windows: conv.windows }])).toBe(1000);
  });

  it('pauses a key for Retry-After without touching others', () => {
    const l = limiter();
    const a: RateRule = { key: 'conv:A', windows: [] };
    const b: RateRule = { key: 'conv:B', windows: [] };
    l.pause('conv:A', 5000);
    l.pause('conv:A', 2000);
    expect(l.waitTime([a])).toBe(5000);
    expect(l.tryAcquire([b])).toBe(0);
    now += 5000;
    expect(l.tryAcquire([a])).toBe(0);
  });

  it('says how many turns every rule has left, now or a little ahead', () => {
    const l = limiter();
    const ws: RateRule = { key: 'ws:W1', windows: [{ limit: 100, windowMs: 10_000 }] };
    const conv: RateRule = { key: 'conv:C1', windows: [{ limit: 2, windowMs: 1000 }] };
    expect(l.available([ws])).toBe(100);
    for (let i = 0; i < 100; i++) {
      now += 20;
      expect(l.tryAcquire([ws])).toBe(0);
    }
    expect(l.available([ws])).toBe(0);
    // The first turns come back 10 s after they were taken, one every 20 ms.
    expect(l.available([ws], 10_000 - 2000 + 20)).toBe(1);
    expect(l.available([ws], 10_000 - 2000 + 200)).toBe(10);
    expect(l.available([ws, conv])).toBe(0);
    now += 10_000;
    expect(l.available([ws, conv])).toBe(2);
    l.pause('conv:C1', 500);
    expect(l.available([ws, conv])).toBe(0);
    expect(l.available([ws, conv], 500)).toBe(2);
  });

  it('forgets idle keys so memory stays bounded', () => {
    const l = limiter();
    for (let i = 0; i < 1000; i++) l.tryAcquire([{ key: `conv:${i}`, windows: [{ limit: 1, windowMs: 10 }] }]);
    now += 1000;
    for (let i = 0; i < 1000; i++) l.tryAcquire([{ key: 'conv:x', windows: [{ limit: 5000, windowMs: 10 }] }]);
    expect((l as unknown as { keys: Map<string, unknown> }).keys.size).toBeLessThanOrEqual(2);
  });
});
