/**
 * npx tsx manifests/slack/render-manifest.ts --host <bot host name>
 * Prints the Slack app manifest with the real host, to paste into api.slack.com/apps →
 * "Create New App" → "From a manifest" (JSON tab). Warnings go to stderr, so stdout stays pasteable.
 */
import { parseManifestArgs } from '../cli-args';
import { ManifestError } from '../errors';
import { readJsonFile } from '../json-file';
import { manifestPaths } from '../paths';
import { substituteSlackManifest } from '../substitute';
import { checkSlackStoreRules } from './store-rules';

/**
 * The committed Slack manifest with `host` substituted and checked against Slack's review rules,
 * as pretty JSON. The committed manifest's fit to Slack's published schema is checked by the tests
 * (test/manifests/slack-manifest.test.ts), which keep a copy of that schema.
 */
export function renderSlackManifest(manifest: unknown, host?: string): { json: string; placeholders: string[] } {
  const result = substituteSlackManifest(manifest, { host });
  const errors = checkSlackStoreRules(result.manifest as Record<string, unknown>);
  if (errors.length > 0) {
    throw new ManifestError('MANIFEST_INVALID', `The Slack manifest is not valid:\n  ${errors.join('\n  ')}`);
  }
  return { json: `${JSON.stringify(result.manifest, null, 2)}\n`, placeholders: result.placeholders };
}

const USAGE = 'Usage: npx tsx manifests/slack/render-manifest.ts --host <bot host name>';

function main(argv: string[]): void {
  const args = parseManifestArgs(argv, ['host']);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const { json, placeholders } = renderSlackManifest(readJsonFile(manifestPaths().slackManifest), args.host);
  process.stdout.write(json);
  if (placeholders.length > 0) {
    console.warn(`Warning: placeholder host left in (${placeholders.join(', ')}); pass --host.\n${USAGE}`);
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof ManifestError ? `${err.code}: ${err.message}` : err);
    process.exitCode = 1;
  }
}
