import type { Connection, Model } from 'mongoose';
import { newId } from './ids';
import { stampModel, type StampDoc } from './models/stamp-model';

/** No stamp yet: nothing has changed since caches could first load. */
export const NO_STAMP = '';

/** Change stamps (models/stamp-model.ts): one `_id` read to check, one write to bump. */
export class Stamps {
  private readonly model: Model<StampDoc>;

  constructor(conn: Connection) {
    this.model = stampModel(conn);
  }

  async read(key: string): Promise<string> {
    const d = await this.model.findById(key, { token: 1 }).lean<Pick<StampDoc, 'token'>>().exec();
    return d?.token ?? NO_STAMP;
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
    const update = { $set: { token: newId('stamp'), at: new Date() } };
    try {
      await this.model.updateOne({ _id: key }, update, { upsert: true }).exec();
    } catch {
      // Two first bumps can both try to insert (FerretDB answers the loser with code 1 or
      // 11000); the document exists now, so a plain update lands.
      await this.model.updateOne({ _id: key }, update).exec();
    }
  }
}
