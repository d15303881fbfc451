import pino, { type Logger } from 'pino';

/** Paths that may hold secrets in any log line; pino replaces them before writing. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'config.slack.signingSecret',
  'config.slack.botToken',
  'config.teams.appPassword',
  'config.encryptionKey',
  'clientSecret',
  '*.clientSecret',
  'stateSecret',
  '*.stateSecret',
  'refreshToken',
  '*.refreshToken',
  'config.slack.oauth.clientSecret',
  'config.slack.oauth.stateSecret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mission-pulse' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

export type { Logger };
