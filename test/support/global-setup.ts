import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { defaultCacheDir, startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/store/embedded';

export interface TestDatabaseHandle {
  database: EmbeddedDatabase;
  dataDir: string;
}

declare global {
  var __missionPulseTestDatabase: TestDatabaseHandle | undefined;
}

// Runs once in jest's parent process; the environment set here is inherited by test workers.
export default async function globalSetup(): Promise<void> {
  const external = process.env.MONGODB_URI;
  if (external) {
    process.env.MP_TEST_MONGODB_URI = external;
    return;
  }

  const logger = pino({ name: 'test-database', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mission-pulse-test-db-'));
  try {
    const database = await startEmbeddedDatabase({ dataDir, cacheDir: defaultCacheDir(), logger });
    globalThis.__missionPulseTestDatabase = { database, dataDir };
    process.env.MP_TEST_MONGODB_URI = database.uri;
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
