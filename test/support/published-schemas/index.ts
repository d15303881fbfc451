/**
 * Validators for the published schemas no npm package ships (Adaptive Cards 1.5, Slack's app
 * manifest), read from the unchanged copies in test/fixtures/schemas. The Teams manifest's schema
 * comes from @microsoft/app-manifest, through manifests/validate.ts.
 */
export { validateAdaptiveCard, publishedCardSchema } from './adaptive-card';
export { validateSlackManifest } from './slack-manifest';
export { SCHEMA_FIXTURES, SCHEMA_FIXTURES_DIR, schemaFixtureHash, schemaFixturePath, type SchemaFixture } from './fixtures';
