import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import type { InstallationVault, VaultInstallation } from '../platform';
import { decrypt, encrypt } from '../store/encryption';
import type { SlackInstallationRepository } from '../store/slack-installation-repository';

/**
 * The InstallationVault over the database: payloads are sealed with AES-256-GCM before they
 * are written and opened after they are read, so tokens are never at rest in the clear.
 * Removing an installation keeps the missions and answers: those go when the missions'
 * retention period says, like any other data.
 */
export class SealedInstallationVault implements InstallationVault {
  private readonly logger: Logger;

  constructor(
    private readonly repo: SlackInstallationRepository,
    private readonly key: Buffer,
    private readonly clock: Clock,
    logger: Logger,
    platform = 'slack',
  ) {
    this.logger = logger.child({ platform });
  }

  async save(install: VaultInstallation): Promise<void> {
    const { payload, ...rest } = install;
    await this.repo.save({ ...rest, sealed: encrypt(payload, this.key) }, this.clock.now());
    this.logger.info(
      { workspace: install.id, orgWide: install.orgWide, installedBy: install.installedBy },
      'installed: tokens stored encrypted',
    );
  }

  async open(id: string): Promise<string | undefined> {
    const record = await this.repo.get(id);
    if (!record?.sealed) return undefined;
    try {
      return decrypt(record.sealed, this.key);
    } catch (e) {
      this.logger.error(
        { workspace: id, err: e },
        'a stored installation could not be decrypted: was MISSION_PULSE_ENCRYPTION_KEY changed?',
      );
      throw e;
    }
  }

  async remove(id: string, reason: string): Promise<boolean> {
    const removed = await this.repo.removeTokens(id, reason, this.clock.now());
    this.logger.info(
      { workspace: id, reason, removed },
      removed
        ? 'uninstalled: tokens deleted and sending stopped; mission data is kept until its retention period ends'
        : 'uninstall event for a workspace with no stored tokens (already removed)',
    );
    return removed;
  }
}
