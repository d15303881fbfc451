import express, { type Application } from 'express';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { closeAfterRefusal } from './close-after-refusal';
import { mountPublicPages } from './public-pages';
import { requestMetrics } from './request-metrics';

export interface HealthSource {
  databaseUp(): Promise<boolean>;
  platforms: string[];
}

export interface HttpAppOptions {
  metrics?: Metrics;
}

/** The one HTTP app: platforms mount their routes on it; health is answered here. */
export function createHttpApp(health: HealthSource, logger: Logger, opts: HttpAppOptions = {}): Application {
  const app = express();
  app.disable('x-powered-by');
  app.use(closeAfterRefusal());
  const { metrics } = opts;
  if (metrics) {
    app.use(requestMetrics(metrics));
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  app.get('/healthz', async (_req, res) => {
    const up = await health.databaseUp();
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down', platforms: health.platforms });
  });
  mountPublicPages(app);
  app.use((req, _res, next) => {
    logger.debug({ method: req.method, path: req.path }, 'request');
    next();
  });
  return app;
}
