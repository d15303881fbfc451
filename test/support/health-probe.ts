/**
 * Whether the server stays responsive while it handles something: `/healthz` polled back to
 * back, one request always in flight, so an event loop blocked for S ms shows as a poll that took
 * at least S ms. The bot runs in the test's own process, so a stall delays the poll's answer and
 * its measurement alike.
 */

export interface Responsiveness {
  /** The slowest poll, in ms. */
  worstMs: number;
  polls: number;
}

/** Polls `healthUrl` until `work` has settled (and once more), and reports the slowest answer. */
export async function responsivenessWhile(healthUrl: string, work: () => Promise<unknown>): Promise<Responsiveness> {
  let done = false;
  const running = work().finally(() => {
    done = true;
  });
  let worstMs = 0;
  let polls = 0;
  do {
    const started = performance.now();
    const res = await fetch(healthUrl);
    await res.text();
    if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    worstMs = Math.max(worstMs, performance.now() - started);
    polls++;
  } while (!done);
  await running;
  return { worstMs, polls };
}

/**
 * How slow a poll may be while a hostile input is handled, given the slowest poll while an
 * ordinary input of the same size took the same path: a few times that, and never less than a
 * margin that absorbs a busy machine's scheduling. A regex that backtracks quadratically on
 * 28-40 KB blocks for a second or more; linear handling stays within a few times the ordinary.
 */
export function allowedWorstMs(ordinaryWorstMs: number): number {
  return Math.max(4 * ordinaryWorstMs, ordinaryWorstMs + 200);
}

export interface StallVerdict {
  ok: boolean;
  /** Each trial's ordinary and hostile worst poll, for the failure message. */
  trials: Array<{ ordinaryMs: number; hostileMs: number; allowedMs: number }>;
}

/**
 * Runs the ordinary input, then the hostile one, with /healthz polled throughout, up to `tries`
 * times: a busy machine may slow one trial by chance, but a regex that backtracks slows every
 * trial the same, so one trial within the allowance is enough.
 */
export async function staysResponsive(
  healthUrl: string,
  ordinary: (trial: number) => Promise<unknown>,
  hostile: (trial: number) => Promise<unknown>,
  tries = 3,
): Promise<StallVerdict> {
  const trials: StallVerdict['trials'] = [];
  for (let trial = 0; trial < tries; trial++) {
    const ordinaryMs = (await responsivenessWhile(healthUrl, () => ordinary(trial))).worstMs;
    const hostileMs = (await responsivenessWhile(healthUrl, () => hostile(trial))).worstMs;
    const allowedMs = allowedWorstMs(ordinaryMs);
    trials.push({ ordinaryMs: Math.round(ordinaryMs), hostileMs: Math.round(hostileMs), allowedMs: Math.round(allowedMs) });
    if (hostileMs <= allowedMs) return { ok: true, trials };
  }
  return { ok: false, trials };
}
