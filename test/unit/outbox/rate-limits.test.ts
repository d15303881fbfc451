import { DEFAULT_RATE_LIMITS, resolveRateLimits } from '../../../src/outbox/limits/rate-limits';

describe('resolveRateLimits', () => {
  it('uses the published platform limits by default', () => {
    const limits = resolveRateLimits();
    expect(limits.slack.conversation).toEqual([
      { limit: 2, windowMs: 1000 },
      { limit: 5, windowMs: 5000 },
    ]);
    expect(limits.teams.conversation).toEqual(
      expect.arrayContaining([
        { limit: 7, windowMs: 1000 },
        { limit: 60, windowMs: 30_000 },
      ]),
    );
    expect(limits.teams.workspace).toEqual([{ limit: 50, windowMs: 1000 }]);
    expect(limits).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('scales every window and the default Retry-After by timeScale, keeping the counts', () => {
    const limits = resolveRateLimits({ timeScale: 0.01 });
    expect(limits.teams.conversation[0]).toEqual({ limit: 7, windowMs: 10 });
    expect(limits.slack.openDm).toEqual([{ limit: 50, windowMs: 600 }]);
    expect(limits.defaultRetryAfterMs).toBe(10);
  });

  it('replaces only the lists that are overridden', () => {
    const limits = resolveRateLimits({ teams: { workspace: [{ limit: 20, windowMs: 1000 }] } });
    expect(limits.teams.workspace).toEqual([{ limit: 20, windowMs: 1000 }]);
    expect(limits.teams.conversation).toEqual(DEFAULT_RATE_LIMITS.teams.conversation);
  });

  it('rejects limits that could never send or never refill', () => {
    expect(() => resolveRateLimits({ slack: { conversation: [{ limit: 0, windowMs: 1000 }] } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => resolveRateLimits({ slack: { workspace: [{ limit: 3, windowMs: 0 }] } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => resolveRateLimits({ timeScale: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
