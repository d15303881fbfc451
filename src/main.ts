import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { platformsOn, type Config } from './config';
import { systemClock, type Clock } from './domain/clock';
import { createHttpApp } from './http/http-app';
import { mountApiV1 } from './http/api/mount';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './metrics/metrics';
import type { PlatformPlugin } from './platform';
import { createRuntime, type Runtime } from './runtime';
import { warmCaches } from './store/warm-caches';
import type { PlatformSender } from './outbox/platform-sender';
import type { Platform } from './domain/identity';
import { openStore, type Store } from './store/store';
import { SealedInstallationVault } from './services/installation-vault';
import { defaultCacheDir, startEmbeddedDatabase, type EmbeddedDatabase } from './store/embedded';

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  runtime: Runtime;
  logger: Logger;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  platforms: PlatformPlugin[];
  clock?: Clock;
  logger?: Logger;
  /** Extra routes on the shared HTTP app (the local playground in `npm run dev`). */
  routes?: Array<(http: import('express').Application, runtime: Runtime) => void | Promise<void>>;
  /** Tests drive the scheduler's ticks themselves with a manual clock. */
  scheduler?: boolean;
  dispatcher?: Partial<import('./outbox').DispatcherOptions>;
}

/**
 * The composition root of the core: database, store, services and the HTTP app. Platforms
 * arrive as plugins, so nothing here imports a platform library.
 */
export async function startApp(opts: StartOptions): Promise<RunningApp> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;

  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongoUri;
  if (!uri) {
    embedded = await startEmbeddedDatabase({
      dataDir: path.join(config.dataDir, 'db'),
      cacheDir: defaultCacheDir(),
      logger,
      engine: config.dbEngine,
    });
    uri = embedded.uri;
    logger.info({ engine: embedded.engine }, 'embedded database started');
  }

  // The gauges read the outbox, which exists once the runtime does.
  const built: { runtime?: Runtime } = {};
  const metrics = createMetrics({
    countByStatus: async () => (built.runtime ? built.runtime.ctx.outboxItems.countByStatus() : {}),
    oldestPendingAge: async () => (built.runtime ? built.runtime.ctx.outboxItems.oldestPendingAge() : 0),
  });
  let store: Store;
  try {
    store = await openStore(uri, config.mongoDb, {
      onCommand: (command, seconds) => metrics.dbLatency.observe({ command }, seconds),
      queries: config.dbQueries,
    });
  } catch (e) {
    await embedded?.stop();
    throw e;
  }

  const enabled = opts.platforms.filter((p) => p.enabled(config));
  const runtime = await createRuntime({ store, clock, logger, metrics });
  built.runtime = runtime;
  await warmCaches(store, logger);
  const core = runtime.services.core;
  const http = createHttpApp({ databaseUp: () => store.ping(), platforms: enabled.map((p) => p.platform) }, logger, { metrics });
  const senders = new Map<Platform, PlatformSender>();
  // Tokens installed through OAuth are sealed with the configured key (config.ts requires one).
  const installations = config.encryptionKey
    ? new SealedInstallationVault(store.slackInstallations, config.encryptionKey, clock, logger)
    : undefined;
  for (const plugin of enabled) {
    senders.set(
      plugin.platform,
      await plugin.mount({ http, core, config, logger, directory: runtime.directory, inbound: runtime.inbound, installations }),
    );
  }
  for (const route of opts.routes ?? []) await route(http, runtime);
  // Download links name the address people's browsers reach: PUBLIC_URL behind a load balancer.
  mountApiV1(http, runtime, { senders, publicUrl: () => config.publicUrl ?? url });
  runtime.startDispatcher(senders, opts.dispatcher ?? {});
  if (opts.scheduler !== false) runtime.scheduler.start();
  http.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = http.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  logger.info(
    {
      port,
      platforms: platformsOn(config),
      database: embedded ? embedded.engine : 'MONGODB_URI',
      queries: store.readShapes.name,
    },
    'Mission Pulse is listening',
  );

  let stopped = false;
  return {
    url,
    port,
    store,
    runtime,
    logger,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop taking work first, then finish or release what is in flight, then close.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await runtime.stop({ deadlineMs: 10_000 });
      await closed;
      await store.close();
      await embedded?.stop();
    },
  };
}
