import type { ConversationRef } from '../../src/domain/identity';
import { isMissionPulseError } from '../../src/errors';
import { SendError } from '../../src/outbox/platform-sender';

/** What the Bot Connector client (@azure/core-rest-pipeline RestError) throws, as far as we read it. */
interface ConnectorFailure {
  name?: string;
  message?: string;
  /** The HTTP status, absent when no answer came. */
  statusCode?: number;
  /** The connector's error code (`ConversationNotFound`…) or a socket code (`ECONNRESET`…). */
  code?: string;
  response?: { status?: number; headers?: { get?(name: string): string | null | undefined } };
}

/** 404s about a message, not the conversation: the person is still reachable. */
const MISSING_MESSAGE_CODES = new Set(['ActivityNotFound', 'MessageNotFound']);

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function byStatus(status: number, f: ConnectorFailure, target: ConversationRef, message: string): SendError {
  if (status === 429) return new SendError('rate-limited', message, retryAfterMs(f.response?.headers?.get?.('retry-after')));
  // 412 is Teams' "try again" for concurrent edits; 408 and 5xx are the service or its gateway.
  if (status === 412 || status === 408 || status >= 500) return new SendError('transient', message);
  if ((status === 403 || status === 404) && target.kind === 'dm' && !MISSING_MESSAGE_CODES.has(f.code ?? '')) {
    // The app was uninstalled, the person blocked it, or left the organisation.
    return new SendError('unreachable', message);
  }
  return new SendError('permanent', message);
}

/** Turns whatever a proactive send threw into the outbox's SendError. */
export function toTeamsSendError(e: unknown, target: ConversationRef, operation: string): SendError {
  if (e instanceof SendError) return e;
  // A card the renderer refuses will be refused again.
  if (isMissionPulseError(e)) return new SendError('permanent', `Teams ${operation}: ${e.message}`);
  const f = (typeof e === 'object' && e !== null ? e : {}) as ConnectorFailure;
  const text = f.message ?? String(e);
  const status = f.statusCode ?? f.response?.status;
  if (typeof status === 'number' && status > 0) {
    return byStatus(status, f, target, `Teams ${operation} failed: HTTP ${status}${f.code ? ` ${f.code}` : ''}: ${text}`);
  }
  // No answer: our timeout (AbortError), a reset or refused connection, DNS. Also token
  // acquisition trouble, which clears up or shows in the logs; the outbox caps the retries.
  return new SendError('transient', `Teams ${operation} did not complete: ${f.code ? `${f.code} ` : ''}${text}`);
}
