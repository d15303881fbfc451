import { invalidInput } from '../errors';
import type { ApiPage } from '../http/api/schemas';

/** What a caller asks of a list: at most `limit` items after the opaque `cursor`. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** Inside a cursor: the last item's key, and (for lists held in memory) the position after it. */
interface CursorBody {
  after: string;
  next?: number;
}

export function encodeCursor(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** A cursor this API gave out; anything else is INVALID_INPUT (HTTP 400). */
export function decodeCursor(raw: string | undefined): CursorBody | undefined {
  if (raw === undefined) return undefined;
  try {
    const body = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (typeof body === 'object' && body !== null && typeof (body as CursorBody).after === 'string') {
      const next = (body as CursorBody).next;
      if (next === undefined || (Number.isInteger(next) && next >= 0)) return body as CursorBody;
    }
  } catch {
    // fall through to the error below
  }
  throw invalidInput('cursor is not one this API gave out: pass the nextCursor of the previous page');
}

/**
 * One page of a list already held in memory, in its final order. The cursor names the last
 * item shown; if that item has gone since, the page goes on from the same position.
 */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, req: PageRequest): ApiPage<T> {
  const cursor = decodeCursor(req.cursor);
  let start = 0;
  if (cursor) {
    const found = items.findIndex((item) => keyOf(item) === cursor.after);
    start = found >= 0 ? found + 1 : Math.min(cursor.next ?? items.length, items.length);
  }
  const data = items.slice(start, start + req.limit);
  const end = start + data.length;
  const nextCursor = end < items.length && data.length > 0 ? encodeCursor({ after: keyOf(data[data.length - 1]), next: end }) : null;
  return { data, nextCursor };
}
