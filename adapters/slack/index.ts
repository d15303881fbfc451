import { MissionPulseError } from '../../src/errors';
import type { PlatformPlugin } from '../../src/platform';
import { VaultInstallationStore } from './installation-store';
import { installedWorkspaceClients, singleWorkspaceClients, type SlackWorkspaceClients } from './slack-clients';
import { createSlackAdapter } from './slack-app';
import { createSlackSendClient, createSlackSender } from './slack-sender';

export const slackPlugin: PlatformPlugin = {
  platform: 'slack',
  enabled: (config) => config.slack !== undefined,
  mount: ({ http, core, config, logger, inbound, installations }) => {
    const slack = config.slack;
    if (!slack) throw new MissionPulseError('CONFIG_INVALID', 'Slack is not configured; mount it only when enabled');
    if (slack.oauth && !installations)
      throw new MissionPulseError('CONFIG_INVALID', 'Slack OAuth needs MISSION_PULSE_ENCRYPTION_KEY to store installations');
    const store = slack.oauth && installations ? new VaultInstallationStore(installations) : undefined;
    // Outbox sends get their own clients: Bolt's retries and queues on 429, which the outbox must see.
    let clients: SlackWorkspaceClients;
    if (store) {
      clients = installedWorkspaceClients({
        botToken: (teamId) => store.botToken(teamId),
        makeClient: (botToken) => createSlackSendClient({ botToken, apiUrl: slack.apiUrl, logger }),
      });
    } else {
      clients = singleWorkspaceClients(createSlackSendClient({ botToken: slack.botToken ?? '', apiUrl: slack.apiUrl, logger }));
    }
    createSlackAdapter({
      config: slack,
      core,
      logger,
      http,
      inbound,
      clients,
      ...(store ? { installations: store } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    });
    return createSlackSender({ clients, logger });
  },
};
