import { FixedWindowLimiter } from '../../../src/http/api/rate-limit';

describe('FixedWindowLimiter', () => {
  it('allows max requests per window per key, then says how long to wait', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter({ max: 3, windowMs: 60_000 }, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')].map((d) => d.ok)).toEqual([true, true, true]);
    now = 15_000;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 45 });
    expect(limiter.hit('b').ok).toBe(true);
    now = 60_000;
    expect(limiter.hit('a')).toEqual({ ok: true, remaining: 2 });
  });

  it('never asks to wait less than a second', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter({ max: 1, windowMs: 1000 }, () => now);
    limiter.hit('a');
    now = 999.5;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });
});
