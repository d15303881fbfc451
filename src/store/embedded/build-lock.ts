import { promises as fs } from 'node:fs';

/** A build older than this is assumed abandoned (a crashed or killed builder). */
const STALE_AFTER_MS = 15 * 60_000;

export interface BuildLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Tries to become the one process building into a cache folder, so a second process waits
 * rather than spending minutes of CPU on the same build. Correctness never depends on this
 * lock: every build writes a temporary file and renames it into place.
 * Returns null when another live builder holds the lock.
 */
export async function tryLockBuild(lockPath: string): Promise<BuildLock | null> {
  const release = async (): Promise<void> => {
    await fs.rm(lockPath, { force: true });
  };
  try {
    await fs.writeFile(lockPath, String(process.pid), { flag: 'wx' });
    return { release };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }

  const [content, stat] = await Promise.all([fs.readFile(lockPath, 'utf8').catch(() => ''), fs.stat(lockPath).catch(() => null)]);
  const holder = Number.parseInt(content, 10);
  const fresh = stat !== null && Date.now() - stat.mtimeMs < STALE_AFTER_MS;
  if (fresh && Number.isInteger(holder) && holder > 0 && isAlive(holder)) return null;

  // Abandoned lock: take it over. A race here only means two builds, which is still safe.
  await fs.writeFile(lockPath, String(process.pid));
  return { release };
}
