import { databaseUnavailableMessage, requestFailedMessage } from '../messages/request-messages';
import { errorMessage } from '../messages/mission-messages';
import { isMissionPulseError } from '../errors';
import type { Logger } from '../logger';
import type { Reply } from './replies';

/** Errors from the driver when the database cannot be reached. */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = (e as { name?: string }).name ?? '';
  return /MongoServerSelectionError|MongoNetworkError|MongoNotConnectedError|MongoTopologyClosedError|MongoNetworkTimeoutError/.test(name);
}

/**
 * The boundary between a user's request and the services: a known error becomes its message,
 * anything else is logged and answered politely, never a stack trace or silence.
 */
export async function safely(logger: Logger, context: Record<string, unknown>, work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (e) {
    if (isMissionPulseError(e)) {
      return { kind: 'private', message: errorMessage(e.message) };
    }
    if (isDatabaseUnavailable(e)) {
      logger.warn({ ...context, err: e }, 'database unavailable');
      return { kind: 'private', message: databaseUnavailableMessage() };
    }
    logger.error({ ...context, err: e }, 'request failed');
    return { kind: 'private', message: requestFailedMessage() };
  }
}
