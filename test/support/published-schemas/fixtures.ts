import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the unchanged copies of published schemas live (see the README there for sources and licences). */
export const SCHEMA_FIXTURES_DIR = path.join(__dirname, '..', '..', 'fixtures', 'schemas');

/**
 * The published schemas no npm package ships, kept as copies. The hashes are those of the files
 * as published: a copy that no longer matches has been edited.
 */
export const SCHEMA_FIXTURES = {
  adaptiveCard: {
    file: 'adaptive-card.v1.5.schema.json',
    sha256: '32c91fb285180a266a55b3475dd0396e63fe079311714d3a14963b41f5e17920',
  },
  slackManifest: {
    file: 'slack-manifest.v1.schema.json',
    sha256: 'f2adf9f9800230e2fe44bab0762796492871edaab817e9160fdcdf0eb4642e58',
  },
} as const;

export type SchemaFixture = keyof typeof SCHEMA_FIXTURES;

export function schemaFixturePath(name: SchemaFixture): string {
  return path.join(SCHEMA_FIXTURES_DIR, SCHEMA_FIXTURES[name].file);
}

/** The sha256 of the copy as it is on disk now. */
export function schemaFixtureHash(name: SchemaFixture): string {
  return createHash('sha256')
    .update(readFileSync(schemaFixturePath(name)))
    .digest('hex');
}

export function loadPublishedSchema(name: SchemaFixture): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaFixturePath(name), 'utf8')) as Record<string, unknown>;
}
