export { startEmbeddedDatabase, type EmbeddedDatabase, type StartEmbeddedDatabaseOptions } from './start';
export { prepareEmbeddedDatabase, type EmbeddedEngine, type PrepareEmbeddedDatabaseOptions, type PreparedEngine } from './prepare';
export { EmbeddedDatabaseError, NO_ENGINE_MESSAGE, type EmbeddedDatabaseErrorCode } from './errors';
export { defaultCacheDir } from './repo-root';
