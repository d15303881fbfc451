import { MissionPulseError } from '../../../src/errors';

export type TeamsRenderReason = 'RESERVED_INPUT_ID' | 'NO_OPTIONS';

/** Thrown where a form cannot be rendered without losing what a submission must carry back. */
export class TeamsRenderError extends MissionPulseError {
  constructor(
    readonly reason: TeamsRenderReason,
    message: string,
  ) {
    super('INVALID_INPUT', message, { reason });
    this.name = 'TeamsRenderError';
  }
}
