import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { EmbeddedDatabaseError, NO_POSTGRES_ACCOUNT_MESSAGE } from './errors';
import { findOsAccount, type OsAccount, type PostgresqlTools } from './find-postgresql';
import { spawnManaged } from './managed-child';
import { rejectAfter, rejectOnExit, startFailure } from './running-server';
import { startWatchdog } from './watchdog';

const READY_LINE = /database system is ready to accept connections/;
const INITDB_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

/**
 * Settings for a cluster whose data is thrown away at stop: loopback TCP only, no Unix socket
 * (so nothing is written to /var/run/postgresql), and no waiting for the disk, since a crash
 * loses the folder anyway. log_min_messages=log keeps the start-up lines and drops the ERROR
 * line PostgreSQL would log for each duplicate key (FerretDB turns those into 11000).
 */
function serverArgs(dataDir: string, port: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: '',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    log_min_messages: 'log',
    log_checkpoints: 'off',
  };
  return ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
}

export interface PostgresqlCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication on loopback). */
  url: string;
  /** Stops the server (fast shutdown) and deletes its folder. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartPostgresqlClusterOptions {
  tools: PostgresqlTools;
  port: number;
  logger: Logger;
}

/** Whoever we must run PostgreSQL as: ourselves, or the postgres account when we are root. */
async function runAs(): Promise<OsAccount | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const account = await findOsAccount('postgres');
  if (!account) throw new EmbeddedDatabaseError('EMBEDDED_DB_NO_POSTGRESQL', NO_POSTGRES_ACCOUNT_MESSAGE);
  return account;
}

function initdb(tools: PostgresqlTools, dataDir: string, cwd: string, account: OsAccount | undefined): Promise<void> {
  const args = ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'];
  return new Promise((resolve, reject) => {
    execFile(
      tools.initdb,
      args,
      { cwd, timeout: INITDB_TIMEOUT_MS, windowsHide: true, ...(account ? { uid: account.uid, gid: account.gid } : {}) },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const detail = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n') || error.message;
        reject(new EmbeddedDatabaseError('EMBEDDED_DB_START_FAILED', `PostgreSQL's initdb failed:\n${detail}`, { cause: error }));
      },
    );
  });
}

/**
 * A throwaway PostgreSQL cluster in a new temporary folder: initdb, then the server in the
 * foreground as our child. The folder goes when it stops, and a watchdog stops it and deletes
 * the folder if we die first (PostgreSQL does not watch its stdin).
 */
export async function startPostgresqlCluster(opts: StartPostgresqlClusterOptions): Promise<PostgresqlCluster> {
  const account = await runAs();
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mission-pulse-postgresql-'));
  const remove = (): Promise<void> => fs.rm(folder, { recursive: true, force: true });
  const dataDir = path.join(folder, 'data');
  try {
    if (account) await fs.chown(folder, account.uid, account.gid);
    await initdb(opts.tools, dataDir, folder, account);
  } catch (error) {
    await remove();
    throw error;
  }

  let announceReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (announceReady = resolve));
  const child = spawnManaged(opts.tools.postgres, serverArgs(dataDir, opts.port), {
    stdin: 'ignore',
    stopSignal: 'SIGINT',
    cwd: folder,
    ...(account ? { runAs: { uid: account.uid, gid: account.gid } } : {}),
    onStderrLine: (line) => {
      if (READY_LINE.test(line)) announceReady();
      if (/\b(FATAL|PANIC):/.test(line)) opts.logger.warn({ engine: 'postgresql' }, line);
    },
  });
  const watchdog = child.pid === undefined ? null : startWatchdog(child.pid, { signal: 'SIGINT', removeWhenGone: folder });

  const stop = async (): Promise<void> => {
    await child.stop(STOP_GRACE_MS);
    watchdog?.release();
    await remove();
  };

  const timeout = rejectAfter(START_TIMEOUT_MS, 'PostgreSQL');
  try {
    const exited = rejectOnExit(child);
    exited.catch(() => undefined);
    await Promise.race([ready, exited, timeout.promise]);
  } catch (error) {
    await stop();
    throw startFailure('PostgreSQL', child, error);
  } finally {
    timeout.cancel();
  }

  child.unref();
  return { url: `postgres://postgres@127.0.0.1:${opts.port}/postgres`, stop };
}
