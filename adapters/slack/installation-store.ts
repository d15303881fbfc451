import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationVault } from '../../src/platform';

/** Bolt asked for a workspace that has no installation (never installed, or uninstalled). */
export class SlackNotInstalledError extends Error {
  readonly code = 'SLACK_NOT_INSTALLED';
  constructor(readonly workspace: string | undefined) {
    super(`Mission Pulse is not installed in Slack workspace ${workspace ?? '(unknown)'}`);
    this.name = 'SlackNotInstalledError';
  }
}

/** Which stored installation answers a query: the organisation's for an org-wide install, else the team's. */
export function installationId(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string | undefined {
  if (query.isEnterpriseInstall && query.enterpriseId) return query.enterpriseId;
  return query.teamId;
}

/**
 * Bolt's InstallationStore over the core's vault: Bolt's Installation (tokens and all) is kept
 * as JSON, which the vault seals before it reaches the database.
 */
export class VaultInstallationStore implements InstallationStore {
  constructor(private readonly vault: InstallationVault) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const orgWide = installation.isEnterpriseInstall === true;
    const id = orgWide ? installation.enterprise?.id : installation.team?.id;
    if (!id) throw new SlackNotInstalledError(undefined);
    await this.vault.save({
      id,
      orgWide,
      ...(installation.team?.id ? { teamId: installation.team.id } : {}),
      ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
      ...(installation.user?.id ? { installedBy: installation.user.id } : {}),
      payload: JSON.stringify(installation),
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const id = installationId(query);
    const payload = id ? await this.vault.open(id) : undefined;
    if (!payload) throw new SlackNotInstalledError(id);
    return JSON.parse(payload) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.remove(query, 'deleted');
  }

  /** Deletes the workspace's tokens; true when there were some. */
  async remove(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }, reason: string): Promise<boolean> {
    const id = installationId(query);
    return id ? this.vault.remove(id, reason) : false;
  }

  /** The bot token installed for a workspace, or undefined when there is none. */
  async botToken(teamId: string): Promise<string | undefined> {
    const payload = await this.vault.open(teamId);
    if (!payload) return undefined;
    return (JSON.parse(payload) as Installation).bot?.token;
  }
}
