import { ManifestError } from './errors';

/** Stand-ins committed in the manifests; the installer's real values replace them. */
export const PLACEHOLDER_HOST = 'mission-pulse.example.org';
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A bare DNS host name (no scheme, port, path or wildcard), lower-cased. */
export function normaliseHost(host: string): string {
  const value = host.trim().toLowerCase();
  const labels = value.split('.');
  if (value.length > 253 || labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) {
    throw new ManifestError(
      'INVALID_HOST',
      `"${host}" is not a host name: give it bare, e.g. --host pulse.council.gov.uk (no https://, port, path or *)`,
    );
  }
  return value;
}

/** The Microsoft App ID of the bot's Entra ID app registration, lower-cased. */
export function normaliseAppId(appId: string): string {
  const value = appId.trim().toLowerCase();
  if (!GUID.test(value) || value === PLACEHOLDER_APP_ID) {
    throw new ManifestError('INVALID_APP_ID', `"${appId}" is not an app id: give the bot's Microsoft App ID (a GUID)`);
  }
  return value;
}

/** A copy of a JSON value with every occurrence of `from` inside its strings replaced by `to`. */
export function replaceInStrings<T>(value: T, from: string, to: string): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.split(from).join(to);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item)]));
    }
    return node;
  };
  return walk(value) as T;
}

/** Which placeholders a manifest still contains, for a warning before it is uploaded. */
export function remainingPlaceholders(manifest: unknown): string[] {
  const text = JSON.stringify(manifest);
  return [PLACEHOLDER_HOST, PLACEHOLDER_APP_ID].filter((placeholder) => text.includes(placeholder));
}

export interface Substitution<T> {
  manifest: T;
  /** Placeholders left in because no value was given. */
  placeholders: string[];
}

/** Put the real bot host into a Slack manifest's request URLs and redirect URL. */
export function substituteSlackManifest<T>(manifest: T, options: { host?: string }): Substitution<T> {
  const result = options.host ? replaceInStrings(manifest, PLACEHOLDER_HOST, normaliseHost(options.host)) : manifest;
  return { manifest: result, placeholders: remainingPlaceholders(result) };
}

/** Put the Microsoft App ID (app id and bot id) and the bot host into a Teams manifest. */
export function substituteTeamsManifest<T>(manifest: T, options: { appId?: string; host?: string }): Substitution<T> {
  let result = manifest;
  if (options.appId) result = replaceInStrings(result, PLACEHOLDER_APP_ID, normaliseAppId(options.appId));
  if (options.host) result = replaceInStrings(result, PLACEHOLDER_HOST, normaliseHost(options.host));
  return { manifest: result, placeholders: remainingPlaceholders(result) };
}
