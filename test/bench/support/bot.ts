import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { BotRequest, BotResponse, BotUsage, DbTraceAnswer, DigestAnswer, TickAnswer } from './bot-protocol';

const ROOT = path.resolve(__dirname, '../../..');
const START_TIMEOUT_MS = 60_000;

export interface BotOptions {
  /** MONGODB_URI (with the database in its path) and MONGODB_DB for this run. */
  database: { uri: string; dbName: string };
  /** Slack and Teams settings (startPlatforms().env). */
  platformEnv: Record<string, string>;
  timeScale?: number;
  /** Write a V8 CPU profile of the bot into this folder when it stops (--cpu-prof). */
  cpuProfileDir?: string;
}

/** The bot process as the bench sees it. */
export interface BotHandle {
  url: string;
  pid: number;
  usage(): Promise<BotUsage>;
  tick(): Promise<TickAnswer>;
  /** Builds the digest `repeat` times at most, fewer once `budgetMs` is spent (two at least). */
  digest(missionId: string, roundId: string, repeat: number, budgetMs: number): Promise<DigestAnswer>;
  /** With BENCH_DB_TRACE=1: database time by collection and filter shape, most first. */
  dbTrace(): Promise<DbTraceAnswer>;
  /** What the bot wrote to stdout and stderr (the last part), for error messages. */
  output(): string;
  stop(): Promise<void>;
}

let bundle: string | undefined;

/**
 * The bot process runs compiled JavaScript, as `npm start` does: under tsx it would carry the
 * TypeScript loader (about 50 MB more resident memory, and its CPU). One esbuild bundle of our
 * own code per bench run; node_modules stay external, loaded as usual.
 */
function botBundle(): string {
  if (!bundle) {
    const outfile = path.join(ROOT, 'test-artifacts', 'bench', '.bot', 'bot-child.js');
    buildSync({
      entryPoints: [path.join(__dirname, 'bot-child.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      sourcemap: true,
      logLevel: 'error',
    });
    bundle = outfile;
  }
  return bundle;
}

/** The Node flags `npm start` runs the bot with (package.json), so the bench measures the same process. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  return (pkg.scripts?.start ?? '').split(/\s+/).filter((t) => t.startsWith('--'));
}

export async function startBot(opts: BotOptions): Promise<BotHandle> {
  const nodeArgs: string[] = startFlags();
  if (opts.cpuProfileDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', opts.cpuProfileDir);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, botBundle(), '--time-scale', String(opts.timeScale ?? 1)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      ...(process.env.BENCH_DB_TRACE ? { BENCH_DB_TRACE: process.env.BENCH_DB_TRACE } : {}),
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: opts.database.uri,
      MONGODB_DB: opts.database.dbName,
      ...opts.platformEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  const keep = (d: Buffer): void => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start in ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
    child.on('message', (raw) => {
      const msg = raw as { ready?: string } & Partial<BotResponse>;
      if (msg.ready) {
        clearTimeout(timer);
        resolve(msg.ready.replace('localhost', '127.0.0.1'));
        return;
      }
      const waiting = msg.id !== undefined ? pending.get(msg.id) : undefined;
      if (!waiting || msg.id === undefined) return;
      pending.delete(msg.id);
      if (msg.ok) waiting.resolve(msg.result);
      else waiting.reject(new Error(`bot: ${(msg as { error: string }).error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before it was ready:\n${out}`));
      for (const p of pending.values()) p.reject(new Error(`the bot exited (${code}):\n${out}`));
    });
  });

  const call = <T>(req: BotRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...req, id });
    });

  return {
    url,
    pid: child.pid as number,
    usage: () => call<BotUsage>({ op: 'usage' }),
    tick: () => call<TickAnswer>({ op: 'tick' }),
    digest: (missionId, roundId, repeat, budgetMs) => call<DigestAnswer>({ op: 'digest', missionId, roundId, repeat, budgetMs }),
    dbTrace: () => call<DbTraceAnswer>({ op: 'dbTrace' }),
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
