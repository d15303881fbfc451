import { SlackApiError } from './errors';

/** Method arguments as sent: form fields are strings (objects JSON-encoded), JSON bodies keep types. */
export type SlackParams = Record<string, unknown>;

export function optString(params: SlackParams, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function reqString(params: SlackParams, key: string, error = 'invalid_arguments'): string {
  const value = optString(params, key);
  if (value === undefined) throw new SlackApiError(error, { response_metadata: { messages: [`[ERROR] missing required field: ${key}`] } });
  return value;
}

/** Reads an argument that may arrive as a JSON-encoded string (form) or as a value (JSON body). */
export function optJson(params: SlackParams, key: string, formatError: string): unknown {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new SlackApiError(formatError);
  }
}
