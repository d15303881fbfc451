export type EmbeddedDatabaseErrorCode =
  'EMBEDDED_DB_NO_ENGINE' | 'EMBEDDED_DB_NO_POSTGRESQL' | 'EMBEDDED_DB_BUILD_FAILED' | 'EMBEDDED_DB_START_FAILED';

export const NO_ENGINE_MESSAGE =
  'No MongoDB found. Install Go 1.24+ (https://go.dev/dl) so Mission Pulse can build its embedded database, ' +
  'or put mongod on PATH, or set MONGODB_URI to a MongoDB server.';

export const NO_POSTGRESQL_MESSAGE =
  'The postgresql engine needs PostgreSQL (tested with 15): no initdb and postgres were found on PATH or under ' +
  '/usr/lib/postgresql/<version>/bin, /usr/pgsql-<version>/bin or /usr/local/pgsql/bin. Install it ' +
  '(Debian and Ubuntu: apt-get install postgresql-15), put its bin folder on PATH, ' +
  'or choose the sqlite engine.';

export const NO_POSTGRES_ACCOUNT_MESSAGE =
  'PostgreSQL refuses to run as root, and this machine has no postgres account to run it as. ' +
  'Create one (useradd --system postgres), run as another user, or choose the sqlite engine.';

export class EmbeddedDatabaseError extends Error {
  readonly code: EmbeddedDatabaseErrorCode;

  constructor(code: EmbeddedDatabaseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedDatabaseError';
    this.code = code;
  }
}
