/** Why a manifest tool stopped; the CLI prints the message and exits non-zero. */
export type ManifestErrorCode =
  | 'REPO_ROOT_NOT_FOUND'
  | 'SCHEMA_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'BAD_ARGUMENTS'
  | 'INVALID_HOST'
  | 'INVALID_APP_ID'
  | 'MANIFEST_INVALID'
  | 'ICON_INVALID';

export class ManifestError extends Error {
  constructor(
    readonly code: ManifestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}
