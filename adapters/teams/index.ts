import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { PlatformPlugin } from '../../src/platform';
import { createTeamsAdapter } from './teams-app';

/** The Teams plugin; tests may pass a credentials factory that talks to a local token issuer. */
export function teamsPlugin(opts: { credentialsFactory?: ServiceClientCredentialsFactory } = {}): PlatformPlugin {
  return {
    platform: 'teams',
    enabled: (config) => config.teams !== undefined,
    mount: ({ http, core, config, logger }) => {
      if (!config.teams) return;
      createTeamsAdapter({ config: config.teams, core, logger, http, credentialsFactory: opts.credentialsFactory });
    },
  };
}
