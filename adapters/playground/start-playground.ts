import { loadConfig, type Env } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { startApp, type RunningApp, type StartOptions } from '../../src/main';
import { DEFAULT_SLACK_BOT_TOKEN, DEFAULT_SLACK_TEAM_ID, startSlackStandIn, type SlackStandIn } from '../stand-ins/slack';
import { startBotConnector, type BotConnectorStandIn } from '../stand-ins/teams';
import slackManifest from '../../manifests/slack/manifest.json';
import { slackPlugin } from '../slack';
import { teamsPlugin } from '../teams';
import { ActivityLog } from './activity-log';
import { loadAssets } from './assets';
import { seedDemo, type DemoSeedResult } from './demo-seed';
import { PERSONAS } from './personas';
import { mountPlaygroundRoutes, type PlaygroundSides } from './routes';
import { SlackSide } from './slack-side';
import { TeamsSide } from './teams-side';

/** Signs the playground's Slack requests; only ever valid against the local stand-in. */
export const PLAYGROUND_SIGNING_SECRET = 'playground-signing-secret-local-only';

/** Settings that point the bot at a real Slack or Teams; the playground replaces them all. */
const PLATFORM_SETTING = /^(SLACK_|Microsoft|ToBotFrom|ToChannelFrom|OAuth|ValidateAuthority$|TEAMS_)/;

export interface PlaygroundOptions {
  /** The settings the bot reads (in `npm run dev`, the process environment). Platform settings are replaced. */
  env: Env;
  cwd?: string;
  logger?: Logger;
  /** Seed the demo mission with twelve weeks of history. */
  demo?: boolean;
  /** Tests drive time themselves; default: the scheduler runs. */
  scheduler?: boolean;
  dispatcher?: StartOptions['dispatcher'];
}

export interface RunningPlayground {
  /** The page, e.g. http://localhost:3978/playground */
  url: string;
  app: RunningApp;
  slack: SlackStandIn;
  connector: BotConnectorStandIn;
  demo?: DemoSeedResult;
  stop(): Promise<void>;
}

/** True when the environment configures no real platform, so `npm run dev` should start the playground. */
export function wantsPlayground(env: Env): boolean {
  return !env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.MicrosoftAppId && !env.MicrosoftAppPassword;
}

/** The bot's settings with both platforms pointed at the stand-ins. */
export function playgroundEnv(env: Env, slack: Pick<SlackStandIn, 'botToken' | 'apiUrl'>): Env {
  const out: Env = {};
  for (const [k, v] of Object.entries(env)) if (!PLATFORM_SETTING.test(k)) out[k] = v;
  return {
    ...out,
    // Nothing outside this machine should be able to drive the people of the playground.
    HOST: env.HOST ?? '127.0.0.1',
    SLACK_SIGNING_SECRET: PLAYGROUND_SIGNING_SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    // The Bot Framework Emulator's mode: no app id, so botbuilder accepts unauthenticated activities.
    TEAMS_ALLOW_EMULATOR: 'true',
  };
}

/** The address the bot's own endpoints are reached at from this process. */
function loopbackBase(host: string, port: number): string {
  const h = ['0.0.0.0', '::', '127.0.0.1', 'localhost', ''].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/**
 * `npm run dev`: the Slack and Teams stand-ins, the bot on the same HTTP server as the
 * playground page, the four people installed in Teams, and (with `demo`) the demo mission.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  // The Slack stand-in comes first: its URL and token go into the bot's configuration.
  const slack = await startSlackStandIn({
    workspaces: [
      { teamId: DEFAULT_SLACK_TEAM_ID, botTokens: [DEFAULT_SLACK_BOT_TOKEN], teamName: 'Ladywood Partners', domain: 'ladywood-partners' },
    ],
    users: PERSONAS.map((p) => ({
      id: p.slack.userId,
      teamId: DEFAULT_SLACK_TEAM_ID,
      name: p.slack.userName,
      realName: p.name,
      tz: 'Europe/London',
    })),
  });
  const connector = await startBotConnector({});
  const stopStandIns = async () => {
    await Promise.all([slack.close(), connector.close()]);
  };

  let app: RunningApp;
  let sides: PlaygroundSides | undefined;
  try {
    const config = loadConfig(playgroundEnv(opts.env, slack), { dev: true, cwd: opts.cwd ?? process.cwd() });
    const logger = opts.logger ?? createLogger(config.logLevel);
    const { page, assets } = await loadAssets();
    app = await startApp({
      config,
      logger,
      platforms: [slackPlugin, teamsPlugin()],
      routes: [(http) => mountPlaygroundRoutes(http, { sides: () => sides, page, assets, logger })],
      ...(opts.scheduler !== undefined ? { scheduler: opts.scheduler } : {}),
      ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    });
    const base = loopbackBase(config.host, app.port);
    const log = new ActivityLog();
    sides = {
      slack: new SlackSide({ slack, eventsUrl: () => `${base}/slack/events`, signingSecret: PLAYGROUND_SIGNING_SECRET, log }),
      teams: new TeamsSide({ connector, messagesUrl: () => `${base}/api/messages`, log }),
      slackBotUserId: slack.botUserId,
      slashCommands: slackManifest.features.slash_commands.map((c) => c.command),
    };
  } catch (e) {
    await stopStandIns();
    throw e;
  }

  try {
    // Teams lets a bot message only people who have the app; installing it for each person is
    // also what refreshes their stored conversation when the connector's address changes.
    const teams = sides.teams;
    await Promise.all(PERSONAS.map((p) => teams.install(p)));
    const demo = opts.demo
      ? await seedDemo(app.store, { now: new Date(), slackTeamId: slack.teamId, teamsServiceUrl: connector.serviceUrl })
      : undefined;
    return {
      url: `${app.url}/playground`,
      app,
      slack,
      connector,
      ...(demo ? { demo } : {}),
      async stop() {
        await app.stop();
        await stopStandIns();
      },
    };
  } catch (e) {
    await app.stop();
    await stopStandIns();
    throw e;
  }
}
