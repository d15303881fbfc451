import { CommandThrottle } from '../../src/services/command-throttle';

describe('per-person command limit', () => {
  const ada = { platform: 'slack' as const, workspaceId: 'T1', userId: 'U1' };
  const ben = { platform: 'slack' as const, workspaceId: 'T1', userId: 'U2' };

  it('lets a person run 30 commands a minute, then asks them to wait until the window frees up', () => {
    let now = 0;
    const throttle = new CommandThrottle(30, 60_000, () => now);
    for (let i = 0; i < 30; i++) {
      expect(throttle.hit(ada)).toBe(0);
      now += 100;
    }
    expect(throttle.hit(ada)).toBe(60_000 - 3000);
    expect(throttle.hit(ben)).toBe(0);
    now = 60_001;
    expect(throttle.hit(ada)).toBe(0);
  });
});
