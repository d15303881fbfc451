import { CommandArgumentError } from './command-argument-error';
import type { AnyCommandDefinition } from './define-command';
import { nearest } from './suggest';
import { charCount, isFiller } from './text';
import type { CommandArgs, Token } from './types';

/** No option value may be longer than this, whatever the command; commands may say less. */
export const MAX_OPTION_LENGTH = 500;

/** Checks the tokens against what the command declares and gathers them into CommandArgs. */
export function buildArgs(tokens: Token[], def: AnyCommandDefinition): CommandArgs {
  const allowed = def.options ?? [];
  const args: CommandArgs = { positionals: [], mentions: [], options: {}, raw: tokens };
  tokens.forEach((token, index) => {
    switch (token.kind) {
      case 'option':
        checkOption(token.key, token.value, allowed, args.options, def);
        args.options[token.key] = token.value;
        break;
      case 'mention':
        if (!def.mentions) throw new CommandArgumentError(`${def.word} ${def.name} does not take @mentions`);
        args.mentions.push(token.userId);
        break;
      case 'word':
      case 'quoted':
        if (token.kind === 'word' && isFiller(token.text)) break;
        checkNotSpilledValue(tokens, index);
        args.positionals.push(token.text);
        break;
    }
  });
  const limit = def.positionals ?? 0;
  if (args.positionals.length > limit) {
    throw new CommandArgumentError(`unexpected "${args.positionals[limit]}"`);
  }
  return args;
}

function checkOption(
  key: string,
  value: string,
  allowed: readonly string[],
  seen: Record<string, string>,
  def: AnyCommandDefinition,
): void {
  const command = `${def.word} ${def.name}`;
  if (!allowed.includes(key)) {
    const close = nearest(key, allowed);
    const accepts = allowed.length > 0 ? `; it accepts ${allowed.join(', ')}` : '; it takes no options';
    throw new CommandArgumentError(`${command} has no option ${key}${accepts}`, close ? `Did you mean ${close}=?` : undefined);
  }
  if (Object.prototype.hasOwnProperty.call(seen, key)) {
    throw new CommandArgumentError(`${key} is given twice: give it once`);
  }
  if (charCount(value) > MAX_OPTION_LENGTH) {
    throw new CommandArgumentError(`${key} must be at most ${MAX_OPTION_LENGTH} characters`);
  }
}

/**
 * `org=Birmingham City Council` leaves "City Council" stranded after the option; say how to
 * quote it rather than complaining about the stray words.
 */
function checkNotSpilledValue(tokens: Token[], index: number): void {
  const before = tokens[index - 1];
  if (!before || before.kind !== 'option' || before.quoted || before.value === '') return;
  const spilled: string[] = [];
  for (let i = index; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' && t.kind !== 'quoted') break;
    spilled.push(t.text);
  }
  const whole = [before.value, ...spilled].join(' ');
  throw new CommandArgumentError(`put values with spaces in quotes, like ${before.key}="${whole}"`);
}
