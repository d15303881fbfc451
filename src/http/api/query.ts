import type { Request } from 'express';
import { invalidInput } from '../../errors';
import type { PageRequest } from '../../services/report-pages';

/**
 * Query parameters as openapi.json describes them. A repeated parameter, a limit out of range
 * or a malformed week is INVALID_INPUT (400), never silently corrected.
 */

function single(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidInput(`${name} must be given once`);
  return v;
}

export function pageRequest(req: Request, limits: { max: number; default: number } = { max: 100, default: 50 }): PageRequest {
  const rawLimit = single(req, 'limit');
  let limit = limits.default;
  if (rawLimit !== undefined) {
    if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > limits.max) {
      throw invalidInput(`limit must be a whole number from 1 to ${limits.max}`);
    }
    limit = Number(rawLimit);
  }
  const cursor = single(req, 'cursor');
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 1000)) throw invalidInput('cursor is not one this API gave out');
  return { limit, ...(cursor !== undefined ? { cursor } : {}) };
}

const WEEK = /^\d{4}-W\d{2}$/;

export function weekParam(value: string, name = 'week'): string {
  if (!WEEK.test(value)) throw invalidInput(`${name} must be an ISO week like 2026-W48`);
  return value;
}

export function optionalWeek(req: Request): string | undefined {
  const v = single(req, 'week');
  return v === undefined ? undefined : weekParam(v);
}

export function optionalEnum<T extends string>(req: Request, name: string, values: readonly T[]): T | undefined {
  const v = single(req, name);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) throw invalidInput(`${name} must be one of ${values.join(', ')}`);
  return v as T;
}
