import path from 'node:path';
import type { Logger } from 'pino';
import { startFerretdb } from './ferretdb-server';
import { pickFreePort } from './free-port';
import { startMongod } from './mongod-server';
import { prepareEmbeddedDatabase, type EmbeddedEngine } from './prepare';
import { PortTakenError, type RunningServer } from './running-server';

const START_ATTEMPTS = 3;

export interface StartEmbeddedDatabaseOptions {
  /**
   * Where data lives. Each engine gets its own sub-folder (`mongod/`, `ferretdb/`) because
   * their files are not interchangeable.
   */
  dataDir: string;
  /** Folder for built FerretDB wrappers, e.g. defaultCacheDir(). */
  cacheDir: string;
  logger: Logger;
  /** Use a mongod found on PATH before FerretDB. Default true. */
  preferMongod?: boolean;
  goCandidates?: readonly string[];
  mongodCandidates?: readonly string[];
}

export interface EmbeddedDatabase {
  /** mongodb://127.0.0.1:PORT/?directConnection=true, without a database name. */
  uri: string;
  engine: EmbeddedEngine;
  /** Stops the server process and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Starts a private MongoDB-compatible server on a free loopback port. */
export async function startEmbeddedDatabase(opts: StartEmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { engine, binaryPath } = await prepareEmbeddedDatabase(opts);
  const dataDir = path.resolve(opts.dataDir, engine);

  let server: RunningServer | undefined;
  for (let attempt = 1; !server; attempt++) {
    const port = await pickFreePort();
    try {
      server =
        engine === 'mongod'
          ? await startMongod({ binaryPath, dataDir, port })
          : await startFerretdb({ binaryPath, dataDir, port, logger: opts.logger });
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= START_ATTEMPTS) throw error;
      opts.logger.debug({ port, attempt }, 'embedded database port was taken; trying another');
    }
  }

  const running = server;
  opts.logger.info({ engine, uri: running.uri, dataDir }, 'embedded database ready');
  return {
    uri: running.uri,
    engine,
    stop: async () => {
      await running.stop();
      opts.logger.debug({ engine, uri: running.uri }, 'embedded database stopped');
    },
  };
}
