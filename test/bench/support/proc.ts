import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** What Linux reports for one process: resident memory and CPU time used so far. */
export interface ProcSample {
  rssBytes: number;
  cpuMs: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: number): string[] {
  const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
}

/** RSS (VmRSS) and user + system CPU of a process; undefined when it is gone or /proc is missing. */
export function sampleProcess(pid: number): ProcSample | undefined {
  try {
    const fields = statFields(pid);
    // After the name: state(0) ppid(1) ... utime(11) stime(12), in clock ticks.
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { rssBytes: rssKb * 1024, cpuMs: (ticks * 1000) / clockTicks() };
  } catch {
    return undefined;
  }
}

/** A process and everything it started, still running (PostgreSQL's backends under the postmaster). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(statFields(Number(entry))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  for (let next = [root]; next.length > 0; next = next.flatMap((pid) => children.get(pid) ?? [])) tree.push(...next);
  return tree;
}

/** Proportional memory (Pss): shared pages, such as PostgreSQL's shared buffers, are counted once across processes. */
function pssBytes(pid: number): number | undefined {
  try {
    const kb = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * The database server's processes and all they started, summed: CPU including children that
 * have ended, memory as Pss (VmRSS where the kernel has no smaps_rollup). Undefined when the
 * server is gone.
 */
export function sampleServer(pids: readonly number[]): ProcSample | undefined {
  let total: ProcSample | undefined;
  for (const pid of pids.flatMap((root) => (sampleProcess(root) ? processTree(root) : []))) {
    const s = sampleProcess(pid);
    if (!s) continue;
    let reaped = 0;
    try {
      const fields = statFields(pid);
      reaped = ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks(); // cutime + cstime
    } catch {
      // Ended between the two reads: its own figures are enough.
    }
    total = { rssBytes: (total?.rssBytes ?? 0) + (pssBytes(pid) ?? s.rssBytes), cpuMs: (total?.cpuMs ?? 0) + s.cpuMs + reaped };
  }
  return total;
}

/** Child processes of `parent` whose command name starts with `prefix` (e.g. the database server). */
export function findChildren(parent: number, prefix: string): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (!comm.startsWith(prefix)) continue;
      if (Number(statFields(Number(entry))[1]) === parent) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** One process (the bot), or a database server's processes (sampleServer). */
function sample(target: number | readonly number[]): ProcSample | undefined {
  return typeof target === 'number' ? sampleProcess(target) : sampleServer(target);
}

/** Samples a process (or a server's processes) every `intervalMs` and keeps the highest memory seen. */
export class PeakSampler {
  private timer: NodeJS.Timeout | undefined;
  peakRssBytes = 0;
  samples = 0;

  constructor(
    private readonly target: number | readonly number[],
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    const take = (): void => {
      const s = sample(this.target);
      if (s) {
        this.samples++;
        this.peakRssBytes = Math.max(this.peakRssBytes, s.rssBytes);
      }
    };
    take();
    this.timer = setInterval(take, this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const last = sample(this.target);
    if (last) this.peakRssBytes = Math.max(this.peakRssBytes, last.rssBytes);
    return this.peakRssBytes;
  }
}

export const MB = 1024 * 1024;

/** Waits until a process (or a server's processes) uses less than `share` of a core over half a second (at most `maxMs`). */
export async function waitForQuiet(target: number | readonly number[], share = 0.1, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  let last = sample(target);
  while (last && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = sample(target);
    if (!now || now.cpuMs - last.cpuMs < 500 * share) return;
    last = now;
  }
}
