import { z } from 'zod';
import { MissionPulseError } from './errors';

/**
 * The one place that reads the environment. Everything else takes a Config. Names follow each
 * ecosystem's conventions: SLACK_* as Slack's samples use them, Microsoft* and the
 * ToBotFromChannel* overrides as botbuilder reads them.
 */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const httpUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL');

const bool = z
  .string()
  .trim()
  .optional()
  .refine((v) => v === undefined || v === '' || /^(true|false|1|0|yes|no)$/i.test(v), 'must be true or false')
  .transform((v) => v !== undefined && /^(true|1|yes)$/i.test(v));

const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || (/^\d+$/.test(v) && Number(v) < 65536), 'must be a port number from 1 to 65535 (0 picks a free one)'),
  HOST: optionalText,
  LOG_LEVEL: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v), 'must be one of fatal, error, warn, info, debug, trace, silent'),
  MONGODB_URI: optionalText.refine((v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v), 'must start with mongodb:// or mongodb+srv://'),
  MONGODB_DB: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,63}$/.test(v), 'must be 1–63 letters, digits, _ or -'),
  MISSION_PULSE_DATA_DIR: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_API_URL: httpUrl,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.refine((v) => v === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v), 'must be MultiTenant, SingleTenant or UserAssignedMSI'),
  MicrosoftAppTenantId: optionalText,
  ToBotFromChannelOpenIdMetadataUrl: httpUrl,
  ToBotFromChannelTokenIssuer: optionalText,
  ToBotFromEmulatorOpenIdMetadataUrl: httpUrl,
  ToChannelFromBotLoginUrl: httpUrl,
  ToChannelFromBotOAuthScope: optionalText,
  OAuthApiEndpoint: httpUrl,
  OAuthUrl: httpUrl,
  ValidateAuthority: optionalText.refine((v) => v === undefined || /^(true|false)$/i.test(v), 'must be true or false'),
  TEAMS_ALLOW_EMULATOR: bool,
});

export type Env = Record<string, string | undefined>;

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  apiUrl?: string;
}

export interface TeamsConfig {
  /** Empty only in emulator mode, which must be asked for explicitly. */
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId?: string;
  allowEmulator: boolean;
  /** botbuilder's own override keys, passed through to ConfigurationBotFrameworkAuthentication. */
  overrides: Record<string, string>;
}

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  /** Absent: start the embedded database. */
  mongoUri?: string;
  mongoDb: string;
  dataDir: string;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  dev: boolean;
}

const BOTBUILDER_OVERRIDE_KEYS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthApiEndpoint',
  'OAuthUrl',
  'ValidateAuthority',
] as const;

export class ConfigError extends MissionPulseError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', `Mission Pulse cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the settings once. Throws ConfigError naming every variable at fault. */
export function loadConfig(env: Env, opts: { dev?: boolean; cwd?: string } = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message} (got "${String(env[String(i.path[0])] ?? '')}")`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  let slack: SlackConfig | undefined;
  if (e.SLACK_SIGNING_SECRET || e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET is missing: Slack is half set up (SLACK_BOT_TOKEN is set). Copy it from your Slack app\'s Basic Information page.');
    if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is missing: Slack is half set up (SLACK_SIGNING_SECRET is set). Copy the xoxb- token from your Slack app\'s OAuth & Permissions page.');
    if (e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN) {
      slack = { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL };
    }
  } else if (e.SLACK_API_URL) {
    problems.push('SLACK_API_URL is set but Slack is not: also set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN, or unset SLACK_API_URL.');
  }

  let teams: TeamsConfig | undefined;
  const overrides: Record<string, string> = {};
  for (const key of BOTBUILDER_OVERRIDE_KEYS) {
    const v = e[key];
    if (v) overrides[key] = v;
  }
  if (e.MicrosoftAppId || e.MicrosoftAppPassword || e.TEAMS_ALLOW_EMULATOR) {
    const appType = (e.MicrosoftAppType ?? 'MultiTenant') as TeamsConfig['appType'];
    if (e.MicrosoftAppId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(e.MicrosoftAppId)) {
      problems.push(`MicrosoftAppId must be the bot's Microsoft app id, a GUID like 00000000-0000-0000-0000-000000000000 (got "${e.MicrosoftAppId}").`);
    }
    if (!e.MicrosoftAppId && e.MicrosoftAppPassword) problems.push('MicrosoftAppId is missing: Teams is half set up (MicrosoftAppPassword is set).');
    if (e.MicrosoftAppId && !e.MicrosoftAppPassword && appType !== 'UserAssignedMSI') {
      problems.push('MicrosoftAppPassword is missing: Teams is half set up (MicrosoftAppId is set). Create a client secret for the bot\'s app registration.');
    }
    if (appType === 'SingleTenant' && !e.MicrosoftAppTenantId) problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.');
    teams = {
      appId: e.MicrosoftAppId ?? '',
      appPassword: e.MicrosoftAppPassword ?? '',
      appType,
      appTenantId: e.MicrosoftAppTenantId,
      allowEmulator: e.TEAMS_ALLOW_EMULATOR,
      overrides,
    };
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const cwd = opts.cwd ?? '.';
  return {
    port: e.PORT !== undefined && e.PORT !== '' ? Number(e.PORT) : 3978,
    host: e.HOST ?? '0.0.0.0',
    logLevel: e.LOG_LEVEL || 'info',
    mongoUri: e.MONGODB_URI,
    mongoDb: e.MONGODB_DB ?? 'mission_pulse',
    dataDir: e.MISSION_PULSE_DATA_DIR ?? `${cwd}/.data`,
    slack,
    teams,
    dev: opts.dev ?? false,
  };
}

/** Which platforms are on, for the start-up log line. */
export function platformsOn(config: Config): string[] {
  const on: string[] = [];
  if (config.slack) on.push('slack');
  if (config.teams) on.push(config.teams.appId ? 'teams' : 'teams (emulator mode, unauthenticated)');
  return on;
}

/** The process environment, read here and nowhere else. `npm run dev` asks for dev defaults. */
export function loadConfigFromProcess(opts: { dev: boolean }): Config {
  const env: Env = { ...process.env };
  if (opts.dev && env.TEAMS_ALLOW_EMULATOR === undefined) env.TEAMS_ALLOW_EMULATOR = 'true';
  return loadConfig(env, { dev: opts.dev, cwd: process.cwd() });
}

/** A copy of the process environment, for `npm run dev`, which layers the playground's settings on it. */
export function processEnv(): Env {
  return { ...process.env };
}
