import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm run build` (tsconfig.build.json) and the image carry the server only: what the dev
 * playground, the platform stand-ins and the tests need must never be compiled into it, even
 * through an import.
 */
const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

/** Every file of ours the production build compiles (tsc follows imports from its `include`). */
async function buildFiles(): Promise<string[]> {
  const tsc = require.resolve('typescript/bin/tsc');
  const { stdout } = await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--listFilesOnly'], { cwd: ROOT });
  return stdout
    .split('\n')
    .filter((f) => f && !f.includes('/node_modules/'))
    .map((f) => path.relative(ROOT, f));
}

describe('the production build', () => {
  it('compiles the server entry, the core and the Slack and Teams adapters, and nothing of the playground, stand-ins or tests', async () => {
    const files = await buildFiles();
    expect(files).toEqual(
      expect.arrayContaining(['adapters/start.ts', 'src/main.ts', 'adapters/slack/index.ts', 'adapters/teams/index.ts']),
    );
    const outside = files.filter(
      (f) => !/^(src\/|adapters\/(slack|teams)\/|adapters\/[^/]+\.ts$|manifests\/slack\/manifest\.json$)/.test(f),
    );
    expect(outside).toEqual([]);
    expect(files.filter((f) => /^(test|adapters\/playground|adapters\/stand-ins)\//.test(f))).toEqual([]);
  }, 60_000);

  it('the image leaves the tests, the playground and the stand-ins out of its build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['test', 'adapters/playground', 'adapters/stand-ins']));
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).not.toMatch(/^COPY\s+test\b/m);
    expect(dockerfile).toMatch(/^CMD .*"dist\/adapters\/start\.js"\]$/m);
  });
});
