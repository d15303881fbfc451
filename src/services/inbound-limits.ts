import { COMMAND_TOO_LONG, MAX_COMMAND_LENGTH } from '../commands/parse-command';
import type { Platform } from '../domain/identity';
import { MAX_ANSWER_LENGTH } from '../domain/questions';
import { commandErrorMessage } from '../messages/help-messages';
import type { Message } from '../messages/model';
import {
  formFieldTooLongMessage,
  formFieldTooLongText,
  messageTooLongMessage,
  unreadableButtonMessage,
  unreadableFormMessage,
} from '../messages/request-messages';

/**
 * The door: how much user text each kind of inbound event may carry. Adapters check the raw
 * platform text with these functions when they build an event, before any parsing or
 * normalisation, so everything that runs on text afterwards runs on a bounded input; what is
 * over is answered here, politely, and reaches nothing else. The limits are the platforms' own
 * (more cannot come from a real client) or a margin over the longest text the core accepts, so
 * the core's own, more specific messages still speak for anything a person could really send.
 */
export const INBOUND_LIMITS = {
  /** A message: Slack delivers at most 40,000 characters; Teams refuses a message over about 28 KB. */
  message: {
    slack: { max: 40_000, unit: 'characters' },
    teams: { max: 28 * 1024, unit: 'bytes' },
  } satisfies Record<Platform, { max: number; unit: 'characters' | 'bytes' }>,
  /** A command's text: twice what the grammar reads, room for Slack's `&amp;` and `<@U…|name>` markup. */
  commandChars: 2 * MAX_COMMAND_LENGTH,
  /** One form field: twice the longest answer a form accepts (the core explains anything up to this). */
  formValueChars: 2 * MAX_ANSWER_LENGTH,
  /** Fields in one form: a Slack modal holds at most 100 blocks. */
  formFields: 100,
  /** A form's own state: Slack's private_metadata holds at most 3,000 characters. */
  formStateChars: 3000,
  /** A button's value: Slack's limit, which the message model keeps to as well. */
  actionValueChars: 2000,
  /** Action, form and field ids: Slack's 255 characters. */
  idChars: 255,
} as const;

/** Why an event was refused at the door: what to tell the person, and for a form, which field. */
export interface Refusal {
  message: Message;
  /** The field to show the error on, where the platform can (a Slack modal). */
  field?: { id: string; error: string };
}

function size(platform: Platform, text: string): number {
  return INBOUND_LIMITS.message[platform].unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length;
}

/** A direct message or an @mention's text, as the platform sent it. */
export function messageTooLong(platform: Platform, text: string): Refusal | undefined {
  const { max, unit } = INBOUND_LIMITS.message[platform];
  // A UTF-8 byte is never fewer than one UTF-16 unit, so short text needs no encoding.
  if (text.length <= (unit === 'bytes' ? max / 3 : max)) return undefined;
  const length = size(platform, text);
  return length > max ? { message: messageTooLongMessage({ length, max, unit }) } : undefined;
}

/** A slash command's text, as the platform sent it. */
export function commandTooLong(text: string): Refusal | undefined {
  return text.length > INBOUND_LIMITS.commandChars ? { message: commandErrorMessage({ message: COMMAND_TOO_LONG }) } : undefined;
}

/** A button press: its action id and value. */
export function actionTooLong(actionId: string, value: string): Refusal | undefined {
  const over = actionId.length > INBOUND_LIMITS.idChars || value.length > INBOUND_LIMITS.actionValueChars;
  return over ? { message: unreadableButtonMessage() } : undefined;
}

/** A form submission: its id, its state and its values by field id. */
export function formTooLong(formId: string, state: string, values: Record<string, string>): Refusal | undefined {
  const fields = Object.entries(values);
  if (
    formId.length > INBOUND_LIMITS.idChars ||
    state.length > INBOUND_LIMITS.formStateChars ||
    fields.length > INBOUND_LIMITS.formFields ||
    fields.some(([id]) => id.length > INBOUND_LIMITS.idChars)
  ) {
    return { message: unreadableFormMessage() };
  }
  const long = fields.find(([, value]) => value.length > INBOUND_LIMITS.formValueChars);
  if (!long) return undefined;
  const [id, value] = long;
  return {
    message: formFieldTooLongMessage(value.length, MAX_ANSWER_LENGTH),
    field: { id, error: formFieldTooLongText(value.length, MAX_ANSWER_LENGTH) },
  };
}
