import { performance } from 'node:perf_hooks';
import type { Connection, Model } from 'mongoose';
import { newId } from './ids';
import { nativeCollection } from './native-collection';
import { stampModel, type StampDoc } from './models/stamp-model';

/** No stamp yet: nothing has changed since caches could first load. */
export const NO_STAMP = '';

/** How long a token read is reused: shorter than anyone takes to act on one replica and then on another. */
export const DEFAULT_REUSE_MS = 50;

/** Change stamps (models/stamp-model.ts): one `_id` read to check, one write to bump. */
export class Stamps {
  private readonly model: Model<StampDoc>;
  // One request often checks one key twice (a mission, then its roster) and a burst checks it
  // many times at once: a token read within `reuseMs` is reused, so another replica's change is
  // seen at most that much later. This process's own bumps are seen at once.
  private readonly recent = new Map<string, { token: Promise<string>; at: number }>();

  constructor(
    conn: Connection,
    private readonly reuseMs = DEFAULT_REUSE_MS,
  ) {
    this.model = stampModel(conn);
  }

  async read(key: string): Promise<string> {
    const now = performance.now();
    const hit = this.recent.get(key);
    if (hit && now - hit.at < this.reuseMs) return hit.token;
    // The driver's own findOne: this read precedes nearly every command, and mongoose's query
    // building would double its client time.
    const token = nativeCollection(this.model)
      .findOne({ _id: key }, { projection: { token: 1 } })
      .then((d) => d?.token ?? NO_STAMP);
    if (this.reuseMs > 0) this.note(key, token, now);
    token.catch(() => this.recent.delete(key));
    return token;
  }

  private note(key: string, token: Promise<string>, at: number): void {
    if (this.recent.size >= 10_000) {
      for (const [k, v] of this.recent) if (at - v.at >= this.reuseMs) this.recent.delete(k);
      if (this.recent.size >= 10_000) this.recent.clear();
    }
    this.recent.set(key, { token, at });
  }

  /**
   * Marks `keys` changed. Called after the write it announces, so a cache that read the old
   * token before loading either saw the write or will reload. An unconditional `$set` by `_id`:
   * any new token will do, so two bumps racing cannot lose a change.
   */
  async bump(...keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.bumpOne(key)));
  }

  private async bumpOne(key: string): Promise<void> {
    const token = newId('stamp');
    this.recent.delete(key);
    const update = { $set: { token, at: new Date() } };
    try {
      await this.model.updateOne({ _id: key }, update, { upsert: true }).exec();
    } catch {
      // Two first bumps can both try to insert (FerretDB answers the loser with code 1 or
      // 11000); the document exists now, so a plain update lands.
      await this.model.updateOne({ _id: key }, update).exec();
    }
    this.recent.delete(key);
  }
}
