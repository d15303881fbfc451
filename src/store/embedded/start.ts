import path from 'node:path';
import type { Logger } from 'pino';
import { startFerretdb } from './ferretdb-server';
import { pickFreePort } from './free-port';
import { startMongod } from './mongod-server';
import { startPostgresqlCluster } from './postgresql-cluster';
import { prepareEmbeddedDatabase, type EmbeddedEngine, type PrepareEmbeddedDatabaseOptions } from './prepare';
import { PortTakenError, type RunningServer } from './running-server';

const START_ATTEMPTS = 3;

export interface StartEmbeddedDatabaseOptions extends PrepareEmbeddedDatabaseOptions {
  /**
   * Where data lives. Each engine gets its own sub-folder (`mongod/`, `ferretdb/`) because
   * their files are not interchangeable. The postgresql engine keeps nothing: its cluster lives
   * in a temporary folder deleted at stop.
   */
  dataDir: string;
}

export interface EmbeddedDatabase {
  /** mongodb://127.0.0.1:PORT/?directConnection=true, without a database name. */
  uri: string;
  engine: EmbeddedEngine;
  /** For logs and reports, e.g. "FerretDB on PostgreSQL 15.18". */
  description: string;
  /** Stops the server process(es) and waits for them to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Words for logs and reports: which server answers, on which storage. */
export const ENGINE_DESCRIPTIONS: Record<EmbeddedEngine, string> = {
  mongod: 'mongod',
  'ferretdb-sqlite': 'FerretDB on SQLite',
  'ferretdb-postgresql': 'FerretDB on PostgreSQL',
};

/** Data sub-folders; FerretDB on SQLite keeps the name it had before there were two storages. */
const DATA_FOLDERS: Record<EmbeddedEngine, string> = {
  mongod: 'mongod',
  'ferretdb-sqlite': 'ferretdb',
  'ferretdb-postgresql': 'postgresql',
};

/** Runs start on a free loopback port, trying another when the port was taken in between. */
async function onFreePort<T>(what: string, logger: Logger, start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await pickFreePort();
    try {
      return await start(port);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= START_ATTEMPTS) throw error;
      logger.debug({ port, attempt, what }, 'port was taken; trying another');
    }
  }
}

/** Starts a private MongoDB-compatible server on a free loopback port. */
export async function startEmbeddedDatabase(opts: StartEmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const prepared = await prepareEmbeddedDatabase(opts);
  const { engine, binaryPath } = prepared;
  const dataDir = path.resolve(opts.dataDir, DATA_FOLDERS[engine]);
  const logger = opts.logger;

  let server: RunningServer;
  let description = ENGINE_DESCRIPTIONS[engine];
  if (prepared.engine === 'mongod') {
    server = await onFreePort('mongod', logger, (port) => startMongod({ binaryPath, dataDir, port }));
  } else if (prepared.engine === 'ferretdb-sqlite') {
    server = await onFreePort('FerretDB', logger, (port) => startFerretdb({ binaryPath, storage: { sqliteDir: dataDir }, port, logger }));
  } else {
    const tools = prepared.postgresql;
    const cluster = await onFreePort('PostgreSQL', logger, (port) => startPostgresqlCluster({ tools, port, logger }));
    let ferretdb: RunningServer;
    try {
      ferretdb = await onFreePort('FerretDB', logger, (port) =>
        startFerretdb({ binaryPath, storage: { postgresqlUrl: cluster.url }, port, logger }),
      );
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    server = {
      uri: ferretdb.uri,
      stop: async () => {
        try {
          await ferretdb.stop();
        } finally {
          await cluster.stop();
        }
      },
    };
    description = `${description} ${tools.version}`;
  }

  const running = server;
  logger.info(
    { engine, uri: running.uri, ...(engine === 'ferretdb-postgresql' ? {} : { dataDir }) },
    `embedded database ready (${description})`,
  );
  return {
    uri: running.uri,
    engine,
    description,
    stop: async () => {
      await running.stop();
      logger.debug({ engine, uri: running.uri }, 'embedded database stopped');
    },
  };
}
