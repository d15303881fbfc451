import { promises as fs } from 'node:fs';
import { spawnManaged } from './managed-child';
import { loopbackUri, rejectOnExit, startFailure, type RunningServer } from './running-server';
import { waitForPing } from './wait-for-ping';
import { startWatchdog } from './watchdog';

// A first start creates journal and catalog files, which can be slow on small disks.
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 20_000;

export interface StartMongodOptions {
  binaryPath: string;
  dataDir: string;
  port: number;
}

export async function startMongod(opts: StartMongodOptions): Promise<RunningServer> {
  await fs.mkdir(opts.dataDir, { recursive: true });
  // mongod logs JSON to stdout; it is kept (tail only) for error messages, not forwarded.
  const child = spawnManaged(opts.binaryPath, ['--dbpath', opts.dataDir, '--bind_ip', '127.0.0.1', '--port', String(opts.port)], {
    stdin: 'ignore',
  });
  // mongod does not watch its stdin, so a watchdog process stops it if we are killed.
  const watchdog = child.pid === undefined ? null : startWatchdog(child.pid);

  const uri = loopbackUri(opts.port);
  try {
    const exited = rejectOnExit(child);
    exited.catch(() => undefined);
    await Promise.race([waitForPing(uri, { timeoutMs: START_TIMEOUT_MS, hasExited: child.hasExited }), exited]);
  } catch (error) {
    await child.stop(STOP_GRACE_MS);
    watchdog?.release();
    throw startFailure('mongod', child, error);
  }

  child.unref();
  return {
    uri,
    stop: async () => {
      await child.stop(STOP_GRACE_MS);
      watchdog?.release();
    },
  };
}
