import type { PlatformPlugin } from '../../src/platform';
import { createSlackAdapter } from './slack-app';

export const slackPlugin: PlatformPlugin = {
  platform: 'slack',
  enabled: (config) => config.slack !== undefined,
  mount: ({ http, core, config, logger }) => {
    if (!config.slack) return;
    createSlackAdapter({ config: config.slack, core, logger, http });
  },
};
