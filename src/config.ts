import { z } from 'zod';
import { MissionPulseError } from './errors';
import { parseEncryptionKey } from './store/encryption';
import { QUERY_SHAPES_SETTINGS, type QueryShapesSetting } from './store/query-shapes';
import { withoutTrailingSlashes } from './text/trim-chars';

/** FerretDB's storage in the embedded database. */
export type DbEngine = 'sqlite' | 'postgresql';
const DB_ENGINES: readonly DbEngine[] = ['sqlite', 'postgresql'];

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
    .refine(
      (v) => v === undefined || v === '' || (/^\d+$/.test(v) && Number(v) < 65536),
      'must be a port number from 1 to 65535 (0 picks a free one)',
    ),
  HOST: optionalText,
  LOG_LEVEL: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v),
      'must be one of fatal, error, warn, info, debug, trace, silent',
    ),
  MONGODB_URI: optionalText.refine(
    (v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v),
    'must start with mongodb:// or mongodb+srv://',
  ),
  // FerretDB's name rule; on PostgreSQL a database is a schema, and `pg_` names are reserved there.
  MONGODB_DB: optionalText
    .refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,63}$/.test(v), 'must be 1–63 letters, digits, _ or -')
    .refine(
      (v) => v === undefined || !/^pg_/i.test(v),
      'must not start with pg_ (PostgreSQL keeps those names, so FerretDB on it refuses them)',
    ),
  MISSION_PULSE_DATA_DIR: optionalText,
  MISSION_PULSE_DB_ENGINE: optionalText.refine(
    (v) => v === undefined || (DB_ENGINES as readonly string[]).includes(v),
    `must be ${DB_ENGINES.join(' or ')}`,
  ),
  MISSION_PULSE_DB_QUERIES: optionalText.refine(
    (v) => v === undefined || (QUERY_SHAPES_SETTINGS as readonly string[]).includes(v),
    `must be ${QUERY_SHAPES_SETTINGS.join(', ')}`,
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_API_URL: httpUrl,
  SLACK_CLIENT_ID: optionalText.refine(
    (v) => v === undefined || /^[0-9]+\.[0-9]+$/.test(v),
    "must be the Client ID from your Slack app's Basic Information page (digits, a dot, digits)",
  ),
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.refine(
    (v) => v === undefined || v.length >= 16,
    'must be at least 16 random characters (make one with: openssl rand -hex 20)',
  ),
  MISSION_PULSE_ENCRYPTION_KEY: optionalText.refine(
    (v) => v === undefined || parseEncryptionKey(v) !== undefined,
    'must be 32 random bytes in base64 (make one with: openssl rand -base64 32)',
  ),
  PUBLIC_URL: optionalText.refine(
    (v) => v === undefined || /^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(v) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/[^\s]*)?$/.test(v),
    'must be the https:// address people and Slack reach the bot at (http:// only for localhost)',
  ),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.refine(
    (v) => v === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(v),
    'must be MultiTenant, SingleTenant or UserAssignedMSI',
  ),
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

/**
 * Slack runs in one of two modes: one workspace with a bot token from the environment, or many
 * workspaces, each installed through OAuth at /slack/install with its token kept encrypted.
 */
export interface SlackConfig {
  signingSecret: string;
  /** Single-workspace mode: the xoxb- token from the Slack app's OAuth & Permissions page. */
  botToken?: string;
  /** Many-workspace mode (OAuth install). Exactly one of botToken and oauth is set. */
  oauth?: SlackOAuthConfig;
  apiUrl?: string;
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` parameter (and its browser cookie) against forged installs. */
  stateSecret: string;
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
  /** The embedded database's storage; unset: a mongod on PATH if there is one, else sqlite. */
  dbEngine?: DbEngine;
  /** How reads are shaped: `auto` asks the server (see src/store/query-shapes.ts). */
  dbQueries: QueryShapesSetting;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  /** AES-256 key (32 bytes) for platform tokens stored in the database; required with Slack OAuth. */
  encryptionKey?: Buffer;
  /** The https base URL the bot is reached at (OAuth redirect, links); no trailing slash. */
  publicUrl?: string;
  dev: boolean;
}

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set([
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'MISSION_PULSE_ENCRYPTION_KEY',
  'MicrosoftAppPassword',
]);

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
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        const value = String(env[name] ?? '');
        return `${i.path.join('.')} ${i.message} (got ${SECRET_VARIABLES.has(name) ? `${value.length} characters` : `"${value}"`})`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];

  const slack = slackConfig(e, problems);

  if (e.MONGODB_URI && e.MISSION_PULSE_DB_ENGINE) {
    problems.push(
      'MISSION_PULSE_DB_ENGINE chooses the embedded database, which is not started when MONGODB_URI is set: unset one of them.',
    );
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
      problems.push(
        `MicrosoftAppId must be the bot's Microsoft app id, a GUID like 00000000-0000-0000-0000-000000000000 (got "${e.MicrosoftAppId}").`,
      );
    }
    if (!e.MicrosoftAppId && e.MicrosoftAppPassword)
      problems.push('MicrosoftAppId is missing: Teams is half set up (MicrosoftAppPassword is set).');
    if (e.MicrosoftAppId && !e.MicrosoftAppPassword && appType !== 'UserAssignedMSI') {
      problems.push(
        "MicrosoftAppPassword is missing: Teams is half set up (MicrosoftAppId is set). Create a client secret for the bot's app registration.",
      );
    }
    if (appType === 'SingleTenant' && !e.MicrosoftAppTenantId)
      problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.');
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
    ...(e.MISSION_PULSE_DB_ENGINE ? { dbEngine: e.MISSION_PULSE_DB_ENGINE as DbEngine } : {}),
    dbQueries: (e.MISSION_PULSE_DB_QUERIES ?? 'auto') as QueryShapesSetting,
    slack,
    teams,
    ...(e.MISSION_PULSE_ENCRYPTION_KEY ? { encryptionKey: parseEncryptionKey(e.MISSION_PULSE_ENCRYPTION_KEY) } : {}),
    ...(e.PUBLIC_URL ? { publicUrl: withoutTrailingSlashes(e.PUBLIC_URL) } : {}),
    dev: opts.dev ?? false,
  };
}

type ParsedEnv = z.infer<typeof envSchema>;

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const OAUTH_WHERE: Record<(typeof OAUTH_VARIABLES)[number], string> = {
  SLACK_CLIENT_ID: "copy it from your Slack app's Basic Information page",
  SLACK_CLIENT_SECRET: "copy it from your Slack app's Basic Information page",
  SLACK_STATE_SECRET: 'make one with: openssl rand -hex 20',
};

/**
 * Slack is on with its signing secret plus either a bot token (one workspace) or the OAuth
 * trio (many workspaces). Anything half set is a problem that names the missing variable.
 */
function slackConfig(e: ParsedEnv, problems: string[]): SlackConfig | undefined {
  const oauthSet = OAUTH_VARIABLES.filter((k) => e[k] !== undefined);
  if (!e.SLACK_SIGNING_SECRET && !e.SLACK_BOT_TOKEN && oauthSet.length === 0) {
    if (e.SLACK_API_URL)
      problems.push('SLACK_API_URL is set but Slack is not: also set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN, or unset SLACK_API_URL.');
    return undefined;
  }
  const start = problems.length;
  if (!e.SLACK_SIGNING_SECRET) {
    const set = e.SLACK_BOT_TOKEN ? 'SLACK_BOT_TOKEN' : oauthSet.join(', ');
    problems.push(
      `SLACK_SIGNING_SECRET is missing: Slack is half set up (${set} is set). Copy it from your Slack app's Basic Information page.`,
    );
  }
  if (e.SLACK_BOT_TOKEN && oauthSet.length > 0) {
    problems.push(
      `SLACK_BOT_TOKEN and ${oauthSet.join(', ')} are both set: choose one workspace (SLACK_BOT_TOKEN) or many workspaces installed through OAuth (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), and unset the other.`,
    );
  } else if (oauthSet.length > 0) {
    for (const k of OAUTH_VARIABLES) {
      if (e[k] === undefined)
        problems.push(
          `${k} is missing: installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (${oauthSet.join(', ')} is set); ${OAUTH_WHERE[k]}.`,
        );
    }
    if (!e.MISSION_PULSE_ENCRYPTION_KEY) {
      problems.push(
        'MISSION_PULSE_ENCRYPTION_KEY is missing: Slack tokens installed through OAuth are stored encrypted with it. Make one with: openssl rand -base64 32 (and keep it safe: without it the stored tokens cannot be read).',
      );
    }
  } else if (!e.SLACK_BOT_TOKEN) {
    problems.push(
      "SLACK_BOT_TOKEN is missing: Slack is half set up (SLACK_SIGNING_SECRET is set). Copy the xoxb- token from your Slack app's OAuth & Permissions page, or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install in many workspaces.",
    );
  }
  if (problems.length > start || !e.SLACK_SIGNING_SECRET) return undefined;
  const base = { signingSecret: e.SLACK_SIGNING_SECRET, ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}) };
  if (e.SLACK_BOT_TOKEN) return { ...base, botToken: e.SLACK_BOT_TOKEN };
  return {
    ...base,
    oauth: { clientId: e.SLACK_CLIENT_ID ?? '', clientSecret: e.SLACK_CLIENT_SECRET ?? '', stateSecret: e.SLACK_STATE_SECRET ?? '' },
  };
}

/** Which platforms are on, for the start-up log line. */
export function platformsOn(config: Config): string[] {
  const on: string[] = [];
  if (config.slack) on.push(config.slack.oauth ? 'slack (installed through OAuth)' : 'slack');
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
