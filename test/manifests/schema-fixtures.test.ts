import { readFileSync } from 'node:fs';
import path from 'node:path';
import { manifestPaths } from '../../manifests/paths';
import { loadTeamsSchema, teamsSchemaPath } from '../../manifests/teams/published-schema';
import { validateTeamsManifest } from '../../manifests/validate';
import { SCHEMA_FIXTURES, SCHEMA_FIXTURES_DIR, schemaFixtureHash, type SchemaFixture } from '../support/published-schemas';

const names = Object.keys(SCHEMA_FIXTURES) as SchemaFixture[];

describe('published schemas kept as test fixtures', () => {
  it.each(names)('%s is the published file, unchanged (sha256)', (name) => {
    expect(schemaFixtureHash(name)).toBe(SCHEMA_FIXTURES[name].sha256);
  });

  it.each(names)('%s is listed in the fixtures README with its hash', (name) => {
    const readme = readFileSync(path.join(SCHEMA_FIXTURES_DIR, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${SCHEMA_FIXTURES[name].file}\``));
    expect(row).toContain(SCHEMA_FIXTURES[name].sha256);
  });
});

describe('the Teams manifest schema', () => {
  const committed = JSON.parse(readFileSync(manifestPaths().teamsManifest, 'utf8')) as { $schema: string; manifestVersion: string };

  it('comes from @microsoft/app-manifest, for the version the committed manifest declares', () => {
    expect(teamsSchemaPath(committed.manifestVersion)).toContain(path.join('node_modules', '@microsoft', 'app-manifest'));
    expect(committed.$schema).toContain(`/v${committed.manifestVersion}/`);
    const schema = loadTeamsSchema(committed.manifestVersion);
    expect(schema?.properties).toMatchObject({ manifestVersion: { const: committed.manifestVersion } });
  });

  it('refuses a manifest version the package has no schema for, saying so', () => {
    expect(validateTeamsManifest({ ...committed, manifestVersion: '0.9' })).toEqual({
      valid: false,
      errors: ['/manifestVersion: @microsoft/app-manifest has no published schema for "0.9"'],
    });
    expect(validateTeamsManifest({}).errors).toEqual(['/manifestVersion: must name the manifest version, e.g. "1.29"']);
  });
});
