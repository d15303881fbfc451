/**
 * How the cost of a pure function grows with its input: the CPU time it spends on an input
 * four times longer, divided by the time it spends on the shorter one. Linear work gives about
 * 4, quadratic about 16. CPU time of this process, not wall time, so a busy machine that
 * deschedules the test does not count; each size is measured several times, interleaved, and
 * the medians compared, so one garbage collection does not decide.
 */

/** Linear work stays well under this; quadratic work is about twice it. */
export const LINEAR_RATIO_LIMIT = 8;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Mean CPU microseconds per call, calling `fn` until at least `minMs` of CPU time is spent. */
function cpuPerCall(fn: () => unknown, minMs: number): number {
  const start = process.cpuUsage();
  let calls = 0;
  let used = 0;
  do {
    fn();
    calls++;
    const d = process.cpuUsage(start);
    used = d.user + d.system;
  } while (used < minMs * 1000);
  return used / calls;
}

/** cost(input of 4n) / cost(input of n), from `samples` interleaved measurements of each. */
export function costRatio(make: (length: number) => string, fn: (input: string) => unknown, n: number, samples = 5): number {
  const small = make(n);
  const large = make(4 * n);
  fn(small);
  fn(large);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < samples; i++) {
    a.push(cpuPerCall(() => fn(small), 2));
    b.push(cpuPerCall(() => fn(large), 2));
  }
  return median(b) / median(a);
}

/**
 * The smallest ratio of up to `tries` measurements: work that really is quadratic is quadratic
 * every time, while a busy machine only sometimes inflates one measurement.
 */
export function bestCostRatio(make: (length: number) => string, fn: (input: string) => unknown, n: number, tries = 3): number {
  let best = Infinity;
  for (let i = 0; i < tries && best >= LINEAR_RATIO_LIMIT; i++) best = Math.min(best, costRatio(make, fn, n));
  return best;
}
