import { parseCommand } from '../../../src/commands';
import type { CommandError, ParsedCommand } from '../../../src/commands';

export const TODAY = '2025-06-01';
export const ctx = { today: TODAY };

export function ok(text: string, word = 'mission'): ParsedCommand {
  const result = parseCommand(word, text, ctx);
  if (!result.ok) throw new Error(`expected ${word} ${text} to parse, got: ${result.error.message}`);
  return result.command;
}

export function err(text: string, word = 'mission'): CommandError {
  const result = parseCommand(word, text, ctx);
  if (result.ok) throw new Error(`expected ${word} ${text} to fail, got ${JSON.stringify(result.command)}`);
  return result.error;
}
