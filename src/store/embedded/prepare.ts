import type { Logger } from 'pino';
import { ensureFerretdbBinary } from './ferretdb-binary';
import { DEFAULT_GO_CANDIDATES, DEFAULT_MONGOD_CANDIDATES, findMongod } from './find-tools';

export type EmbeddedEngine = 'mongod' | 'ferretdb';

export interface PrepareEmbeddedDatabaseOptions {
  /** Folder for built FerretDB wrappers, e.g. defaultCacheDir(). */
  cacheDir: string;
  logger: Logger;
  /** Use a mongod found on PATH before FerretDB. Default true. */
  preferMongod?: boolean;
  /** Where to look for the tools; the defaults search PATH (and /usr/local/go/bin for Go). */
  goCandidates?: readonly string[];
  mongodCandidates?: readonly string[];
}

export interface PreparedEngine {
  engine: EmbeddedEngine;
  binaryPath: string;
}

/** Picks the engine and makes its binary ready: mongod from PATH, else the (built once) FerretDB wrapper. */
export async function prepareEmbeddedDatabase(opts: PrepareEmbeddedDatabaseOptions): Promise<PreparedEngine> {
  if (opts.preferMongod ?? true) {
    const mongod = await findMongod(opts.mongodCandidates ?? DEFAULT_MONGOD_CANDIDATES);
    if (mongod) {
      opts.logger.debug({ mongod: mongod.path, version: mongod.version }, 'using mongod for the embedded database');
      return { engine: 'mongod', binaryPath: mongod.path };
    }
  }
  const binaryPath = await ensureFerretdbBinary({
    cacheDir: opts.cacheDir,
    logger: opts.logger,
    goCandidates: opts.goCandidates ?? DEFAULT_GO_CANDIDATES,
  });
  return { engine: 'ferretdb', binaryPath };
}
