/**
 * npm run package:teams -- --app-id <Microsoft App ID> --host <bot host name> [--out <file>]
 * Writes dist/teams/mission-pulse-teams.zip, ready for "Upload a custom app" or the Teams admin
 * centre. Without --app-id/--host the placeholders stay in, and the command says so.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseManifestArgs } from '../cli-args';
import { ManifestError } from '../errors';
import { readJsonFile } from '../json-file';
import { findRepoRoot, manifestPaths } from '../paths';
import { buildTeamsPackage } from './build-package';

export interface PackageTeamsOptions {
  appId?: string;
  host?: string;
  outFile?: string;
  repoRoot?: string;
}

/** Build the package from the committed manifest and icons and write it to disk. */
export async function packageTeamsApp(options: PackageTeamsOptions = {}): Promise<{ outFile: string; placeholders: string[] }> {
  const paths = manifestPaths(options.repoRoot ?? findRepoRoot());
  const read = (path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ManifestError('FILE_UNREADABLE', `Cannot read ${path}: ${(err as Error).message}`);
    }
  };
  const pkg = await buildTeamsPackage({
    manifest: readJsonFile(paths.teamsManifest),
    colorPng: read(join(paths.teamsDir, 'color.png')),
    outlinePng: read(join(paths.teamsDir, 'outline.png')),
    appId: options.appId,
    host: options.host,
  });
  const outFile = resolve(options.outFile ?? paths.teamsPackage);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, pkg.zip);
  return { outFile, placeholders: pkg.placeholders };
}

const USAGE = 'Usage: npm run package:teams -- --app-id <Microsoft App ID> --host <bot host name> [--out <file.zip>]';

async function main(argv: string[]): Promise<void> {
  const args = parseManifestArgs(argv, ['appId', 'host', 'out']);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const { outFile, placeholders } = await packageTeamsApp({ appId: args.appId, host: args.host, outFile: args.out });
  console.log(`Wrote ${outFile}`);
  if (placeholders.length > 0) {
    console.warn(
      `Warning: placeholders left in: ${placeholders.join(', ')}. Teams will not accept this package; ` +
        `run again with --app-id and --host.\n${USAGE}`,
    );
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof ManifestError ? `${err.code}: ${err.message}` : err);
    process.exitCode = 1;
  });
}
