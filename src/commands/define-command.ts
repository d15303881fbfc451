import type { CommandArgs, CommandContext } from './types';

/** How one subcommand reads its arguments. Add one of these to a family file and register it. */
export interface CommandSpec<W extends string, N extends string, R extends object> {
  word: W;
  name: N;
  usage: string;
  summary: string;
  example: string;
  /** Option keys the command accepts (lower case). Anything else is rejected before `parse`. */
  options?: readonly string[];
  /** Whether @mentions may appear; without this they are rejected before `parse`. */
  mentions?: boolean;
  /** How many words or quoted strings may appear; more are rejected before `parse`. Default 0. */
  positionals?: number;
  /** Turns the checked arguments into the command's fields; throws CommandArgumentError or uses `validate`. */
  parse: (args: CommandArgs, ctx: CommandContext) => R;
}

export interface CommandDefinition<W extends string, N extends string, R extends object> extends Readonly<CommandSpec<W, N, R>> {
  /** `word.name`, the `name` of the parsed command. */
  readonly id: `${W}.${N}`;
}

export type AnyCommandDefinition = CommandDefinition<string, string, object>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The parsed command a definition produces: its fields plus `name: 'word.name'`. */
export type ParsedOf<D> = D extends CommandDefinition<infer W, infer N, infer R> ? Simplify<{ name: `${W}.${N}` } & R> : never;

export function defineCommand<const W extends string, const N extends string, R extends object>(
  spec: CommandSpec<W, N, R>,
): CommandDefinition<W, N, R> {
  return { ...spec, id: `${spec.word}.${spec.name}` };
}
