import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { tryLockBuild } from './build-lock';
import { EmbeddedDatabaseError, NO_ENGINE_MESSAGE } from './errors';
import { DEFAULT_GO_CANDIDATES, findGo } from './find-tools';
import { wrapperSourceDir } from './repo-root';

const BINARY_NAME = process.platform === 'win32' ? 'ferretdb-wrapper.exe' : 'ferretdb-wrapper';
const SOURCE_FILES = ['main.go', 'go.mod', 'go.sum'];
// netgo/osusergo keep the binary free of cgo, so no C compiler is needed and it links statically.
const BUILD_FLAGS = ['build', '-mod=readonly', '-trimpath', '-ldflags=-s -w', '-tags', 'netgo,osusergo'];
const BUILD_TIMEOUT_MS = 20 * 60_000;
const PROGRESS_EVERY_MS = 30_000;
const WAIT_POLL_MS = 1_000;

export interface FerretdbBinaryLocation {
  /** FerretDB version the wrapper's go.mod requires, e.g. v1.24.2. */
  version: string;
  folder: string;
  binaryPath: string;
}

/**
 * The cache folder is named after the FerretDB version and a hash of the wrapper source,
 * platform and build flags, so a changed wrapper gets a fresh build and an unchanged one is
 * found without Go installed.
 */
export async function locateFerretdbBinary(cacheDir: string): Promise<FerretdbBinaryLocation> {
  const sourceDir = wrapperSourceDir();
  const hash = createHash('sha256');
  let version = 'unknown';
  for (const file of SOURCE_FILES) {
    const content = await fs.readFile(path.join(sourceDir, file), 'utf8');
    hash.update(`${file}\0${content}\0`);
    if (file === 'go.mod') {
      version = /github\.com\/FerretDB\/FerretDB (v[^\s]+)/.exec(content)?.[1] ?? version;
    }
  }
  hash.update(`${process.platform}\0${process.arch}\0${BUILD_FLAGS.join(' ')}`);
  const folder = path.join(path.resolve(cacheDir), `${version}-${hash.digest('hex').slice(0, 16)}`);
  return { version, folder, binaryPath: path.join(folder, BINARY_NAME) };
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

function runGoBuild(goPath: string, output: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      goPath,
      [...BUILD_FLAGS, '-o', output, '.'],
      { cwd, timeout: BUILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const detail = stderr.trim().split('\n').slice(-20).join('\n') || error.message;
        reject(
          new EmbeddedDatabaseError('EMBEDDED_DB_BUILD_FAILED', `Building the embedded database failed:\n${detail}`, {
            cause: error,
          }),
        );
      },
    );
  });
}

export interface EnsureFerretdbOptions {
  cacheDir: string;
  logger: Logger;
  goCandidates?: readonly string[];
}

/** Returns the cached wrapper binary, building it with Go first if it is not there yet. */
export async function ensureFerretdbBinary(opts: EnsureFerretdbOptions): Promise<string> {
  const location = await locateFerretdbBinary(opts.cacheDir);
  if (await isFile(location.binaryPath)) return location.binaryPath;

  const go = await findGo(opts.goCandidates ?? DEFAULT_GO_CANDIDATES);
  if (!go) throw new EmbeddedDatabaseError('EMBEDDED_DB_NO_ENGINE', NO_ENGINE_MESSAGE);

  await fs.mkdir(location.folder, { recursive: true });
  const lockPath = path.join(location.folder, 'build.lock');
  let toldWaiting = false;
  for (;;) {
    const lock = await tryLockBuild(lockPath);
    if (lock) {
      try {
        // Another builder may have finished between our first look and taking the lock.
        if (await isFile(location.binaryPath)) return location.binaryPath;
        await build(go.path, go.version, location, opts.logger);
        return location.binaryPath;
      } finally {
        await lock.release();
      }
    }
    if (await isFile(location.binaryPath)) return location.binaryPath;
    if (!toldWaiting) {
      opts.logger.info({ folder: location.folder }, 'another process is building the embedded database; waiting for it');
      toldWaiting = true;
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

async function build(goPath: string, goVersion: string, location: FerretdbBinaryLocation, logger: Logger): Promise<void> {
  const started = Date.now();
  logger.info(
    { ferretdb: location.version, go: goVersion, binary: location.binaryPath },
    'building the embedded database once, this takes a minute or two',
  );
  const progress = setInterval(() => {
    logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'still building the embedded database');
  }, PROGRESS_EVERY_MS);
  progress.unref();

  // Build under a unique name and rename: a concurrent builder or reader never sees half a file.
  const temporary = `${location.binaryPath}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await runGoBuild(goPath, temporary, wrapperSourceDir());
    await fs.rename(temporary, location.binaryPath);
  } finally {
    clearInterval(progress);
    await fs.rm(temporary, { force: true });
  }
  logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'embedded database built');
}
