import { z } from 'zod';
import { buildArgs } from './command-args';
import { CommandArgumentError } from './command-argument-error';
import type { AnyCommandDefinition } from './define-command';
import { COMMAND_WORDS, commandsOf, DEFAULT_SUBCOMMANDS, findCommand, HELP_NAME, isCommandWord } from './registry';
import type { CommandWord, ParsedCommand } from './registry';
import { nearest } from './suggest';
import { isFiller } from './text';
import { isTokenizeError, tokenize } from './tokenize';
import type { CommandContext, CommandError, Token } from './types';
import { describeZodError } from './validate';

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; error: CommandError };

/** Longer than any real command; beyond it the text is refused before tokenising. */
export const MAX_COMMAND_LENGTH = 4000;
/** What a person is told about a command over MAX_COMMAND_LENGTH. */
export const COMMAND_TOO_LONG = `the command is too long: keep it under ${MAX_COMMAND_LENGTH.toLocaleString('en-GB')} characters`;

/** Said only if a parser fails in a way nobody foresaw; parseCommand itself never throws. */
export const UNREADABLE_MESSAGE = 'Sorry, that command could not be read. Check it and try again.';

const fail = (code: CommandError['code'], message: string, extra: Omit<CommandError, 'code' | 'message'> = {}): ParseResult => {
  const error: CommandError = { code, message };
  if (extra.usage !== undefined) error.usage = extra.usage;
  if (extra.suggestion !== undefined) error.suggestion = extra.suggestion;
  return { ok: false, error };
};

/**
 * Parses the text after a command word ("mission", ...) into a typed command, or says what is
 * wrong in words the user can act on. Mentions must already be normalised to `<@userId>`.
 */
export function parseCommand(word: string, text: string, ctx: CommandContext): ParseResult {
  try {
    return parse(word, text, ctx);
  } catch (e) {
    if (e instanceof CommandArgumentError) return fail('BAD_ARGUMENTS', e.message, { suggestion: e.suggestion });
    return fail('BAD_SYNTAX', UNREADABLE_MESSAGE);
  }
}

function parse(wordInput: string, textInput: string, ctx: CommandContext): ParseResult {
  const word = (typeof wordInput === 'string' ? wordInput : '').trim().replace(/^\//, '').toLowerCase();
  if (word === '') return fail('EMPTY', `type a command, like \`${COMMAND_WORDS[0]} help\``);
  if (!isCommandWord(word)) {
    const close = nearest(word, COMMAND_WORDS);
    return fail('UNKNOWN_COMMAND', `there is no ${word} command; the commands are ${COMMAND_WORDS.join(', ')}`, {
      suggestion: close ? `Did you mean \`${close}\`?` : undefined,
    });
  }
  const text = typeof textInput === 'string' ? textInput : '';
  if (text.length > MAX_COMMAND_LENGTH) {
    return fail('BAD_SYNTAX', COMMAND_TOO_LONG);
  }

  const tokens = tokenize(text);
  if (isTokenizeError(tokens)) {
    const named = findCommand(word, (text.trim().split(/\s+/u)[0] ?? '').toLowerCase());
    return fail('BAD_SYNTAX', tokens.message, { usage: named?.usage });
  }
  const start = tokens.findIndex((t) => !(t.kind === 'word' && isFiller(t.text)));
  const fallback = DEFAULT_SUBCOMMANDS[word] ? findCommand(word, DEFAULT_SUBCOMMANDS[word]) : undefined;
  if (start < 0) return fallback ? runCommand(fallback, [], ctx) : { ok: true, command: { name: 'help', word } };
  const head = tokens[start];
  const rest = tokens.slice(start + 1);

  if (head.kind !== 'word') {
    const first = commandsOf(word)[0]?.name ?? HELP_NAME;
    return fail('UNKNOWN_COMMAND', `start with a command, like \`${word} ${first}\`; type \`${word} help\` to see them all`);
  }
  const name = head.text.toLowerCase();
  if (name === HELP_NAME || name === '?') return helpCommand(word, rest);

  const def = findCommand(word, name);
  // `checkin ladywood-jobs` is `checkin open ladywood-jobs`: the word's default subcommand.
  if (!def && fallback) return runCommand(fallback, tokens.slice(start), ctx);
  if (!def) {
    const close = nearest(
      name,
      commandsOf(word).map((d) => d.name),
    );
    return fail('UNKNOWN_COMMAND', `"${head.text}" is not a ${word} command; type \`${word} help\` to see them all`, {
      suggestion: close ? `Did you mean \`${word} ${close}\`?` : undefined,
    });
  }
  return runCommand(def, rest, ctx);
}

function runCommand(def: AnyCommandDefinition, tokens: Token[], ctx: CommandContext): ParseResult {
  try {
    const fields = def.parse(buildArgs(tokens, def), ctx);
    // defineCommand ties each definition's id to its fields, so this is one member of the union.
    const command = { name: def.id, ...fields } as ParsedCommand;
    return { ok: true, command };
  } catch (e) {
    if (e instanceof CommandArgumentError) {
      return fail('BAD_ARGUMENTS', e.message, { usage: def.usage, suggestion: e.suggestion });
    }
    if (e instanceof z.ZodError) return fail('BAD_ARGUMENTS', describeZodError(e), { usage: def.usage });
    throw e;
  }
}

/** `mission help`, `mission help create`, and the forgiving `mission help mission create`. */
function helpCommand(word: CommandWord, tokens: Token[]): ParseResult {
  const words = tokens.filter((t) => t.kind === 'word' && !isFiller(t.text)).map((t) => (t.kind === 'word' ? t.text.toLowerCase() : ''));
  const topic = words[0] === word ? words[1] : words[0];
  if (topic === undefined || topic === HELP_NAME) return { ok: true, command: { name: 'help', word } };
  if (findCommand(word, topic)) return { ok: true, command: { name: 'help', word, topic } };
  const close = nearest(
    topic,
    commandsOf(word).map((d) => d.name),
  );
  return fail('UNKNOWN_COMMAND', `there is no ${word} ${topic} command; type \`${word} help\` to see them all`, {
    suggestion: close ? `Did you mean \`${word} help ${close}\`?` : undefined,
  });
}
