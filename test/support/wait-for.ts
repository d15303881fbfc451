import type { Dispatcher } from '../../src/outbox';
import type { Runtime } from '../../src/runtime';

/**
 * The one way tests wait (test/README.md). Generous by default: the suite must pass on a machine
 * busy with other work, and a wait that succeeds returns as soon as its condition holds.
 */
export const WAIT_MS = 10_000;
const STEP_MS = 25;

export interface WaitOptions {
  timeoutMs?: number;
  /** What is awaited, for the failure message (default: the check's source). */
  what?: string;
}

/** An assertion (passes when it stops throwing) or a predicate (passes when it returns true). */
export type Check = () => boolean | void | Promise<boolean | void>;

/**
 * Waits until `check` passes: an assertion that stops throwing, or a predicate that stops
 * returning false. On timeout it fails with the check's last error, or names what it waited for.
 */
export async function waitFor(check: Check, opts: WaitOptions | number = {}): Promise<void> {
  const { timeoutMs = WAIT_MS, what = sourceOf(check) } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  const until = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      if ((await check()) !== false) return;
    } catch (e) {
      failure = e;
    }
    if (Date.now() > until) {
      if (failure instanceof Error) {
        failure.message = `Still failing after ${timeoutMs} ms of waiting for ${what}:\n${failure.message}`;
        throw failure;
      }
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, STEP_MS));
  }
}

/**
 * Reads until `ok` holds for what was read, and returns that reading (for the test to look
 * into). On timeout it fails with the last reading.
 */
export async function readUntil<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, opts: WaitOptions | number = {}): Promise<T> {
  let last: { value: T } | undefined;
  const { timeoutMs = WAIT_MS, what = sourceOf(ok) } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  try {
    await waitFor(
      async () => {
        last = { value: await read() };
        return ok(last.value);
      },
      { timeoutMs, what },
    );
  } catch (e) {
    if (e instanceof Error && last) e.message += `\nLast reading: ${JSON.stringify(last.value)?.slice(0, 2000)}`;
    throw e;
  }
  return last!.value;
}

/** Resolves with `signal`, or fails naming `what` if it has not come within `timeoutMs`. */
export async function within<T>(signal: Promise<T>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([signal, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Bot = Runtime | { runtime: Runtime };

/**
 * The positive signal before asserting that something did NOT happen (no second message, no
 * duplicate): every bot given has finished handling the requests it answered (exports they
 * started included), and its outbox dispatcher has read the queue since and sent everything
 * due. Whatever they were going to send has then arrived at the stand-ins.
 */
export async function settled(...bots: Bot[]): Promise<void> {
  const runtimes = bots.map((b) => ('runtime' in b ? b.runtime : b));
  await within(Promise.all(runtimes.map(handled)), 'the bot to finish handling the requests it answered');
  await outboxDrained(...runtimes);
}

/** The requests a bot answered are handled, and the exports they started are made. */
async function handled(runtime: Runtime): Promise<void> {
  await runtime.inbound.idle();
  await runtime.services.dataOut.exports.idle();
}

/**
 * Every given outbox dispatcher (or a bot's) has read the queue since this call and has sent
 * everything due by its clock. For service-level tests, whose calls finish before they return.
 */
export async function outboxDrained(...from: Array<Bot | Dispatcher>): Promise<void> {
  const dispatchers = from.map((x) => ('whenIdle' in x ? x : dispatcherOf('runtime' in x ? x.runtime : x)));
  await within(Promise.all(dispatchers.map((d) => d.whenIdle())), 'the outbox to send everything due');
}

function dispatcherOf(runtime: Runtime): Dispatcher {
  if (!runtime.dispatcher) throw new Error('the bot has no outbox dispatcher running');
  return runtime.dispatcher;
}

function sourceOf(check: (...args: never[]) => unknown): string {
  return check
    .toString()
    .replace(/^\(?\w*\)?\s*=>\s*/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 200);
}
