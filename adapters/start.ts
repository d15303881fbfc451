/**
 * The process entry: wires the platform adapters into the core app and handles signals.
 * `npm start` runs the built copy; `npm run dev` runs this with --dev.
 */
import { ConfigError, loadConfigFromProcess, processEnv } from '../src/config';
import { createLogger } from '../src/logger';
import { startApp } from '../src/main';
import { slackPlugin } from './slack';
import { teamsPlugin } from './teams';

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  if (dev && (await startPlaygroundIfWanted())) return;
  let config;
  try {
    config = loadConfigFromProcess({ dev });
  } catch (e) {
    exitOnConfigError(e);
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp({ config, platforms: [slackPlugin, teamsPlugin()], logger });
  if (dev) {
    process.stdout.write(`\nMission Pulse is running at ${app.url}\n  health: ${app.url}/healthz\n\n`);
  }
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function exitOnConfigError(e: unknown): void {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(78);
  }
}

/**
 * `npm run dev` with no Slack or Teams credentials: the local playground (stand-ins for both
 * platforms and a page to act as several people). `--demo` seeds a mission with history.
 */
async function startPlaygroundIfWanted(): Promise<boolean> {
  const env = processEnv();
  const { startPlayground, wantsPlayground } = await import('./playground');
  if (!wantsPlayground(env)) return false;
  const demo = process.argv.includes('--demo');
  let playground;
  try {
    playground = await startPlayground({ env, demo });
  } catch (e) {
    exitOnConfigError(e);
    throw e;
  }
  const demoNote = {
    created: `seeded "${playground.demo?.slug}" with ${playground.demo?.rounds} weeks of check-ins`,
    'already-seeded': `"${playground.demo?.slug}" was seeded before`,
    'slug-taken': `not seeded: a mission called "${playground.demo?.slug}" already exists`,
  };
  const seeded = playground.demo ? `\n  demo: ${demoNote[playground.demo.skipped ?? 'created']}` : '';
  process.stdout.write(
    `\nMission Pulse playground: ${playground.url}\n  act as four people on a pretend Slack and a pretend Teams; no account needed${seeded}\n\n`,
  );
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    playground.app.logger.info({ signal }, 'shutting down');
    await playground.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return true;
}

main().catch((e: unknown) => {
  process.stderr.write(`Mission Pulse failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
