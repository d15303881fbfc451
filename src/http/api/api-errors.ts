import type { Response } from 'express';
import { isMissionPulseError } from '../../errors';
import type { ApiError, ApiErrorCode } from './schemas';

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  internal: 500,
};

/** Every error answers `{ error: { code, message } }` (the Error schema in openapi.json). */
export function sendError(res: Response, code: ApiErrorCode, message: string): void {
  const body: ApiError = { error: { code, message } };
  res.status(STATUS[code]).json(body);
}

/** A service's typed error as the API's answer; anything else is a 500 without details. */
export function apiErrorOf(e: unknown): { code: ApiErrorCode; message: string } {
  if (isMissionPulseError(e)) {
    switch (e.code) {
      case 'NOT_FOUND':
        return { code: 'not_found', message: e.message };
      case 'INVALID_INPUT':
        return { code: 'bad_request', message: e.message };
      case 'FORBIDDEN':
        return { code: 'forbidden', message: e.message };
      case 'RATE_LIMITED':
        return { code: 'rate_limited', message: e.message };
      default:
        break;
    }
  }
  return { code: 'internal', message: 'something went wrong on our side; please try again' };
}
