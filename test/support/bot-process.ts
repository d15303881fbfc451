/**
 * Runs the bot as a process of its own, for tests that need real processes (two replicas on one
 * database, SIGKILL mid-fan-out). Settings come from the environment like `npm start`; the test
 * may shift the clock and tick the scheduler faster than once a minute:
 *   --clock-offset-ms N   the bot's clock runs N ms ahead of the real one
 *   --tick-ms N           scheduler tick interval (default: no scheduler)
 *   --time-scale X        shrink the outbox's rate-limit windows
 *   --lease-ms N          how long a dead replica's claims block a send (default 60 s)
 * Over IPC (spawn-bot.ts) the test asks `settled` (handlers done, outbox drained: see
 * wait-for.ts) or `tick` (one scheduler pass, finished), and gets `{ id, error? }` back.
 */
import { loadConfigFromProcess } from '../../src/config';
import type { Clock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { startApp } from '../../src/main';
import { slackPlugin } from '../../adapters/slack';
import { teamsPlugin } from '../../adapters/teams';
import type { BotRequest, BotResponse } from './spawn-bot';
import { settled } from './wait-for';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const offset = Number(arg('--clock-offset-ms') ?? 0);
  const tickMs = Number(arg('--tick-ms') ?? 0);
  const timeScale = Number(arg('--time-scale') ?? 1);
  const leaseMs = Number(arg('--lease-ms') ?? 60_000);
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const config = loadConfigFromProcess({ dev: false });
  const logger = createLogger(config.logLevel);
  const app = await startApp({
    config,
    clock,
    logger,
    platforms: [slackPlugin, teamsPlugin()],
    scheduler: false,
    dispatcher: { limits: { timeScale }, pollIntervalMs: 100, leaseMs },
  });
  if (tickMs > 0) {
    const timer = setInterval(() => {
      app.runtime.scheduler.tick().catch(() => undefined);
    }, tickMs);
    timer.unref();
  }
  process.on('message', (request: BotRequest) => {
    const work = request.ask === 'tick' ? app.runtime.scheduler.tick() : settled(app);
    work.then(
      () => answer({ id: request.id }),
      (e: unknown) => answer({ id: request.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  process.stdout.write(`READY ${app.url}\n`);
  const stop = async (): Promise<void> => {
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

function answer(response: BotResponse): void {
  process.send?.(response);
}

main().catch((e: unknown) => {
  process.stderr.write(`bot process failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
