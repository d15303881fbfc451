/**
 * The bot as the bench runs it: a process of its own (so its CPU and memory are its own), started
 * like `npm start` from the environment, with the Teams credentials pointed at the token issuer
 * stand-in. The bench drives it over the IPC channel (see bot.ts for the operations).
 *   --time-scale X   shrink the outbox's rate-limit windows (as the stand-ins' are shrunk)
 */
import { performance } from 'node:perf_hooks';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { loadConfigFromProcess } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { startApp, type RunningApp } from '../../../src/main';
import { slackPlugin } from '../../../adapters/slack';
import { renderSlackMessage } from '../../../adapters/slack/render';
import { teamsPlugin } from '../../../adapters/teams';
import { renderAdaptiveCard, toTeamsAttachment } from '../../../adapters/teams/render';
import { loopbackNetworkModule } from '../../../adapters/stand-ins/teams';
import type { BotRequest, BotResponse, DbTraceAnswer, DigestAnswer } from './bot-protocol';
import { traceDatabase } from './db-trace';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The same MSAL client the issuer stand-in hands out in-process, rebuilt here from its address. */
function credentialsFactory(appId: string, appPassword: string, authority: string): MsalServiceClientCredentialsFactory {
  const host = new URL(authority).host;
  const client = new ConfidentialClientApplication({
    auth: { clientId: appId, clientSecret: appPassword, authority, knownAuthorities: [host] },
    system: {
      networkClient: loopbackNetworkModule(host),
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  });
  return new MsalServiceClientCredentialsFactory(appId, client);
}

async function digest(app: RunningApp, missionId: string, roundId: string, repeat: number, budgetMs: number): Promise<DigestAnswer> {
  const { store } = app.runtime.ctx;
  const { services } = app.runtime;
  const runs: DigestAnswer['runs'] = [];
  let sizes = { slackBlocks: 0, slackBytes: 0, teamsBytes: 0, chartBytes: 0 };
  const began = performance.now();
  // At least two builds (a cold and a warm one), more while the time budget lasts.
  for (let i = 0; i < repeat && (i < 2 || performance.now() - began < budgetMs); i++) {
    const t0 = performance.now();
    const mission = await store.missions.findById(missionId);
    const round = await store.rounds.get(roundId);
    if (!mission || !round) throw new Error(`no mission ${missionId} or round ${roundId}`);
    const { message } = await services.digests.build(mission, round);
    const t1 = performance.now();
    const slack = renderSlackMessage(message);
    const t2 = performance.now();
    const teams = toTeamsAttachment(renderAdaptiveCard(message));
    const t3 = performance.now();
    runs.push({ totalMs: t3 - t0, buildMs: t1 - t0, slackMs: t2 - t1, teamsMs: t3 - t2 });
    const chart = message.blocks.find((b) => b.kind === 'chart');
    sizes = {
      slackBlocks: slack.blocks?.length ?? 0,
      slackBytes: JSON.stringify(slack).length,
      teamsBytes: JSON.stringify(teams).length,
      chartBytes: chart && chart.kind === 'chart' ? Buffer.from(chart.pngBase64, 'base64').length : 0,
    };
  }
  // The reads alone, once (build() does them inside).
  const mission = await store.missions.findById(missionId);
  const round = await store.rounds.get(roundId);
  const t4 = performance.now();
  if (mission && round) await services.digests.load(mission, round);
  return { runs, loadMs: performance.now() - t4, sizes };
}

async function handle(app: RunningApp, req: BotRequest, trace: (() => DbTraceAnswer) | undefined): Promise<unknown> {
  switch (req.op) {
    case 'usage': {
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      return { cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed };
    }
    case 'tick': {
      const t0 = performance.now();
      const result = await app.runtime.scheduler.tick();
      return { ms: performance.now() - t0, result };
    }
    case 'digest':
      return digest(app, req.missionId, req.roundId, req.repeat, req.budgetMs);
    case 'dbTrace':
      return trace?.() ?? [];
    default:
      throw new Error(`unknown operation ${(req as { op: string }).op}`);
  }
}

async function main(): Promise<void> {
  const timeScale = Number(arg('--time-scale') ?? 1);
  const config = loadConfigFromProcess({ dev: false });
  const logger = createLogger(config.logLevel);
  const authority = process.env.BENCH_TEAMS_AUTHORITY;
  const teams =
    config.teams && authority
      ? teamsPlugin({ credentialsFactory: credentialsFactory(config.teams.appId, config.teams.appPassword, authority) })
      : teamsPlugin();
  const app = await startApp({ config, logger, platforms: [slackPlugin, teams], scheduler: false, dispatcher: { limits: { timeScale } } });
  const trace = process.env.BENCH_DB_TRACE ? traceDatabase(app.store.connection) : undefined;
  process.on('message', (raw) => {
    const req = raw as BotRequest & { id: number };
    handle(app, req, trace).then(
      (result) => process.send?.({ id: req.id, ok: true, result } satisfies BotResponse),
      (e: unknown) =>
        process.send?.({ id: req.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies BotResponse),
    );
  });
  const stop = async (): Promise<void> => {
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ ready: app.url });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench bot failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
