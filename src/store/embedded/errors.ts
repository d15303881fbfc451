export type EmbeddedDatabaseErrorCode = 'EMBEDDED_DB_NO_ENGINE' | 'EMBEDDED_DB_BUILD_FAILED' | 'EMBEDDED_DB_START_FAILED';

export const NO_ENGINE_MESSAGE =
  'No MongoDB found. Install Go 1.24+ (https://go.dev/dl) so Mission Pulse can build its embedded database, ' +
  'or put mongod on PATH, or set MONGODB_URI to a MongoDB server.';

export class EmbeddedDatabaseError extends Error {
  readonly code: EmbeddedDatabaseErrorCode;

  constructor(code: EmbeddedDatabaseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedDatabaseError';
    this.code = code;
  }
}
