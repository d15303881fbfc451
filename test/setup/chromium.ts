import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Where the playground's browser test finds Chromium, shared by the test and by `npm test`'s
 * preparation (ensure-test-tools.ts), so both look in the same places.
 */

/** Set to a Chromium (or Chrome) binary to use that one. */
export const CHROMIUM_PATH_VARIABLE = 'CHROMIUM_PATH';
/** Set to 1 to leave the browser test out of `npm test` (it is then not run, and says so). */
export const SKIP_BROWSER_TEST_VARIABLE = 'MISSION_PULSE_SKIP_BROWSER_TEST';

const NAMES_ON_PATH = ['chromium', 'chromium-browser'];

export type Env = Record<string, string | undefined>;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The binary named by CHROMIUM_PATH if set (whether or not it exists), else the first Chromium on PATH. */
export function findChromium(env: Env = process.env): { path: string; found: boolean; fromVariable: boolean } {
  const given = env[CHROMIUM_PATH_VARIABLE];
  if (given) return { path: given, found: isExecutable(given), fromVariable: true };
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES_ON_PATH) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return { path: candidate, found: true, fromVariable: false };
    }
  }
  return { path: '', found: false, fromVariable: false };
}

export function browserTestSkipped(env: Env = process.env): boolean {
  return env[SKIP_BROWSER_TEST_VARIABLE] === '1';
}

/** What to do when there is no Chromium: said by the preparation step and by the failing test. */
export function howToGetChromium(env: Env = process.env): string {
  const given = env[CHROMIUM_PATH_VARIABLE];
  const problem = given
    ? `${CHROMIUM_PATH_VARIABLE} is ${given}, which is not an executable file.`
    : 'The playground browser test needs Chromium, and none is on PATH.';
  return [
    problem,
    'Any one of these fixes it:',
    '  - install it: on Debian or Ubuntu `sudo apt-get install chromium` (npm test does this by itself when run as root with apt-get);',
    `  - point ${CHROMIUM_PATH_VARIABLE} at a Chromium or Chrome binary you have;`,
    `  - or leave the browser test out: ${SKIP_BROWSER_TEST_VARIABLE}=1 npm test (the rest of the suite still runs).`,
  ].join('\n');
}
