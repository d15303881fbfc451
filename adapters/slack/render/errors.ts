import { MissionPulseError } from '../../../src/errors';

/** Why a message or form cannot be rendered for Slack without corrupting what it carries. */
export type SlackRenderReason = 'ID_TOO_LONG' | 'VALUE_TOO_LONG' | 'STATE_TOO_LONG' | 'URL_TOO_LONG' | 'NO_OPTIONS' | 'TOO_MANY_INPUTS';

/**
 * Thrown only where cutting would break routing (an id, a button value, the form state):
 * display text is always cut to fit instead.
 */
export class SlackRenderError extends MissionPulseError {
  constructor(
    readonly reason: SlackRenderReason,
    message: string,
  ) {
    super('INVALID_INPUT', message, { reason });
    this.name = 'SlackRenderError';
  }
}
