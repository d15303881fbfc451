import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { defaultCacheDir, startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/store/embedded';
import { testEngineChoice } from './test-engine';

export interface TestDatabaseHandle {
  database: EmbeddedDatabase;
  dataDir: string;
}

declare global {
  var __missionPulseTestDatabase: TestDatabaseHandle | undefined;
}

// Runs once in jest's parent process; the environment set here is inherited by test workers.
export default async function globalSetup(): Promise<void> {
  const choice = testEngineChoice(process.env);
  const logger = pino({ name: 'test-database', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  if (choice === 'uri') {
    // testEngineChoice has checked that MONGODB_URI is set.
    process.env.MP_TEST_MONGODB_URI = process.env.MONGODB_URI;
    process.env.MP_TEST_ENGINE = 'uri';
    logger.info('storage tests run on the server MONGODB_URI names');
    return;
  }

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mission-pulse-test-db-'));
  try {
    const database = await startEmbeddedDatabase({
      dataDir,
      cacheDir: defaultCacheDir(),
      logger,
      engine: choice,
    });
    globalThis.__missionPulseTestDatabase = { database, dataDir };
    process.env.MP_TEST_MONGODB_URI = database.uri;
    process.env.MP_TEST_ENGINE = database.engine;
    logger.info(`storage tests run on ${database.description} (MISSION_PULSE_TEST_ENGINE=sqlite|postgresql|uri)`);
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
