/**
 * Runs the whole suite several times in a row with one CPU core kept busy beside it, the way a
 * shared CI machine can be: a test that only passes on an idle machine is waiting on time
 * rather than on a signal. `npm run test:under-load -- [--runs N] [jest arguments…]` prepares the
 * machine as `npm test` does, then runs jest N times (3 by default) and prints each run's time.
 * The busy core is `stress-ng --cpu 1` where it is installed, else a Node busy loop.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function parseArgs(argv: string[]): { runs: number; jestArgs: string[] } {
  const i = argv.indexOf('--runs');
  if (i < 0) return { runs: 3, jestArgs: argv };
  const runs = Number(argv[i + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a whole number of at least 1, not "${argv[i + 1]}"`);
  return { runs, jestArgs: [...argv.slice(0, i), ...argv.slice(i + 2)] };
}

function startHog(): { child: ChildProcess; what: string } {
  const stressNg = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status === 0;
  if (stressNg) return { child: spawn('stress-ng', ['--cpu', '1', '--quiet'], { stdio: 'ignore' }), what: 'stress-ng --cpu 1' };
  return { child: spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }), what: 'a Node busy loop' };
}

function runNode(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const { runs, jestArgs } = parseArgs(process.argv.slice(2));
  // As `npm test` does, once: the database engine and the browser ready before any run.
  if ((await runNode(['--import', 'tsx', path.join(ROOT, 'test/setup/ensure-test-tools.ts')])) !== 0) {
    process.exitCode = 1;
    return;
  }
  const hog = startHog();
  const stop = (): void => {
    hog.child.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  const results: Array<{ run: number; seconds: number; passed: boolean }> = [];
  try {
    process.stdout.write(`Keeping one core busy with ${hog.what}; running the suite ${runs} times.\n`);
    for (let run = 1; run <= runs; run++) {
      const started = Date.now();
      const code = await runNode([require.resolve('jest/bin/jest'), ...jestArgs]);
      results.push({ run, seconds: Math.round((Date.now() - started) / 1000), passed: code === 0 });
    }
  } finally {
    stop();
  }
  process.stdout.write(`\nUnder load (${hog.what}):\n`);
  for (const r of results) process.stdout.write(`  run ${r.run}: ${r.passed ? 'passed' : 'FAILED'} in ${r.seconds} s\n`);
  process.exitCode = results.every((r) => r.passed) ? 0 : 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
