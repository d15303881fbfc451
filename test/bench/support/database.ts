import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { defaultCacheDir, startEmbeddedDatabase, type EmbeddedDatabase, type EmbeddedEngineChoice } from '../../../src/store/embedded';
import { withDatabaseName } from '../../support/database';
import { findChildren } from './proc';

export interface BenchDatabase {
  /** "embedded FerretDB on SQLite", "embedded FerretDB on PostgreSQL", "embedded mongod" or "MONGODB_URI". */
  label: string;
  /** The server's processes when the bench started them (their memory and CPU are reported apart). */
  serverPids: number[];
  /** A fresh database on the server, for one scenario. */
  fresh(name: string): { uri: string; dbName: string; drop(): Promise<void> };
  stop(): Promise<void>;
}

/** The server processes of an embedded database: FerretDB, and PostgreSQL's postmaster under it. */
function serverProcesses(database: EmbeddedDatabase): number[] {
  if (database.engine === 'mongod') return findChildren(process.pid, 'mongod').slice(0, 1);
  const ferretdb = findChildren(process.pid, 'ferretdb').slice(0, 1);
  return database.engine === 'ferretdb-postgresql' ? [...ferretdb, ...findChildren(process.pid, 'postgres').slice(0, 1)] : ferretdb;
}

/**
 * The database the bench runs on: MONGODB_URI when set (the bench then measures that server),
 * otherwise the embedded one the bot would start on `engine` (--engine; unset: FerretDB on
 * SQLite unless a mongod is on PATH).
 */
export async function startBenchDatabase(engine: EmbeddedEngineChoice | undefined): Promise<BenchDatabase> {
  const external = process.env.MONGODB_URI;
  if (external && engine) throw new Error(`--engine ${engine} starts an embedded database, but MONGODB_URI is set: unset one of them.`);
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let baseUri: string;
  let label: string;
  if (external) {
    baseUri = external;
    label = 'MONGODB_URI';
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mission-pulse-bench-db-'));
    embedded = await startEmbeddedDatabase({
      dataDir,
      cacheDir: defaultCacheDir(),
      logger: pino({ level: 'warn' }, pino.destination(2)),
      engine,
    });
    baseUri = embedded.uri;
    label = `embedded ${embedded.description}`;
  }
  return {
    label,
    serverPids: embedded ? serverProcesses(embedded) : [],
    fresh(name) {
      const dbName = `mp_bench_${name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
      const uri = withDatabaseName(baseUri, dbName);
      return {
        uri,
        dbName,
        async drop() {
          const client = new MongoClient(uri);
          try {
            await client.connect();
            await client.db(dbName).dropDatabase();
          } finally {
            await client.close();
          }
        },
      };
    },
    async stop() {
      await embedded?.stop();
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
