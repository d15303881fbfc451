import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { defaultCacheDir, startEmbeddedDatabase, type EmbeddedDatabase } from '../../../src/store/embedded';
import { withDatabaseName } from '../../support/database';
import { findChildren } from './proc';

export interface BenchDatabase {
  /** "embedded ferretdb", "embedded mongod" or "MONGODB_URI". */
  label: string;
  /** The server process when the bench started it (its RSS and CPU are reported apart). */
  serverPid?: number;
  /** A fresh database on the server, for one scenario. */
  fresh(name: string): { uri: string; dbName: string; drop(): Promise<void> };
  stop(): Promise<void>;
}

/**
 * The database the bench runs on: MONGODB_URI when set (the bench then measures that server),
 * otherwise the embedded one the bot would start (FerretDB on SQLite unless a mongod is on PATH).
 */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const external = process.env.MONGODB_URI;
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let baseUri: string;
  let label: string;
  if (external) {
    baseUri = external;
    label = 'MONGODB_URI';
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mission-pulse-bench-db-'));
    embedded = await startEmbeddedDatabase({ dataDir, cacheDir: defaultCacheDir(), logger: pino({ level: 'warn' }, pino.destination(2)) });
    baseUri = embedded.uri;
    label = `embedded ${embedded.engine}`;
  }
  const serverPid = embedded ? findChildren(process.pid, embedded.engine === 'mongod' ? 'mongod' : 'ferretdb')[0] : undefined;
  return {
    label,
    serverPid,
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
