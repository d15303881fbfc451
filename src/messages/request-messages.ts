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

const count = (n: number): string => n.toLocaleString('en-GB');
const kilobytes = (bytes: number): string => `${count(Math.ceil(bytes / 1024))} KB`;

/** A message longer than the platform lets a person send: nothing of it was read. */
export function messageTooLongMessage(size: { length: number; max: number; unit: 'characters' | 'bytes' }): Message {
  const [length, max] =
    size.unit === 'bytes' ? [kilobytes(size.length), kilobytes(size.max)] : [`${count(size.length)} characters`, count(size.max)];
  return errorMessage(
    `That message is too long for me to read (${length}; the most is ${max}). Nothing was saved; please send a shorter one.`,
  );
}

/** One field of a form longer than any answer can be: the whole form is refused. */
export function formFieldTooLongText(length: number, maxAnswer: number): string {
  return `This answer is too long (${count(length)} characters; the most any answer can be is ${count(maxAnswer)}). Nothing was saved.`;
}

export function formFieldTooLongMessage(length: number, maxAnswer: number): Message {
  return errorMessage(`${formFieldTooLongText(length, maxAnswer)} Please shorten it and submit the form again.`);
}

/** A form carrying more than any form Mission Pulse draws (too many fields, or oversized ids). */
export function unreadableFormMessage(): Message {
  return errorMessage('That form could not be read: it carries more than any Mission Pulse form does. Nothing was saved.');
}

/** A button carrying more than any button Mission Pulse draws. */
export function unreadableButtonMessage(): Message {
  return errorMessage('That button could not be read: it carries more than any Mission Pulse button does. Nothing was changed.');
}
