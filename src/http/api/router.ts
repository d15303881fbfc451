import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Mission } from '../../domain/mission';
import type { Logger } from '../../logger';
import type { DataOut } from '../../services/data-out';
import { pageOf } from '../../services/report-pages';
import type { MissionRepository } from '../../store/mission-repository';
import { apiErrorOf, sendError } from './api-errors';
import { missionFor, rateLimited, requireToken, type ApiAuth } from './auth';
import openApiDocument from './openapi.json';
import { optionalEnum, optionalWeek, pageRequest, weekParam } from './query';
import { DEFAULT_RATE_LIMIT, FixedWindowLimiter, type RateLimitOptions } from './rate-limit';

export interface ApiDeps {
  dataOut: DataOut;
  missions: MissionRepository;
  logger: Logger;
}

export interface ApiOptions {
  rateLimit?: RateLimitOptions;
}

const BLOCKER_STATUSES = ['open', 'resolved', 'withdrawn'] as const;
const DIGEST_PAGE = { max: 20, default: 10 };
const EXPORT_ID = /^[0-9a-f]{32}$/;
const EXPORT_KEY = /^[0-9a-f]{64}$/;

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The read-only reporting API, mounted at /api/v1. Every route but the document itself and
 * export downloads needs a bearer token; see openapi.json, which the tests hold it to.
 */
export function createApiRouter(deps: ApiDeps, opts: ApiOptions = {}): Router {
  const { dataOut, logger } = deps;
  const reporting = dataOut.reporting;
  const limiter = new FixedWindowLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  const router = express.Router();

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  router.get('/exports/:exportId', async (req, res) => {
    const turn = limiter.hit(`ip:${req.ip ?? 'unknown'}`);
    if (!turn.ok) return rateLimited(res, turn.retryAfterSeconds, 'from this address');
    const key = req.query.key;
    if (!EXPORT_ID.test(String(req.params.exportId)) || typeof key !== 'string' || !EXPORT_KEY.test(key)) {
      return sendError(res, 'bad_request', 'that is not an export link');
    }
    const found = await dataOut.exports.download(String(req.params.exportId), key);
    if (!found) return sendError(res, 'not_found', 'this export link has expired or is wrong; run `mission export <slug>` again');
    res.setHeader('Content-Type', found.filename.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${found.filename.replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(Buffer.from(found.body, 'utf8'));
  });

  router.use(requireToken(dataOut.apiTokens, limiter));

  /** The mission named in the path, or an error answer (and undefined). */
  async function pathMission(req: Request, res: Response): Promise<Mission | undefined> {
    const access = await missionFor(res.locals.auth as ApiAuth, String(req.params.mission), deps.missions);
    if (!access.ok) {
      sendError(res, access.code, access.message);
      return undefined;
    }
    return access.mission;
  }

  /** A route about one mission: resolves it, then answers with `read`'s JSON. */
  const about =
    <T>(read: (mission: Mission, req: Request) => Promise<T> | T): Handler =>
    async (req, res) => {
      const mission = await pathMission(req, res);
      if (mission) res.json(await read(mission, req));
    };

  // A token reads one mission; this list is a page all the same, like every other list.
  router.get('/missions', async (req, res) => {
    const { mission } = res.locals.auth as ApiAuth;
    res.json(pageOf([reporting.mission(mission)], (m) => m.id, pageRequest(req)));
  });
  router.get(
    '/missions/:mission',
    about((m) => reporting.mission(m)),
  );
  router.get(
    '/missions/:mission/members',
    about((m, req) => reporting.members(m, pageRequest(req))),
  );
  router.get(
    '/missions/:mission/rounds',
    about((m, req) => reporting.rounds(m, pageRequest(req))),
  );
  router.get(
    '/missions/:mission/rounds/:week',
    about((m, req) => reporting.round(m, weekParam(String(req.params.week)))),
  );
  router.get(
    '/missions/:mission/checkins',
    about((m, req) => reporting.checkins(m, { ...pageRequest(req), week: optionalWeek(req) })),
  );
  router.get(
    '/missions/:mission/blockers',
    about((m, req) => reporting.blockers(m, { ...pageRequest(req), status: optionalEnum(req, 'status', BLOCKER_STATUSES) })),
  );
  router.get(
    '/missions/:mission/blockers/:blockerId',
    about((m, req) => reporting.blocker(m, String(req.params.blockerId))),
  );
  router.get(
    '/missions/:mission/indicators',
    about((m, req) => reporting.indicators(m, pageRequest(req))),
  );
  router.get(
    '/missions/:mission/indicators/:key',
    about((m, req) => reporting.indicator(m, String(req.params.key))),
  );
  router.get(
    '/missions/:mission/indicators/:key/readings',
    about((m, req) => reporting.readings(m, String(req.params.key), pageRequest(req))),
  );
  router.get(
    '/missions/:mission/budget',
    about((m, req) => reporting.budget(m, pageRequest(req))),
  );
  router.get(
    '/missions/:mission/digests',
    about((m, req) => reporting.digests(m, pageRequest(req, DIGEST_PAGE))),
  );
  router.get(
    '/missions/:mission/digests/:week',
    about((m, req) => reporting.digest(m, weekParam(String(req.params.week)))),
  );

  router.use((_req, res) => sendError(res, 'not_found', 'no such route in the Mission Pulse API v1; see /api/v1/openapi.json'));

  // Express 5 hands rejected promises here. Four arguments mark it as the error handler.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { code, message } = apiErrorOf(err);
    if (code === 'internal') logger.error({ err, path: req.path }, 'reporting API request failed');
    if (res.headersSent) return;
    sendError(res, code, message);
  });

  return router;
}
