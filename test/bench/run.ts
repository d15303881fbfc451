/**
 * `npm run bench`: starts the database (embedded, or MONGODB_URI), then for each scenario the
 * platform stand-ins and the bot in a process of its own, and reports every figure as a JSON line
 * and, at the end, as a table; results go to test-artifacts/bench/results.{json,md}.
 * `npm run bench -- --help` lists the flags.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs, USAGE, type ScenarioName } from './args';
import { Results } from './results';
import { runAckLatency } from './scenarios/ack-latency';
import { runDigestBuild } from './scenarios/digest-build';
import { runFanout } from './scenarios/fanout';
import { runSchedulerTick } from './scenarios/scheduler-tick';
import type { BenchContext } from './support/context';
import { startBenchDatabase } from './support/database';

const ROOT = path.resolve(__dirname, '../..');

/** Memory is measured during the fan-out (idle before it starts, peak while it runs). */
const RUNNERS: Array<{ names: ScenarioName[]; run: (ctx: BenchContext) => Promise<void> }> = [
  { names: ['ack'], run: runAckLatency },
  { names: ['fanout', 'memory'], run: runFanout },
  { names: ['digest'], run: runDigestBuild },
  { names: ['tick'], run: runSchedulerTick },
];

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = (message: string): void => {
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  };
  const outDir = path.resolve(ROOT, opts.outDir);
  log('starting the database');
  const db = await startBenchDatabase(opts.engine);
  const results = new Results({
    date: new Date().toISOString(),
    database: db.label,
    node: process.version,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GB`,
    scale: opts.scale,
    timeScale: opts.timeScale,
    quick: opts.quick,
  });
  results.note(`database: ${db.label}${db.serverPids.length > 0 ? ` (server pids ${db.serverPids.join(', ')}, reported apart)` : ''}`);
  const ctx: BenchContext = { opts, db, results, log, artifactsDir: outDir };
  // Ctrl-C: the bot processes notice their IPC channel close and stop; the database is ours.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void db.stop().finally(() => process.exit(130));
    });
  }
  let failed = 0;
  try {
    for (const runner of RUNNERS) {
      if (!runner.names.some((n) => opts.only.includes(n))) continue;
      const started = Date.now();
      log(`scenario ${runner.names.join(' + ')}`);
      try {
        await runner.run(ctx);
      } catch (e) {
        failed++;
        results.note(`scenario ${runner.names.join(' + ')} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      log(`scenario ${runner.names.join(' + ')} took ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await db.stop();
  }
  const written = await results.write(outDir);
  process.stdout.write(`\n${results.table()}\n\nWritten to ${path.relative(ROOT, written.json)} and ${path.relative(ROOT, written.md)}\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
