/**
 * Bolt and the Web API client log in strings, which pino's path redaction cannot reach, and at
 * debug level the OAuth exchange's request body (client_secret, code) goes out unredacted.
 * This blanks anything shaped like a Slack token or an OAuth secret before a line is written.
 */
const SLACK_TOKEN = /\bxox[a-z]-[A-Za-z0-9-]+/g;
const SECRET_FIELDS = /("?(?:client_secret|refresh_token|access_token|code|state)"?\s*[:=]\s*"?)[^"&,}\s]+/gi;

export function scrubSlackSecrets(text: string): string {
  return text.replace(SLACK_TOKEN, (t) => `${t.slice(0, 5)}[redacted]`).replace(SECRET_FIELDS, '$1[redacted]');
}
