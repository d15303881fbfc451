import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { MissionPulseError } from '../../src/errors';
import type { PlatformPlugin } from '../../src/platform';
import { createTeamsAdapter } from './teams-app';
import { createTeamsSender } from './teams-sender';

/** The Teams plugin; tests may pass a credentials factory that talks to a local token issuer. */
export function teamsPlugin(opts: { credentialsFactory?: ServiceClientCredentialsFactory } = {}): PlatformPlugin {
  return {
    platform: 'teams',
    enabled: (config) => config.teams !== undefined,
    mount: ({ http, core, config, logger, directory, inbound }) => {
      if (!config.teams) throw new MissionPulseError('CONFIG_INVALID', 'Teams is not configured; mount it only when enabled');
      const { adapter } = createTeamsAdapter({
        config: config.teams,
        core,
        logger,
        http,
        inbound,
        credentialsFactory: opts.credentialsFactory,
      });
      return createTeamsSender({ adapter, appId: config.teams.appId, directory, logger });
    },
  };
}
