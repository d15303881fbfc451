import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';

export interface TestDatabase {
  /** The test server's URI with this database's name in its path. */
  uri: string;
  dbName: string;
  /** Drops the database (call in afterAll). */
  drop(): Promise<void>;
}

const URI_PARTS = /^(mongodb(?:\+srv)?:\/\/)([^/?]+)(\/[^?]*)?(\?.*)?$/;

/**
 * Puts `dbName` in the URI's path. A path database is also the default auth database, so when
 * the URI has credentials and no authSource, the original one is kept explicitly.
 */
export function withDatabaseName(baseUri: string, dbName: string): string {
  const match = URI_PARTS.exec(baseUri);
  if (!match) throw new Error(`Not a MongoDB URI: ${baseUri}`);
  const [, scheme, hosts, pathPart = '', queryPart = ''] = match;
  let query = queryPart;
  if (hosts.includes('@') && !new URLSearchParams(queryPart.slice(1)).has('authSource')) {
    const authSource = encodeURIComponent(decodeURIComponent(pathPart.slice(1)) || 'admin');
    query = `${query ? `${query}&` : '?'}authSource=${authSource}`;
  }
  return `${scheme}${hosts}/${dbName}${query}`;
}

/** A fresh database on the shared test server, named for the test file so leftovers are traceable. */
export async function testDatabase(label: string): Promise<TestDatabase> {
  const baseUri = process.env.MP_TEST_MONGODB_URI;
  if (!baseUri) {
    throw new Error('MP_TEST_MONGODB_URI is not set: run tests through jest (test/support/global-setup.ts starts the database).');
  }
  // FerretDB accepts [A-Za-z0-9_-]{1,63}; 8 + 30 + 1 + 12 characters at most.
  const safeLabel = label.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30) || 'db';
  const dbName = `mp_test_${safeLabel}_${randomBytes(6).toString('hex')}`;
  const uri = withDatabaseName(baseUri, dbName);

  return {
    uri,
    dbName,
    drop: async () => {
      const client = new MongoClient(uri);
      try {
        await client.connect();
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
