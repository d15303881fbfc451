import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { stripUndefined } from './strip-undefined';
import { slackInstallationModel, type SlackInstallationDoc } from './models/slack-installation-model';

/** What is stored for an installation; `sealed` is already encrypted by the caller. */
export interface SealedInstallation {
  /** Team id, or enterprise id for an org-wide install. */
  id: string;
  teamId?: string;
  enterpriseId?: string;
  orgWide: boolean;
  sealed: string;
  installedBy?: string;
}

export interface InstallationRecord extends Omit<SealedInstallation, 'sealed'> {
  sealed?: string;
  installedAt: Date;
  removedAt?: Date;
  removedReason?: string;
}

/** The `slack_installations` collection. It never sees a token in the clear. */
export class SlackInstallationRepository {
  private readonly model: Model<SlackInstallationDoc>;

  constructor(conn: Connection) {
    this.model = slackInstallationModel(conn);
  }

  /** A new install, or a reinstall replacing the tokens of an earlier (or removed) one. */
  async save(install: SealedInstallation, at: Date): Promise<void> {
    const fields = stripUndefined({
      teamId: install.teamId,
      enterpriseId: install.enterpriseId,
      orgWide: install.orgWide,
      sealed: install.sealed,
      installedBy: install.installedBy,
      installedAt: at,
      updatedAt: at,
    });
    try {
      await this.model.create({ _id: install.id, ...fields });
      return;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    // Same data from either of two racing installs; whichever writes last is as good.
    await this.model.updateOne({ _id: install.id }, { $set: fields, $unset: { removedAt: 1, removedReason: 1 } }).exec();
  }

  async get(id: string): Promise<InstallationRecord | undefined> {
    const d = await this.model.findById(id).lean<SlackInstallationDoc>().exec();
    if (!d) return undefined;
    return stripUndefined({
      id: d._id,
      teamId: d.teamId,
      enterpriseId: d.enterpriseId,
      orgWide: d.orgWide,
      sealed: d.sealed,
      installedBy: d.installedBy,
      installedAt: d.installedAt,
      removedAt: d.removedAt,
      removedReason: d.removedReason,
    }) as InstallationRecord;
  }

  /** Drops the tokens, keeping when and why. Returns false if there were none (already removed). */
  async removeTokens(id: string, reason: string, at: Date): Promise<boolean> {
    const current = await this.model.findById(id).lean<SlackInstallationDoc>().exec();
    if (!current?.sealed) return false;
    await this.model
      .updateOne({ _id: id }, { $unset: { sealed: 1 }, $set: { removedAt: at, removedReason: reason, updatedAt: at } })
      .exec();
    return true;
  }
}
