import type { NextFunction, Request, Response } from 'express';
import type { ApiToken } from '../../api-tokens/api-token';
import { parseToken } from '../../api-tokens/token-format';
import type { Mission } from '../../domain/mission';
import type { ApiTokenService } from '../../services/api-token-service';
import type { MissionRepository } from '../../store/mission-repository';
import { sendError } from './api-errors';
import type { FixedWindowLimiter } from './rate-limit';

/** Who is asking: set on `res.locals.auth` by `requireToken`. */
export interface ApiAuth {
  token: ApiToken;
  mission: Mission;
}

const REALM = 'Bearer realm="mission-pulse"';

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

export function rateLimited(res: Response, retryAfterSeconds: number, what: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendError(res, 'rate_limited', `too many requests ${what}; try again in ${retryAfterSeconds} s`);
}

/**
 * Checks the bearer token on every request and counts it against the token's rate limit. A
 * request without a well-formed token is counted against its address, so guessing is slow.
 */
export function requireToken(tokens: ApiTokenService, limiter: FixedWindowLimiter) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const presented = bearer(req);
    const id = presented ? parseToken(presented)?.id : undefined;
    const turn = limiter.hit(id ? `token:${id}` : `ip:${req.ip ?? 'unknown'}`);
    if (!turn.ok) return rateLimited(res, turn.retryAfterSeconds, id ? 'with this token' : 'from this address');
    const check = await tokens.authenticate(presented);
    if (!check.ok) {
      if (check.denied === 'forbidden') return sendError(res, 'forbidden', check.message);
      res.setHeader('WWW-Authenticate', presented ? `${REALM}, error="invalid_token"` : REALM);
      return sendError(res, 'unauthorized', check.message);
    }
    const auth: ApiAuth = { token: check.token, mission: check.mission };
    res.locals.auth = auth;
    next();
  };
}

export type MissionAccess = { ok: true; mission: Mission } | { ok: false; code: 'forbidden' | 'not_found'; message: string };

/**
 * The mission a path names (slug or id), if this token may read it. Another mission visible
 * from the token's workspace is 403; anything else is 404, so other tenants' missions cannot
 * even be confirmed to exist.
 */
export async function missionFor(auth: ApiAuth, ref: string, missions: MissionRepository): Promise<MissionAccess> {
  const own = auth.mission;
  if (ref === own.id || ref === own.slug) return { ok: true, mission: own };
  const ws = auth.token.createdBy;
  const other = (await missions.findBySlug(ws, ref)) ?? (await missions.findById(ref));
  if (other && other.workspaceKeys.includes(auth.token.workspaceKey)) {
    return {
      ok: false,
      code: 'forbidden',
      message: `this token reads ${own.slug} only; ask an admin of ${other.slug} for a token of its own`,
    };
  }
  return { ok: false, code: 'not_found', message: `no mission "${ref}" for this token` };
}
