/**
 * The first half of `npm test` (then jest): makes this machine ready for the whole suite, so a
 * fresh clone passes with the README's one command.
 *
 * - The embedded database engine: mongod from PATH, or FerretDB built once with Go into .cache/
 *   (skipped when MONGODB_URI points at a server). Without either it stops here and says why.
 *   With MISSION_PULSE_TEST_ENGINE=postgresql, also PostgreSQL (test/support/test-engine.ts).
 * - Chromium for the playground's browser test: CHROMIUM_PATH or one on PATH; failing that,
 *   Debian's `chromium` package when running as root with apt-get. Where it cannot be had it
 *   says how to get it and goes on: the browser test then fails with the same advice, unless
 *   MISSION_PULSE_SKIP_BROWSER_TEST=1 leaves it out.
 */
import { spawnSync } from 'node:child_process';
import pino from 'pino';
import { defaultCacheDir, prepareEmbeddedDatabase } from '../../src/store/embedded';
import { testEngineChoice } from '../support/test-engine';
import { browserTestSkipped, findChromium, howToGetChromium, SKIP_BROWSER_TEST_VARIABLE } from './chromium';

const say = (line: string): void => void process.stdout.write(`[test setup] ${line}\n`);

async function ensureDatabase(): Promise<boolean> {
  const logger = pino({ name: 'test-setup', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(1));
  try {
    const choice = testEngineChoice(process.env);
    if (choice === 'uri') {
      say('database: MONGODB_URI is set, the tests use that server.');
      return true;
    }
    const prepared = await prepareEmbeddedDatabase({ cacheDir: defaultCacheDir(), logger, engine: choice });
    const postgresql =
      prepared.engine === 'ferretdb-postgresql' ? `, PostgreSQL ${prepared.postgresql.version} (${prepared.postgresql.postgres})` : '';
    say(`database: embedded ${prepared.engine} ready (${prepared.binaryPath}${postgresql}).`);
    return true;
  } catch (error) {
    process.stderr.write(`[test setup] database: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

function canInstallWithApt(): boolean {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function installChromiumWithApt(): boolean {
  say("browser: no Chromium found; installing Debian's chromium package (apt-get, as root).");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) return false;
  }
  return findChromium().found;
}

function ensureChromium(): void {
  if (browserTestSkipped()) {
    say(`browser: ${SKIP_BROWSER_TEST_VARIABLE}=1, so the playground browser test is left out of this run.`);
    return;
  }
  const chromium = findChromium();
  if (chromium.found) {
    say(`browser: Chromium at ${chromium.path}.`);
    return;
  }
  if (!chromium.fromVariable && canInstallWithApt() && installChromiumWithApt()) {
    say(`browser: Chromium installed at ${findChromium().path}.`);
    return;
  }
  process.stderr.write(`[test setup] browser: ${howToGetChromium().replace(/\n/g, '\n[test setup]   ')}\n`);
  say('browser: going on; the browser test will fail until Chromium is there.');
}

async function main(): Promise<void> {
  if (!(await ensureDatabase())) {
    process.exitCode = 1;
    return;
  }
  ensureChromium();
}

void main();
