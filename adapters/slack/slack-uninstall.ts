import type { App } from '@slack/bolt';
import type { Logger } from '../../src/logger';
import { installationId, type VaultInstallationStore } from './installation-store';
import type { SlackWorkspaceClients } from './slack-clients';

/**
 * `app_uninstalled` and `tokens_revoked`: the workspace's tokens are deleted and sending there
 * stops. They come in either order and may be redelivered, so each is safe to repeat. Missions
 * and answers stay until their retention period ends, as for any other data.
 */

interface WorkspaceContext {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

interface TokensRevokedEvent {
  tokens?: { oauth?: string[]; bot?: string[] };
}

export function registerSlackUninstall(
  bolt: App,
  opts: { store?: VaultInstallationStore; clients: SlackWorkspaceClients; logger: Logger },
): void {
  const log = opts.logger.child({ platform: 'slack' });

  async function uninstalled(where: WorkspaceContext, reason: 'app_uninstalled' | 'tokens_revoked'): Promise<void> {
    const workspace = installationId(where);
    if (!workspace) return;
    opts.clients.forget(workspace);
    if (where.teamId) opts.clients.forget(where.teamId);
    if (opts.store) {
      await opts.store.remove(where, reason);
      return;
    }
    // One workspace on a configured token: Slack refuses it from now on; say what to do.
    log.warn(
      { workspace, reason },
      'Mission Pulse was uninstalled from its Slack workspace: sending has stopped. Reinstall the app and set the new SLACK_BOT_TOKEN, or unset the Slack settings. Mission data is kept until its retention period ends.',
    );
  }

  bolt.event('app_uninstalled', async ({ context }) => {
    await uninstalled(context, 'app_uninstalled');
  });

  bolt.event('tokens_revoked', async ({ event, context }) => {
    // Only bot tokens are held; revoked user tokens (none are asked for) change nothing.
    if (((event as TokensRevokedEvent).tokens?.bot ?? []).length === 0) return;
    await uninstalled(context, 'tokens_revoked');
  });
}
