import type { IncomingHttpHeaders } from 'node:http';
import { SlackApiError } from './errors';
import type { SlackParams } from './params';

/** Parses a Web API body as @slack/web-api (form), other clients (JSON) or file uploads (multipart) send it. */
export async function parseSlackBody(raw: Buffer, headers: IncomingHttpHeaders, query: string): Promise<SlackParams> {
  const params: SlackParams = Object.fromEntries(new URLSearchParams(query));
  const type = String(headers['content-type'] ?? '').toLowerCase();
  if (raw.length === 0) return params;
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackApiError('invalid_json');
    return { ...params, ...(parsed as SlackParams) };
  }
  if (type.includes('multipart/form-data')) {
    const form = await multipart(raw, type);
    for (const [key, value] of form.entries()) params[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    return params;
  }
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) params[key] = value;
  return params;
}

/** Lets undici (Node's fetch) parse multipart bodies. */
export function multipart(raw: Buffer, contentType: string): Promise<FormData> {
  return new Request('http://stand-in.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
}

/** Bytes of the first file part of a multipart upload, or the whole body when it is not multipart. */
export async function uploadedBytes(raw: Buffer, headers: IncomingHttpHeaders): Promise<Buffer> {
  const type = String(headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('multipart/form-data')) return raw;
  const form = await multipart(raw, type);
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  const first = form.values().next();
  return Buffer.from(first.done ? '' : String(first.value));
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S.*)$/i.exec(header);
  return match ? match[1].trim() : undefined;
}
