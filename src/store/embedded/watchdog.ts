import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

// Plain JavaScript run by a separate node process. It holds the read end of a pipe from us:
// when we die, even by SIGKILL, the pipe closes and it stops the server we started, then
// removes the server's throwaway folder if it was given one. It exits on its own once the
// server is gone (a zombie counts as gone).
const WATCHDOG_SCRIPT = `
const pid = Number(process.argv[1]);
const signal = process.argv[2] || 'SIGTERM';
const folder = process.argv[3];
const gone = () => {
  try {
    if (require('fs').readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1][0] === 'Z') return true;
  } catch (e) {}
  try { process.kill(pid, 0); return false; } catch (e) { return e.code !== 'EPERM'; }
};
let fired = false;
const finish = () => {
  if (fired && folder) { try { require('fs').rmSync(folder, { recursive: true, force: true }); } catch (e) {} }
  process.exit(0);
};
setInterval(() => { if (gone()) finish(); }, 500);
const parentGone = () => {
  if (fired) return;
  fired = true;
  try { process.kill(pid, signal); } catch (e) {}
  setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch (e) {} setTimeout(finish, 1000); }, 15000);
};
process.stdin.on('end', parentGone);
process.stdin.on('close', parentGone);
process.stdin.on('error', parentGone);
process.stdin.resume();
`;

export interface WatchdogOptions {
  /** How to ask the server to stop (default SIGTERM); SIGKILL follows 15 s later. */
  signal?: NodeJS.Signals;
  /** A throwaway folder to delete once the server has stopped because we died. */
  removeWhenGone?: string;
}

export interface Watchdog {
  /** Ends the watch (closing the pipe, which is harmless once the target has stopped). */
  release(): void;
}

/** Makes sure `targetPid` does not outlive this process. Used for servers that cannot watch their stdin. */
export function startWatchdog(targetPid: number, opts: WatchdogOptions = {}): Watchdog {
  const args = [String(targetPid), opts.signal ?? 'SIGTERM', ...(opts.removeWhenGone ? [opts.removeWhenGone] : [])];
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG_SCRIPT, ...args], {
    stdio: ['pipe', 'ignore', 'ignore'],
    windowsHide: true,
  });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref?.();
  return { release: () => watchdog.stdin?.end() };
}
