import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../../src/outbox/limits/backoff';

describe('backoffDelay (full jitter)', () => {
  it('doubles the ceiling per failure from the base, up to the cap', () => {
    const top = (): number => 0.999999;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, DEFAULT_RETRY_POLICY, top))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffDelay(20, DEFAULT_RETRY_POLICY, top)).toBe(299_999);
  });

  it('spreads delays over the whole range, down to zero', () => {
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
    const samples = Array.from({ length: 2000 }, () => backoffDelay(3, DEFAULT_RETRY_POLICY));
    expect(Math.max(...samples)).toBeLessThan(4000);
    expect(samples.filter((s) => s < 2000).length).toBeGreaterThan(800);
    expect(samples.filter((s) => s >= 2000).length).toBeGreaterThan(800);
  });

  it('defaults to six attempts, a one-second base and a five-minute cap', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 6, baseMs: 1000, capMs: 300_000 });
  });
});
