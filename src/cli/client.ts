import createClient from 'openapi-fetch';
import type { paths } from '../http/api/openapi-types';
import type { ApiError, ApiPage } from '../http/api/schemas';
import { withoutTrailingSlashes } from '../text/trim-chars';

/** A typed client of the reporting API: paths, parameters and bodies come from openapi.json. */
export type MissionPulseClient = ReturnType<typeof createClient<paths>>;

export function createMissionPulseClient(opts: { url: string; token?: string }): MissionPulseClient {
  return createClient<paths>({
    baseUrl: `${withoutTrailingSlashes(opts.url)}/api/v1`,
    headers: opts.token ? { Authorization: `Bearer ${opts.token}` } : {},
  });
}

/** The API said no: its status and its Error body. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** The body of a 2xx answer, or an ApiCallError with the API's own words. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  const body = result.error as Partial<ApiError> | undefined;
  const status = result.response.status;
  const retry = result.response.headers.get('retry-after');
  const message = body?.error?.message ?? `HTTP ${status}`;
  throw new ApiCallError(status, body?.error?.code ?? 'http_error', retry ? `${message} (retry after ${retry} s)` : message);
}

/** Follows `nextCursor` to the last page. */
export async function allPages<T>(read: (cursor: string | undefined) => Promise<ApiPage<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
