import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readJsonFile } from '../json-file';

/** Microsoft's npm package that ships the Teams app manifest schema of every manifest version. */
export const TEAMS_SCHEMA_PACKAGE = '@microsoft/app-manifest';

/** Where the package keeps the schema for one `manifestVersion` (e.g. "1.29"). */
export function teamsSchemaPath(manifestVersion: string): string {
  const packageRoot = dirname(require.resolve(`${TEAMS_SCHEMA_PACKAGE}/package.json`));
  return join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/**
 * The published schema for a `manifestVersion`, read from the installed package (never fetched),
 * or undefined when the package ships none for that version.
 */
export function loadTeamsSchema(manifestVersion: string): Record<string, unknown> | undefined {
  if (!/^\d+\.\d+$/.test(manifestVersion)) return undefined;
  const path = teamsSchemaPath(manifestVersion);
  return existsSync(path) ? (readJsonFile(path, 'SCHEMA_NOT_FOUND') as Record<string, unknown>) : undefined;
}
