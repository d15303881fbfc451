#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { ApiCallError, createMissionPulseClient } from './client';
import { runCommand, type CliOutput } from './commands';
import { parseCli, USAGE, UsageError } from './options';

/**
 * `mission-pulse`: the reporting API from a terminal. `npx mission-pulse missions`, or in
 * development `npx tsx src/cli/main.ts missions`. Exit codes: 0 done, 1 the API or the network
 * refused, 2 the command line was wrong.
 */
async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let options;
  try {
    options = parseCli(argv, env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`mission-pulse: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let out: CliOutput;
  try {
    out = await runCommand(createMissionPulseClient({ url: options.url, token: options.token }), options);
  } catch (e) {
    if (e instanceof ApiCallError) {
      process.stderr.write(`mission-pulse: ${e.message} (HTTP ${e.status})\n`);
      return 1;
    }
    if (e instanceof TypeError) {
      process.stderr.write(`mission-pulse: could not reach ${options.url}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const bytes = 'bytes' in out ? out.bytes : Buffer.from(`${out.text}\n`, 'utf8');
  if (options.output) await writeFile(options.output, bytes);
  else process.stdout.write(bytes);
  return 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`mission-pulse failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
