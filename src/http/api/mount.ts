import type { Application } from 'express';
import type { Platform } from '../../domain/identity';
import type { PlatformSender } from '../../outbox/platform-sender';
import type { Runtime } from '../../runtime';
import { createApiRouter, type ApiOptions } from './router';

export interface MountApiOptions extends ApiOptions {
  /** The platforms' senders: the CSV export posts files with them where it can (Slack). */
  senders: ReadonlyMap<Platform, PlatformSender>;
  /** The server's address as browsers reach it, for export download links (Teams). */
  publicUrl(): string | undefined;
}

/**
 * Mounts the reporting API at /api/v1 and hands the export its senders and address. Called
 * by the composition root (src/main.ts) once the platforms are mounted, before the 404 handler.
 */
export function mountApiV1(http: Application, runtime: Runtime, opts: MountApiOptions): void {
  const { dataOut } = runtime.services;
  dataOut.connect({ senders: opts.senders, publicUrl: opts.publicUrl });
  const { store, logger } = runtime.ctx;
  http.use('/api/v1', createApiRouter({ dataOut, missions: store.missions, logger: logger.child({ component: 'api' }) }, opts));
}
