import { nativeCollection } from './native-collection';
import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { stripUndefined } from './strip-undefined';
import { conversationModel, type ConversationDoc } from './models/conversation-model';
import { dmSeenModel, type DmSeenDoc } from './models/dm-seen-model';

/** Where a person's replies go when they have several check-ins open. */
export interface ConversationFocus {
  userKey: string;
  roundId?: string;
  choosing: string[];
  held?: string;
  heldAt?: Date;
  updatedAt: Date;
}

/**
 * `new`: first delivery, handle it. `duplicate`: handled (or being handled) already.
 * `retry`: taken in long ago but never answered (the handler crashed): handle it again.
 */
export type MessageClaim = 'new' | 'duplicate' | 'retry';

function toFocus(d: ConversationDoc): ConversationFocus {
  return {
    userKey: d._id,
    ...(d.roundId ? { roundId: d.roundId } : {}),
    choosing: d.choosing ?? [],
    ...(d.held !== undefined && d.held !== null ? { held: d.held } : {}),
    ...(d.heldAt ? { heldAt: d.heldAt } : {}),
    updatedAt: d.updatedAt,
  };
}

/** The state of check-in conversations that is per person rather than per check-in. */
export class ConversationRepository {
  private readonly focus: Model<ConversationDoc>;
  private readonly seen: Model<DmSeenDoc>;

  constructor(conn: Connection) {
    this.focus = conversationModel(conn);
    this.seen = dmSeenModel(conn);
  }

  async getFocus(userKey: string): Promise<ConversationFocus | undefined> {
    const d = await this.focus.findById(userKey).lean<ConversationDoc>().exec();
    return d ? toFocus(d) : undefined;
  }

  /** Replaces the person's focus (created by a unique insert, then written by _id). */
  async setFocus(f: ConversationFocus): Promise<void> {
    const doc = { roundId: f.roundId, choosing: f.choosing, held: f.held, heldAt: f.heldAt, updatedAt: f.updatedAt };
    try {
      await this.focus.create({ _id: f.userKey, ...stripUndefined(doc) });
      return;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const unset = Object.fromEntries(
      Object.entries(doc)
        .filter(([, v]) => v === undefined)
        .map(([k]) => [k, 1]),
    );
    await this.focus
      .updateOne({ _id: f.userKey }, { $set: stripUndefined(doc), ...(Object.keys(unset).length ? { $unset: unset } : {}) })
      .exec();
  }

  /**
   * Takes in a direct message once, by a unique insert of its key. A second delivery finds it;
   * if the first was taken in more than `staleMs` ago and never marked done, it is handled again
   * (drafts remember applied message ids, so that cannot apply it twice).
   */
  async claimMessage(key: string, at: Date, staleMs: number): Promise<MessageClaim> {
    try {
      // Every inbound message and Teams command passes here: the driver's own insert skips
      // mongoose's document building, a third of the client's time for this write.
      await nativeCollection(this.seen).insertOne({ _id: key, at, done: false });
      return 'new';
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const found = await this.seen.findById(key).lean<DmSeenDoc>().exec();
    if (!found || found.done || at.getTime() - found.at.getTime() < staleMs) return 'duplicate';
    await this.seen.updateOne({ _id: key }, { $set: { at } }).exec();
    return 'retry';
  }

  async finishMessage(key: string): Promise<void> {
    await nativeCollection(this.seen).updateOne({ _id: key }, { $set: { done: true } });
  }

  /** Forgets message ids older than `before` (their platforms stop redelivering within minutes). */
  async purgeSeen(before: Date): Promise<number> {
    return (await this.seen.deleteMany({ at: { $lt: before } }).exec()).deletedCount;
  }
}
