/**
 * Regenerates manifests/teams/color.png and outline.png (both committed):
 *   npx tsx manifests/teams/make-icons.ts
 * The colour icon's background is the manifest's accentColor, so Teams shows one colour.
 */
import { writeFileSync } from 'node:fs';
import { readJsonFile } from '../json-file';
import { manifestPaths } from '../paths';
import { drawColorIcon, drawOutlineIcon, encodePng } from './icon-drawing';
import type { TeamsManifest } from './store-rules';

function main(): void {
  const paths = manifestPaths();
  const { accentColor } = readJsonFile(paths.teamsManifest) as TeamsManifest & { accentColor: string };
  writeFileSync(paths.teamsColorIcon, encodePng(drawColorIcon(accentColor)));
  writeFileSync(paths.teamsOutlineIcon, encodePng(drawOutlineIcon()));
  console.log(`Wrote ${paths.teamsColorIcon} and ${paths.teamsOutlineIcon}`);
}

main();
