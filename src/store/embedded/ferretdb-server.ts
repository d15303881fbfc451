import { promises as fs } from 'node:fs';
import type { Logger } from 'pino';
import { spawnManaged } from './managed-child';
import { loopbackUri, rejectAfter, rejectOnExit, startFailure, type RunningServer } from './running-server';
import { waitForPing } from './wait-for-ping';

/** The wrapper prints this (then its URI) once FerretDB listens; see ferretdb-wrapper/main.go. */
const READY_PREFIX = 'FERRETDB_READY ';
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;

/** Where FerretDB keeps the data: SQLite files in a folder (one per database), or a PostgreSQL server. */
export type FerretdbStorage = { sqliteDir: string } | { postgresqlUrl: string };

export interface StartFerretdbOptions {
  binaryPath: string;
  storage: FerretdbStorage;
  port: number;
  logger: Logger;
}

export async function startFerretdb(opts: StartFerretdbOptions): Promise<RunningServer> {
  let storageArgs: string[];
  if ('sqliteDir' in opts.storage) {
    await fs.mkdir(opts.storage.sqliteDir, { recursive: true });
    storageArgs = ['-sqlite-dir', opts.storage.sqliteDir];
  } else {
    storageArgs = ['-postgresql-url', opts.storage.postgresqlUrl];
  }
  let announceReady: () => void = () => undefined;
  const announced = new Promise<void>((resolve) => (announceReady = resolve));

  const child = spawnManaged(opts.binaryPath, ['-listen', `127.0.0.1:${opts.port}`, ...storageArgs, '-log-level', 'error'], {
    // The wrapper exits when this pipe closes, which is what happens if we are killed.
    stdin: 'pipe',
    onStdoutLine: (line) => {
      if (line.startsWith(READY_PREFIX)) announceReady();
    },
    onStderrLine: (line) => opts.logger.warn({ engine: 'ferretdb' }, line),
  });

  const uri = loopbackUri(opts.port);
  const timeout = rejectAfter(START_TIMEOUT_MS, 'FerretDB');
  try {
    const exited = rejectOnExit(child);
    exited.catch(() => undefined);
    await Promise.race([announced, exited, timeout.promise]);
    await Promise.race([waitForPing(uri, { timeoutMs: START_TIMEOUT_MS, hasExited: child.hasExited }), exited]);
  } catch (error) {
    await child.stop(STOP_GRACE_MS);
    throw startFailure('FerretDB', child, error);
  } finally {
    timeout.cancel();
  }

  child.unref();
  return { uri, stop: () => child.stop(STOP_GRACE_MS) };
}
