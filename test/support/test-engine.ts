import type { EmbeddedEngine, EmbeddedEngineChoice } from '../../src/store/embedded';

/**
 * Which database the storage suites run on, chosen once per run by MISSION_PULSE_TEST_ENGINE:
 * `sqlite` (FerretDB on SQLite files, the default; a mongod on PATH is used instead when the
 * variable is unset), `postgresql` (FerretDB on a throwaway PostgreSQL cluster) or `uri` (the
 * server MONGODB_URI names; also the default when MONGODB_URI is set).
 */
export type TestEngineChoice = EmbeddedEngineChoice | 'uri';
export const TEST_ENGINE_CHOICES: readonly TestEngineChoice[] = ['sqlite', 'postgresql', 'uri'];

/** What actually answers, as global-setup found it: an embedded engine, or `uri`. */
export type TestEngine = EmbeddedEngine | 'uri';

/** Reads the choice; throws a message naming the variable when it is wrong. */
export function testEngineChoice(env: Record<string, string | undefined>): TestEngineChoice | undefined {
  const raw = env.MISSION_PULSE_TEST_ENGINE?.trim() ?? '';
  if (raw === '') return env.MONGODB_URI ? 'uri' : undefined;
  if (!(TEST_ENGINE_CHOICES as readonly string[]).includes(raw)) {
    throw new Error(`MISSION_PULSE_TEST_ENGINE must be one of ${TEST_ENGINE_CHOICES.join(', ')} (got "${raw}").`);
  }
  if (raw === 'uri' && !env.MONGODB_URI) {
    throw new Error('MISSION_PULSE_TEST_ENGINE=uri runs the tests on the server MONGODB_URI names, but MONGODB_URI is not set.');
  }
  return raw as TestEngineChoice;
}

/** The engine this run's tests are on (set by global-setup for the workers). */
export function testEngine(): TestEngine {
  const engine = process.env.MP_TEST_ENGINE;
  if (!engine) throw new Error('MP_TEST_ENGINE is not set: run tests through jest (test/support/global-setup.ts sets it).');
  return engine as TestEngine;
}

/** The embedded engine choice matching this run, for tests that start a database of their own. */
export function embeddedChoiceOfRun(): EmbeddedEngineChoice | undefined {
  const engine = testEngine();
  if (engine === 'ferretdb-postgresql') return 'postgresql';
  if (engine === 'ferretdb-sqlite') return 'sqlite';
  return undefined;
}
