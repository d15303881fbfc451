// `npm run db:prepare`: builds (or finds) the embedded database engine ahead of time, so the
// first `npm test` or `npm run dev` does not pause for the build.
import pino from 'pino';
import { prepareEmbeddedDatabase } from './prepare';
import { defaultCacheDir } from './repo-root';

async function main(): Promise<void> {
  const logger = pino({ name: 'db:prepare' });
  try {
    const { engine, binaryPath } = await prepareEmbeddedDatabase({ cacheDir: defaultCacheDir(), logger });
    logger.info({ engine, binaryPath }, 'embedded database engine ready');
  } catch (error) {
    logger.error({ err: error }, error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

void main();
