import type { Logger } from 'pino';
import { EmbeddedDatabaseError, NO_POSTGRESQL_MESSAGE } from './errors';
import { ensureFerretdbBinary } from './ferretdb-binary';
import { DEFAULT_GO_CANDIDATES, DEFAULT_MONGOD_CANDIDATES, findMongod } from './find-tools';
import { findPostgresql, type PostgresqlTools } from './find-postgresql';

/** What runs: a mongod from PATH, or FerretDB on SQLite files or on a throwaway PostgreSQL cluster. */
export type EmbeddedEngine = 'mongod' | 'ferretdb-sqlite' | 'ferretdb-postgresql';

/** FerretDB's storage, as configured (MISSION_PULSE_DB_ENGINE). */
export type EmbeddedEngineChoice = 'sqlite' | 'postgresql';

export interface PrepareEmbeddedDatabaseOptions {
  /** Folder for built FerretDB wrappers, e.g. defaultCacheDir(). */
  cacheDir: string;
  logger: Logger;
  /** Unset: a mongod on PATH if there is one (see preferMongod), else sqlite. */
  engine?: EmbeddedEngineChoice;
  /** With no engine chosen, use a mongod found on PATH before FerretDB. Default true. */
  preferMongod?: boolean;
  /** Where to look for the tools; the defaults search PATH (and /usr/local/go/bin for Go). */
  goCandidates?: readonly string[];
  mongodCandidates?: readonly string[];
  /** Folders holding initdb and postgres ('' for PATH); default: see defaultPostgresqlDirs. */
  postgresqlDirs?: readonly string[];
}

export type PreparedEngine =
  | { engine: 'mongod'; binaryPath: string }
  | { engine: 'ferretdb-sqlite'; binaryPath: string }
  | { engine: 'ferretdb-postgresql'; binaryPath: string; postgresql: PostgresqlTools };

/** Picks the engine and makes its programs ready: mongod from PATH, or the (built once) FerretDB wrapper and PostgreSQL. */
export async function prepareEmbeddedDatabase(opts: PrepareEmbeddedDatabaseOptions): Promise<PreparedEngine> {
  if (opts.engine === undefined && (opts.preferMongod ?? true)) {
    const mongod = await findMongod(opts.mongodCandidates ?? DEFAULT_MONGOD_CANDIDATES);
    if (mongod) {
      opts.logger.debug({ mongod: mongod.path, version: mongod.version }, 'using mongod for the embedded database');
      return { engine: 'mongod', binaryPath: mongod.path };
    }
  }
  // PostgreSQL is looked for first: saying it is missing should not wait for a build.
  const postgresql = opts.engine === 'postgresql' ? await findPostgresql(opts.postgresqlDirs) : undefined;
  if (postgresql === null) throw new EmbeddedDatabaseError('EMBEDDED_DB_NO_POSTGRESQL', NO_POSTGRESQL_MESSAGE);
  const binaryPath = await ensureFerretdbBinary({
    cacheDir: opts.cacheDir,
    logger: opts.logger,
    goCandidates: opts.goCandidates ?? DEFAULT_GO_CANDIDATES,
  });
  return postgresql ? { engine: 'ferretdb-postgresql', binaryPath, postgresql } : { engine: 'ferretdb-sqlite', binaryPath };
}
