import { actionTooLong, formTooLong, messageTooLong, type Refusal } from '../../src/services/inbound-limits';
import type { TeamsSubmit } from './render';

/**
 * The door for Teams: a message activity's user text (what was typed, or what a card's button
 * or form submitted) is measured before anything normalises or parses it. Over the limits
 * (src/services/inbound-limits.ts), the refusal is the whole answer.
 */
export function teamsRefusal(text: string, submitted: TeamsSubmit | null): Refusal | undefined {
  if (submitted?.kind === 'action') return actionTooLong(submitted.actionId, submitted.value);
  if (submitted?.kind === 'form') return formTooLong(submitted.formId, submitted.state, submitted.values);
  return messageTooLong('teams', text);
}
