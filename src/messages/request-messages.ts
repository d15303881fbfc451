import { errorMessage } from './mission-messages';
import type { Message } from './model';

/** What the bot answers when a request cannot be served: too many at once, a stale button or form, or a failure on our side. */

export function throttledMessage(waitMs: number): Message {
  return errorMessage(
    `You're sending commands faster than Mission Pulse can take them. Please wait ${Math.ceil(waitMs / 1000)} seconds and try again.`,
  );
}

export function staleButtonMessage(): Message {
  return errorMessage('That button is no longer active. Type `mission help` to see what you can do.');
}

export function staleFormMessage(): Message {
  return errorMessage('That form is no longer active. Type `mission help` to see what you can do.');
}

export function overviewFailedMessage(): Message {
  return errorMessage('Your overview could not be shown. Please try again.');
}

export function databaseUnavailableMessage(): Message {
  return errorMessage(
    'Mission Pulse is temporarily unavailable (its database is not answering). Nothing was changed; please try again in a minute.',
  );
}

export function requestFailedMessage(): Message {
  return errorMessage(
    'Sorry, something went wrong on our side and your request may not have finished. Please try again; if it keeps happening, tell your Mission Pulse administrator.',
  );
}
