import { userKey, type UserRef } from '../domain/identity';

/**
 * A per-person limit on commands, per process: generous for people, tight enough that a script
 * or a stuck client cannot flood the database. A sliding window over the last `windowMs`.
 */
export class CommandThrottle {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly limit = 30,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; returns how long to wait (ms) if over the limit, else 0. */
  hit(user: UserRef): number {
    const key = userKey(user);
    const t = this.now();
    const recent = (this.seen.get(key) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.seen.set(key, recent);
      return this.windowMs - (t - recent[0]);
    }
    recent.push(t);
    this.seen.set(key, recent);
    if (this.seen.size > 10_000) this.prune(t);
    return 0;
  }

  private prune(t: number): void {
    for (const [key, times] of this.seen) if (times.every((at) => t - at >= this.windowMs)) this.seen.delete(key);
  }
}
