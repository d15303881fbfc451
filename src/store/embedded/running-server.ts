import { EmbeddedDatabaseError } from './errors';
import type { ManagedChild } from './managed-child';

export interface RunningServer {
  /** mongodb://127.0.0.1:PORT/?directConnection=true (no database name). */
  uri: string;
  stop(): Promise<void>;
}

export function loopbackUri(port: number): string {
  return `mongodb://127.0.0.1:${port}/?directConnection=true`;
}

/** Thrown when the picked port was taken before the server could bind it; worth a retry. */
export class PortTakenError extends EmbeddedDatabaseError {
  constructor(message: string) {
    super('EMBEDDED_DB_START_FAILED', message);
  }
}

export function startFailure(what: string, child: ManagedChild, cause: unknown): EmbeddedDatabaseError {
  const output = child.outputTail();
  const reason = cause instanceof Error ? cause.message : String(cause);
  const message = `${what} did not start: ${reason}${output ? `\n${output.split('\n').slice(-15).join('\n')}` : ''}`;
  if (/address already in use|EADDRINUSE/i.test(output)) return new PortTakenError(message);
  return new EmbeddedDatabaseError('EMBEDDED_DB_START_FAILED', message, { cause });
}

/** Rejects when the child exits, so start-up waits can race against it. */
export function rejectOnExit(child: ManagedChild): Promise<never> {
  return child.exited.then((info) => {
    throw new Error(`the process exited (code ${info.code ?? 'none'}, signal ${info.signal ?? 'none'})`);
  });
}

export function rejectAfter(ms: number, what: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
