import type { FieldErrors, Form, Message } from '../messages/model';

/**
 * What the core answers to an inbound event, inside the platform's 3-second window. Anything
 * that fans out goes through the outbox instead.
 */
export type Reply =
  /** Only the actor sees it (Slack ephemeral; Teams: a reply in the conversation). */
  | { kind: 'private'; message: Message }
  /** Everyone in the conversation sees it. */
  | { kind: 'public'; message: Message }
  /** Open a form (Slack modal; Teams card with inputs). */
  | { kind: 'form'; form: Form }
  /** Replace the message the action came from. */
  | { kind: 'update'; message: Message }
  /** The form stays open with these errors on its fields; `form` and `values` let Teams redraw it. */
  | { kind: 'form-errors'; errors: FieldErrors; form: Form; values: Record<string, string> }
  /** Close the form; optionally say something to the actor. */
  | { kind: 'form-done'; message?: Message }
  | { kind: 'none' };

export const NO_REPLY: Reply = { kind: 'none' };
