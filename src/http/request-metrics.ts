import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../metrics/metrics';

const PLATFORM_PATHS: Record<string, string> = { '/slack/events': 'slack', '/api/messages': 'teams' };

/** Counts platform requests by outcome (2xx, 4xx, 5xx) once each response is finished. */
export function requestMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const platform = PLATFORM_PATHS[req.path] ?? (req.path.startsWith('/api/v1') ? 'api' : undefined);
    if (platform) res.on('finish', () => metrics.requests.inc({ platform, outcome: `${Math.floor(res.statusCode / 100)}xx` }));
    next();
  };
}
