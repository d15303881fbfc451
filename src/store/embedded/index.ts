export { startEmbeddedDatabase, ENGINE_DESCRIPTIONS, type EmbeddedDatabase, type StartEmbeddedDatabaseOptions } from './start';
export {
  prepareEmbeddedDatabase,
  type EmbeddedEngine,
  type EmbeddedEngineChoice,
  type PrepareEmbeddedDatabaseOptions,
  type PreparedEngine,
} from './prepare';
export {
  EmbeddedDatabaseError,
  NO_ENGINE_MESSAGE,
  NO_POSTGRESQL_MESSAGE,
  NO_POSTGRES_ACCOUNT_MESSAGE,
  type EmbeddedDatabaseErrorCode,
} from './errors';
export { defaultCacheDir } from './repo-root';
