/**
 * The outcome of reading user input: a value, or a message that can be shown to the
 * user as it is. Parsers return this instead of throwing, so a command can collect
 * every problem with one reply.
 */
export type Parsed<T> = { ok: true; value: T } | ParseFailure;

export interface ParseFailure {
  ok: false;
  message: string;
}

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail(message: string): ParseFailure {
  return { ok: false, message };
}
