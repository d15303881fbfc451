export const SCENARIOS = ['memory', 'ack', 'fanout', 'digest', 'tick'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

import type { EmbeddedEngineChoice } from '../../src/store/embedded';

const ENGINES: readonly EmbeddedEngineChoice[] = ['sqlite', 'postgresql'];

export interface BenchOptions {
  /** The embedded database's storage (unset: FerretDB on SQLite, or a mongod on PATH). */
  engine?: EmbeddedEngineChoice;
  /** Multiplies every scenario's sizes (members, missions, requests, history). */
  scale: number;
  /** Shrinks the platforms' rate-limit windows in the fan-out (both the stand-ins' and the bot's). */
  timeScale: number;
  /** Seconds of load per acknowledgement run. */
  ackSeconds: number;
  /** Requests per second offered in the acknowledgement runs. */
  ackRate: number;
  only: ScenarioName[];
  quick: boolean;
  /** Write V8 CPU profiles of the bot (--cpu-prof) next to the results. */
  profile: boolean;
  outDir: string;
}

export const USAGE = `npm run bench [-- options]

  --quick             smoke run (about 2 minutes): --scale 0.1, 5 s of load
  --engine E          the embedded database: sqlite (FerretDB on SQLite files, the default) or
                      postgresql (FerretDB on a throwaway PostgreSQL cluster); default from
                      MISSION_PULSE_DB_ENGINE, as the bot reads it
  --scale X           multiply every scenario's size (default 1)
  --time-scale X      shrink the rate-limit windows in the fan-out (default 0.25: a minute lasts 15 s)
  --only a,b          run some scenarios: ${SCENARIOS.join(', ')}
  --ack-seconds N     seconds of load per acknowledgement run (default 10)
  --ack-rate N        requests per second offered (default 200)
  --profile           write a CPU profile of the bot per scenario (open in Chrome DevTools)
  --out DIR           where results.json and results.md go (default test-artifacts/bench)

Set MONGODB_URI to run against that server instead of the embedded database.`;

function numberArg(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number (got ${String(raw)})`);
  return n;
}

function engineArg(raw: string | undefined, from: string): EmbeddedEngineChoice | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!(ENGINES as readonly string[]).includes(raw)) throw new Error(`${from} must be ${ENGINES.join(' or ')} (got ${raw})`);
  return raw as EmbeddedEngineChoice;
}

export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}): BenchOptions | 'help' {
  const quick = argv.includes('--quick');
  const opts: BenchOptions = {
    engine: engineArg(env.MISSION_PULSE_DB_ENGINE, 'MISSION_PULSE_DB_ENGINE'),
    scale: quick ? 0.1 : 1,
    timeScale: 0.25,
    ackSeconds: quick ? 5 : 10,
    ackRate: 200,
    only: [...SCENARIOS],
    quick,
    profile: false,
    outDir: 'test-artifacts/bench',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--quick') continue;
    else if (a === '--profile') opts.profile = true;
    else if (a === '--engine') opts.engine = engineArg(value() ?? '(nothing)', '--engine');
    else if (a === '--scale') opts.scale = numberArg(a, value());
    else if (a === '--time-scale') opts.timeScale = numberArg(a, value());
    else if (a === '--ack-seconds') opts.ackSeconds = numberArg(a, value());
    else if (a === '--ack-rate') opts.ackRate = numberArg(a, value());
    else if (a === '--out') opts.outDir = value() ?? opts.outDir;
    else if (a === '--only') {
      const names = (value() ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0)
        throw new Error(`--only takes a list of ${SCENARIOS.join(', ')} (got ${unknown.join(', ') || 'nothing'})`);
      opts.only = names as ScenarioName[];
    } else throw new Error(`unknown option ${a}\n\n${USAGE}`);
  }
  return opts;
}
