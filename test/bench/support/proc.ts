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

/** Samples a process every `intervalMs` and keeps the highest RSS seen. */
export class PeakSampler {
  private timer: NodeJS.Timeout | undefined;
  peakRssBytes = 0;
  samples = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    const take = (): void => {
      const s = sampleProcess(this.pid);
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
    const last = sampleProcess(this.pid);
    if (last) this.peakRssBytes = Math.max(this.peakRssBytes, last.rssBytes);
    return this.peakRssBytes;
  }
}

export const MB = 1024 * 1024;

/** Waits until a process uses less than `share` of a core over half a second (at most `maxMs`). */
export async function waitForQuiet(pid: number | undefined, share = 0.1, maxMs = 60_000): Promise<void> {
  if (!pid) return;
  const until = Date.now() + maxMs;
  let last = sampleProcess(pid);
  while (last && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = sampleProcess(pid);
    if (!now || now.cpuMs - last.cpuMs < 500 * share) return;
    last = now;
  }
}
