/**
 * Runs the bot against real Slack and Teams (or whichever of them is configured) until a signal
 * stops it. Used by the production entry (start.ts) and by `npm run dev` when credentials are set.
 */
import { ConfigError, loadConfigFromProcess } from '../src/config';
import { createLogger, type Logger } from '../src/logger';
import { startApp } from '../src/main';
import { slackPlugin } from './slack';
import { teamsPlugin } from './teams';

export interface RunServerOptions {
  /** `npm run dev`: dev defaults (the Emulator's mode unless set) and the address printed. */
  dev: boolean;
}

export async function runServer(opts: RunServerOptions): Promise<void> {
  let config;
  try {
    config = loadConfigFromProcess({ dev: opts.dev });
  } catch (e) {
    exitOnConfigError(e);
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp({ config, platforms: [slackPlugin, teamsPlugin()], logger });
  if (opts.dev) {
    process.stdout.write(`\nMission Pulse is running at ${app.url}\n  health: ${app.url}/healthz\n\n`);
  }
  stopOnSignals(() => app.stop(), logger);
}

/** A settings mistake is the operator's to fix: say which, and exit with EX_CONFIG (78). */
export function exitOnConfigError(e: unknown): void {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(78);
  }
}

/** SIGINT and SIGTERM stop the work in hand once (see `stop`), then the process exits. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void onSignal('SIGINT'));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
}

/** Reports a start-up failure on stderr and exits non-zero. */
export function exitOnStartFailure(e: unknown): never {
  process.stderr.write(`Mission Pulse failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
