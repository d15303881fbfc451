import pino, { type Logger } from 'pino';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/domain/clock';
import { startApp, type RunningApp } from '../../src/main';
import { slackPlugin } from '../../adapters/slack';
import { teamsPlugin } from '../../adapters/teams';
import { startSlackStandIn, sendToBolt, slashCommand, type SlackStandIn } from '../../adapters/stand-ins/slack';
import {
  newAppId,
  personalMessage,
  postActivity,
  startBotConnector,
  startTokenIssuer,
  type BotConnectorStandIn,
  type TokenIssuer,
} from '../../adapters/stand-ins/teams';
import { testDatabase, type TestDatabase } from './database';
import { answeredLater, lateAnswer } from './late-answer';
import { WAIT_MS, within } from './wait-for';

export const SIGNING_SECRET = 'test-signing-secret';
export const TEAMS_PASSWORD = 'test-app-password';
export const TENANT = 'tenant-ladywood';

/**
 * The whole bot over real HTTP on a real database, with the platforms' clouds played by the
 * stand-ins: Bolt verifies Slack signatures, botbuilder verifies Teams JWTs, for real.
 */
export interface TestApp {
  app: RunningApp;
  slack: SlackStandIn;
  issuer: TokenIssuer;
  connector: BotConnectorStandIn;
  appId: string;
  clock: ManualClock;
  db: TestDatabase;
  slackUrl: string;
  teamsUrl: string;
  /** A signed `/mission` (or other) slash command; resolves with Bolt's HTTP answer, or the late one (late-answer.ts). */
  slashCommand(
    user: string,
    command: string,
    text: string,
    opts?: { channel?: string; channelName?: string; team?: string },
  ): Promise<{ status: number; body: string }>;
  /** A Teams personal-chat message carrying a valid JWT. */
  teamsMessage(
    user: { id: string; name: string; tenantId?: string },
    text: string,
    opts?: { token?: string },
  ): Promise<{ status: number; body: string; conversationId: string }>;
  stop(): Promise<void>;
}

/** A database on a server the test runs itself (to stop and restart it). */
function externalDatabase(uri: string, label: string): TestDatabase {
  const dbName = `mp_${label}`.slice(0, 60);
  return { uri: uri.replace(/\/(\?|$)/, `/${dbName}$1`), dbName, drop: async () => undefined };
}

export interface TestAppOptions {
  at?: Date;
  scheduler?: boolean;
  mongoUri?: string;
  /** Changes the environment the app is configured from (e.g. Slack OAuth, a single-tenant Teams bot). */
  env?: (env: Record<string, string>, ctx: { slack: SlackStandIn; appId: string }) => Record<string, string>;
  /** Default: silent. */
  logger?: Logger;
}

export async function startTestApp(label: string, opts: TestAppOptions = {}): Promise<TestApp> {
  const db = opts.mongoUri ? externalDatabase(opts.mongoUri, label) : await testDatabase(label);
  const slack = await startSlackStandIn({ rateLimits: { enabled: false } });
  const appId = newAppId();
  const issuer = await startTokenIssuer({ apps: { [appId]: TEAMS_PASSWORD } });
  const connector = await startBotConnector({ issuer, rateLimits: { enabled: false } });
  const clock = new ManualClock(opts.at ?? new Date('2026-11-26T12:00:00Z'));
  const auth = issuer.botAuthConfig({ appId, appPassword: TEAMS_PASSWORD });
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    MONGODB_URI: db.uri,
    MONGODB_DB: db.dbName,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
  };
  for (const [k, v] of Object.entries(auth)) env[k] = String(v);
  const config = loadConfig(opts.env ? opts.env(env, { slack, appId }) : env);
  const app = await startApp({
    config,
    clock,
    logger: opts.logger ?? pino({ level: 'silent' }),
    platforms: [slackPlugin, teamsPlugin({ credentialsFactory: issuer.credentialsFactory({ appId, appPassword: TEAMS_PASSWORD }) })],
    scheduler: opts.scheduler ?? false,
    dispatcher: { limits: { timeScale: 0.001 }, pollIntervalMs: 50 },
  });
  const slackUrl = `${app.url.replace('localhost', '127.0.0.1')}/slack/events`;
  const teamsUrl = `${app.url.replace('localhost', '127.0.0.1')}/api/messages`;
  return {
    app,
    slack,
    issuer,
    connector,
    appId,
    clock,
    db,
    slackUrl,
    teamsUrl,
    async slashCommand(user, command, text, o = {}) {
      const payload = slashCommand({
        standIn: slack,
        userId: user,
        command,
        text,
        channelId: o.channel ?? 'C0MISSION',
        channelName: o.channelName ?? 'mission-team',
        teamId: o.team ?? slack.teamId,
      });
      const res = await sendToBolt(slackUrl, 'slash_command', payload, { signingSecret: SIGNING_SECRET });
      if (!answeredLater(res.body)) return res;
      await within(app.runtime.inbound.idle(), `the late answer to ${command} ${text.slice(0, 40)}`, WAIT_MS * 3);
      return { ...res, body: lateAnswer(slack, payload.response_url) ?? res.body };
    },
    async teamsMessage(user, text, o = {}) {
      const activity = personalMessage(
        {
          serviceUrl: connector.serviceUrl,
          appId,
          tenantId: user.tenantId ?? TENANT,
          user: { id: user.id, name: user.name, aadObjectId: `aad-${user.id.replace(/\W/g, '')}` },
        },
        { text },
      );
      const res = await postActivity(teamsUrl, activity, o.token !== undefined ? { token: o.token } : { issuer, appId });
      return { status: res.status, body: res.body, conversationId: String((activity.conversation as { id: string }).id) };
    },
    async stop() {
      await app.stop();
      await Promise.all([slack.close(), connector.close(), issuer.close()]);
      await db.drop();
    },
  };
}
