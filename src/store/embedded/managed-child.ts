import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import readline from 'node:readline';

const TAIL_CHARS = 8_000;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedChild {
  readonly pid: number | undefined;
  readonly exited: Promise<ExitInfo>;
  hasExited(): boolean;
  /** The last few thousand characters the child wrote (and any spawn error), for error messages. */
  outputTail(): string;
  /** Lets the parent exit without waiting for the child; the child's own guards then stop it. */
  unref(): void;
  /** Closes stdin, sends the stop signal (SIGTERM unless told), and SIGKILL after graceMs. Safe to call more than once. */
  stop(graceMs: number): Promise<void>;
}

export interface SpawnManagedOptions {
  /** 'pipe' keeps a pipe to the child's stdin whose EOF tells it the parent is gone. */
  stdin: 'pipe' | 'ignore';
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  /** The signal that asks the child to stop quickly (PostgreSQL: SIGINT; SIGTERM waits for its clients). */
  stopSignal?: NodeJS.Signals;
  /** Run as this account (only root can); PostgreSQL refuses to run as root. */
  runAs?: { uid: number; gid: number };
  cwd?: string;
}

// Children still running when this process exits normally get a SIGTERM. (A SIGKILLed parent
// cannot do this; the stdin pipe and the watchdog cover that case.)
const live = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [child, signal] of live) child.kill(signal);
  });
}

export function spawnManaged(command: string, args: string[], opts: SpawnManagedOptions): ManagedChild {
  installExitHook();
  const stopSignal = opts.stopSignal ?? 'SIGTERM';
  const child = spawn(command, args, {
    stdio: [opts.stdin, 'pipe', 'pipe'],
    windowsHide: true,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(opts.runAs ? { uid: opts.runAs.uid, gid: opts.runAs.gid } : {}),
  });
  live.set(child, stopSignal);

  let tail = '';
  const remember = (text: string): void => {
    tail = (tail + text).slice(-TAIL_CHARS);
  };

  let exitInfo: ExitInfo | null = null;
  const exited = new Promise<ExitInfo>((resolve) => {
    const finish = (info: ExitInfo): void => {
      if (exitInfo) return;
      exitInfo = info;
      live.delete(child);
      resolve(info);
    };
    // 'close' rather than 'exit': by then all of its output has been read, for error messages.
    child.once('close', (code, signal) => finish({ code, signal }));
    // A spawn failure (ENOENT, EACCES) emits 'error' and never 'exit'.
    child.once('error', (error) => {
      remember(`\n${error.message}\n`);
      if (child.pid === undefined) finish({ code: null, signal: null });
    });
  });
  // Writing to a child that died raises EPIPE on its stdin; the exit is handled above.
  child.stdin?.on('error', () => undefined);

  for (const [stream, onLine] of [
    [child.stdout, opts.onStdoutLine],
    [child.stderr, opts.onStderrLine],
  ] as const) {
    if (!stream) continue;
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => remember(chunk));
    if (onLine) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }

  const stop = async (graceMs: number): Promise<void> => {
    if (exitInfo) return;
    child.stdin?.end();
    child.kill(stopSignal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    pid: child.pid,
    exited,
    hasExited: () => exitInfo !== null,
    outputTail: () => tail.trim(),
    unref: () => {
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as Socket | null)?.unref?.();
    },
    stop,
  };
}
