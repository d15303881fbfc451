import { existsSync } from 'node:fs';
import path from 'node:path';

const WRAPPER_RELATIVE = path.join('src', 'store', 'embedded', 'ferretdb-wrapper');

/**
 * The repository root: the nearest ancestor holding package.json and the Go wrapper source.
 * Checking both keeps this right when running compiled code from dist/ (which may hold its
 * own package.json copy) as well as from src/ under tsx or jest.
 */
export function findRepoRoot(startDir: string = __dirname): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, WRAPPER_RELATIVE, 'go.mod'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find the Mission Pulse repository root above ${startDir}`);
    }
    dir = parent;
  }
}

/** Where the FerretDB wrapper's Go module lives (not copied into dist/ by tsc). */
export function wrapperSourceDir(): string {
  return path.join(findRepoRoot(), WRAPPER_RELATIVE);
}

/** `<repo>/.cache/ferretdb`: git-ignored home of built wrapper binaries, one folder per source hash. */
export function defaultCacheDir(): string {
  return path.join(findRepoRoot(), '.cache', 'ferretdb');
}
