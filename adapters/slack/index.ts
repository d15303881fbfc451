import { MissionPulseError } from '../../src/errors';
import type { PlatformPlugin } from '../../src/platform';
import { createSlackAdapter } from './slack-app';
import { createSlackSendClient, createSlackSender } from './slack-sender';

export const slackPlugin: PlatformPlugin = {
  platform: 'slack',
  enabled: (config) => config.slack !== undefined,
  mount: ({ http, core, config, logger }) => {
    if (!config.slack) throw new MissionPulseError('CONFIG_INVALID', 'Slack is not configured; mount it only when enabled');
    createSlackAdapter({ config: config.slack, core, logger, http });
    // Outbox sends get their own client: Bolt's retries and queues on 429, which the outbox must see.
    const client = createSlackSendClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger });
    return createSlackSender({ client });
  },
};
