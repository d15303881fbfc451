import { performance } from 'node:perf_hooks';
import { NO_STAMP, type Stamps } from './stamps';

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
    const token = await this.currentToken(key);
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

  /** Data never bumped (written before stamps existed) gets a stamp first, so it can be cached. */
  private async currentToken(key: string): Promise<string> {
    const token = await this.stamps.read(key);
    if (token !== NO_STAMP) return token;
    await this.stamps.bump(key);
    return this.stamps.read(key);
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
