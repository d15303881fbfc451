/**
 * `npm run dev` (run from the source tree with tsx): with no Slack or Teams credentials in the
 * environment, the local playground (stand-ins for both platforms and a page to act as several
 * people; `--demo` seeds a mission with history); otherwise the real server with dev defaults.
 * Never compiled into the production build.
 */
import { processEnv } from '../../src/config';
import { exitOnConfigError, exitOnStartFailure, runServer, stopOnSignals } from '../run-server';
import { startPlayground, wantsPlayground } from './start-playground';

async function main(): Promise<void> {
  const env = processEnv();
  if (!wantsPlayground(env)) {
    await runServer({ dev: true });
    return;
  }
  let playground;
  try {
    playground = await startPlayground({ env, demo: process.argv.includes('--demo') });
  } catch (e) {
    exitOnConfigError(e);
    throw e;
  }
  const demoNote = {
    created: `seeded "${playground.demo?.slug}" with ${playground.demo?.rounds} weeks of check-ins`,
    'already-seeded': `"${playground.demo?.slug}" was seeded before`,
    'slug-taken': `not seeded: a mission called "${playground.demo?.slug}" already exists`,
  };
  const seeded = playground.demo ? `\n  demo: ${demoNote[playground.demo.skipped ?? 'created']}` : '';
  process.stdout.write(
    `\nMission Pulse playground: ${playground.url}\n  act as four people on a pretend Slack and a pretend Teams; no account needed${seeded}\n\n`,
  );
  stopOnSignals(() => playground.stop(), playground.app.logger);
}

main().catch(exitOnStartFailure);
