import { performance } from 'node:perf_hooks';
import type { Stamps } from './stamps';

export interface StampedCacheOptions {
  /** Entries kept; the least recently used goes first. */
  maxEntries: number;
  /**
   * Reload after this long even with an unchanged stamp: bounds how stale a value can be if a
   * writer died between its write and its bump.
   */
  maxAgeMs: number;
}

interface Entry<T> {
  token: string;
  loadedAt: number;
  value: T;
}

/**
 * Values that are costly to read (a scan on the embedded database) but change rarely, kept per
 * process and checked against their change stamp on every use: one `_id` read instead of a
 * scan, and no replica ever serves data older than the last bump it can see.
 */
export class StampedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T>>();

  constructor(
    private readonly stamps: Stamps,
    private readonly opts: StampedCacheOptions,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    // Never bumped (NO_STAMP) is a token like any other: the first write changes it.
    const token = await this.stamps.read(key);
    const hit = this.entries.get(key);
    if (hit && hit.token === token && performance.now() - hit.loadedAt < this.opts.maxAgeMs) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    // Concurrent misses under the same token share one load.
    const flightKey = `${key}\u0000${token}`;
    const inFlight = this.loading.get(flightKey);
    if (inFlight) return inFlight;
    const p = load()
      .then((value) => {
        this.remember(key, { token, loadedAt: performance.now(), value });
        return value;
      })
      .finally(() => this.loading.delete(flightKey));
    this.loading.set(flightKey, p);
    return p;
  }

  /**
   * The token to load `key` under, for callers that fill many entries from one read (warm-up):
   * read every token first, then the data, then `prime`; a write in between bumps the stamp,
   * so the primed entry is simply reloaded at its next use.
   */
  async token(key: string): Promise<string> {
    return this.stamps.read(key);
  }

  prime(key: string, token: string, value: T): void {
    this.remember(key, { token, loadedAt: performance.now(), value });
  }

  /** Forgets `key` here at once (this process wrote); other processes follow the stamp. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  private remember(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
