/**
 * The process entry: wires the platform adapters into the core app and handles signals.
 * `npm start` runs the built copy; `npm run dev` runs this with --dev.
 */
import { ConfigError, loadConfigFromProcess } from '../src/config';
import { createLogger } from '../src/logger';
import { startApp } from '../src/main';
import { slackPlugin } from './slack';
import { teamsPlugin } from './teams';

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  let config;
  try {
    config = loadConfigFromProcess({ dev });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
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

main().catch((e: unknown) => {
  process.stderr.write(`Mission Pulse failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
