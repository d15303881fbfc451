import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ManifestError } from './errors';

/** The nearest folder at or above `startDir` holding a package.json: the repository root. */
export function findRepoRoot(startDir: string = __dirname): string {
  let dir = resolve(startDir);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new ManifestError('REPO_ROOT_NOT_FOUND', `No package.json at or above ${startDir}`);
    dir = parent;
  }
}

export function manifestPaths(repoRoot: string = findRepoRoot()) {
  const teamsDir = join(repoRoot, 'manifests', 'teams');
  return {
    slackManifest: join(repoRoot, 'manifests', 'slack', 'manifest.json'),
    slackScopesDoc: join(repoRoot, 'manifests', 'slack', 'SCOPES.md'),
    teamsDir,
    teamsManifest: join(teamsDir, 'manifest.json'),
    teamsColorIcon: join(teamsDir, 'color.png'),
    teamsOutlineIcon: join(teamsDir, 'outline.png'),
    teamsPackage: join(repoRoot, 'dist', 'teams', 'mission-pulse-teams.zip'),
  };
}
