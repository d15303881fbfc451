/**
 * Typed errors with stable codes. Services throw these; adapters turn them into the
 * user-facing message, never a stack trace.
 */
export type ErrorCode = 'CONFIG_INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID_INPUT' | 'UNAVAILABLE' | 'RATE_LIMITED';

export class MissionPulseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'MissionPulseError';
  }
}

export const notFound = (what: string): MissionPulseError => new MissionPulseError('NOT_FOUND', what);
export const forbidden = (why: string): MissionPulseError => new MissionPulseError('FORBIDDEN', why);
export const invalidInput = (why: string, details?: Record<string, unknown>): MissionPulseError =>
  new MissionPulseError('INVALID_INPUT', why, details);
export const conflict = (why: string): MissionPulseError => new MissionPulseError('CONFLICT', why);

export function isMissionPulseError(e: unknown): e is MissionPulseError {
  return e instanceof MissionPulseError;
}

/** MongoDB's duplicate-key error. FerretDB reports it on inserts with code 11000 too. */
export function isDuplicateKey(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;
}
