import { execFile } from 'node:child_process';

export interface FoundTool {
  path: string;
  /** Whatever the tool printed for its version query, trimmed. */
  version: string;
}

/** `go` on PATH first, then the install location the official Go installers use. */
export const DEFAULT_GO_CANDIDATES: readonly string[] =
  process.platform === 'win32' ? ['go', 'C:\\Program Files\\Go\\bin\\go.exe'] : ['go', '/usr/local/go/bin/go'];

export const DEFAULT_MONGOD_CANDIDATES: readonly string[] = ['mongod'];

/** Go 1.21+ can fetch the 1.24 toolchain the wrapper module asks for; older Go cannot. */
const MIN_GO_MINOR = 21;

// Runs the command to see whether it exists; spawning resolves PATH for us, so nothing here
// needs to read the environment.
function probe(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 15_000, windowsHide: true }, (error, stdout) => {
      resolve(error ? null : stdout.trim());
    });
  });
}

export async function findGo(candidates: readonly string[] = DEFAULT_GO_CANDIDATES): Promise<FoundTool | null> {
  for (const candidate of candidates) {
    const version = await probe(candidate, ['env', 'GOVERSION']);
    if (version !== null && isGoRecentEnough(version)) return { path: candidate, version };
  }
  return null;
}

export function isGoRecentEnough(goVersion: string): boolean {
  const match = /^go(\d+)\.(\d+)/.exec(goVersion);
  if (!match) return false;
  const major = Number(match[1]);
  return major > 1 || Number(match[2]) >= MIN_GO_MINOR;
}

export async function findMongod(candidates: readonly string[] = DEFAULT_MONGOD_CANDIDATES): Promise<FoundTool | null> {
  for (const candidate of candidates) {
    const output = await probe(candidate, ['--version']);
    if (output !== null) return { path: candidate, version: output.split('\n')[0] ?? output };
  }
  return null;
}
