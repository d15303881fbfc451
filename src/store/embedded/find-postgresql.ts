import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface PostgresqlTools {
  /** Full paths, or bare names found on PATH. */
  initdb: string;
  postgres: string;
  /** e.g. "15.18". */
  version: string;
}

/** The account PostgreSQL runs as when we are root: it refuses to run as root itself. */
export interface OsAccount {
  name: string;
  uid: number;
  gid: number;
}

// Distributions keep initdb and postgres off PATH: Debian and Ubuntu under
// /usr/lib/postgresql/<major>/bin, the PostgreSQL RPMs under /usr/pgsql-<major>/bin.
const VERSIONED_PARENTS: ReadonlyArray<{ dir: string; pattern: RegExp; bin: (entry: string) => string }> = [
  { dir: '/usr/lib/postgresql', pattern: /^\d+$/, bin: (entry) => path.join('/usr/lib/postgresql', entry, 'bin') },
  { dir: '/usr', pattern: /^pgsql-\d+$/, bin: (entry) => path.join('/usr', entry, 'bin') },
];
// Where a build from source installs by default.
const FIXED_DIRS = ['/usr/local/pgsql/bin'];

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 15_000, windowsHide: true }, (error, stdout) => resolve(error ? null : stdout.trim()));
  });
}

function majorOf(entry: string): number {
  return Number(/\d+/.exec(entry)?.[0] ?? 0);
}

/**
 * Folders that may hold PostgreSQL's server programs, newest major version first, then PATH
 * (the empty string). Nothing here reads the environment: PATH is resolved by spawning.
 */
export async function defaultPostgresqlDirs(): Promise<string[]> {
  const dirs: string[] = [];
  for (const parent of VERSIONED_PARENTS) {
    const entries = await fs.readdir(parent.dir).catch(() => [] as string[]);
    const versions = entries.filter((e) => parent.pattern.test(e)).sort((a, b) => majorOf(b) - majorOf(a));
    dirs.push(...versions.map(parent.bin));
  }
  return [...dirs, ...FIXED_DIRS, ''];
}

/** The first folder holding both initdb and postgres that run, or null. */
export async function findPostgresql(dirs?: readonly string[]): Promise<PostgresqlTools | null> {
  for (const dir of dirs ?? (await defaultPostgresqlDirs())) {
    const postgres = dir ? path.join(dir, 'postgres') : 'postgres';
    const initdb = dir ? path.join(dir, 'initdb') : 'initdb';
    const [server, init] = await Promise.all([run(postgres, ['--version']), run(initdb, ['--version'])]);
    const version = server === null ? undefined : /\(PostgreSQL\)\s+(\S+)/.exec(server)?.[1];
    if (version && init !== null) return { initdb, postgres, version };
  }
  return null;
}

/** The uid and gid of a local account, or null when there is none. */
export async function findOsAccount(name: string): Promise<OsAccount | null> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  if (uid === null || gid === null || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return null;
  return { name, uid: Number(uid), gid: Number(gid) };
}
