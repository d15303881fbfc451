import { startSlackStandIn, type SlackRateLimitOptions, type SlackStandIn } from '../../../adapters/stand-ins/slack';
import {
  newAppId,
  startBotConnector,
  startTokenIssuer,
  type BotConnectorStandIn,
  type ConnectorRateLimitOptions,
  type TokenIssuer,
} from '../../../adapters/stand-ins/teams';

export const SIGNING_SECRET = 'bench-signing-secret';
export const TEAMS_PASSWORD = 'bench-app-password';

/** The platforms' clouds, played by the stand-ins, and the settings the bot needs to use them. */
export interface BenchPlatforms {
  slack: SlackStandIn;
  issuer: TokenIssuer;
  connector: BotConnectorStandIn;
  appId: string;
  /** Environment for the bot process: Slack and Teams settings pointing at the stand-ins. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Shrinks every rate-limit window of both stand-ins (1 = real time). */
  timeScale?: number;
  slackRateLimits?: SlackRateLimitOptions;
  teamsRateLimits?: ConnectorRateLimitOptions;
}

export async function startPlatforms(opts: PlatformOptions = {}): Promise<BenchPlatforms> {
  const timeScale = opts.timeScale ?? 1;
  const slack = await startSlackStandIn({ timeScale, rateLimits: opts.slackRateLimits ?? {} });
  const appId = newAppId();
  const issuer = await startTokenIssuer({ apps: { [appId]: TEAMS_PASSWORD } });
  const connector = await startBotConnector({ issuer, timeScale, rateLimits: opts.teamsRateLimits ?? {} });
  const env: Record<string, string> = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    // Read by the bot process to build the MSAL client that talks to the token issuer.
    BENCH_TEAMS_AUTHORITY: issuer.loginUrl(),
  };
  for (const [k, v] of Object.entries(issuer.botAuthConfig({ appId, appPassword: TEAMS_PASSWORD }))) env[k] = String(v);
  return {
    slack,
    issuer,
    connector,
    appId,
    env,
    async close() {
      await Promise.all([slack.close(), connector.close(), issuer.close()]);
    },
  };
}
