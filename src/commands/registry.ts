import { MissionPulseError } from '../errors';
import type { AnyCommandDefinition, ParsedOf } from './define-command';
import { apiAndExportCommands } from './api-and-export';
import { blockerCommands } from './blockers';
import { checkinCycleCommands } from './checkin-cycle';
import { indicatorCommands } from './indicators';
import { missionLinkCommands } from './mission-links';
import { missionSetupCommands } from './mission-setup';
import { privacyCommands } from './privacy';

/**
 * Every subcommand the bot understands. A new command family is one file exporting its
 * definitions `as const`, spread in here.
 */
export const COMMANDS = [
  ...missionSetupCommands,
  ...missionLinkCommands,
  ...checkinCycleCommands,
  ...indicatorCommands,
  ...blockerCommands,
  ...apiAndExportCommands,
  ...privacyCommands,
] as const;

export type RegisteredCommand = (typeof COMMANDS)[number];
export type CommandWord = RegisteredCommand['word'];

/** `mission help [topic]`, or an empty command. `topic` is a subcommand name of `word`. */
export interface HelpCommand {
  name: 'help';
  word: CommandWord;
  topic?: string;
}

/** Everything parseCommand can produce, discriminated on `name` ('mission.create', ...). */
export type ParsedCommand = HelpCommand | ParsedOf<RegisteredCommand>;

/** What a word means with no subcommand, or with arguments that are not one: `checkin` opens the form. */
export const DEFAULT_SUBCOMMANDS: Readonly<Record<string, string>> = { checkin: 'open', blocker: 'raise' };

/** The help word is handled by the parser itself, for every command word. */
export const HELP_NAME = 'help';

const byWord = new Map<string, Map<string, AnyCommandDefinition>>();
for (const def of COMMANDS as readonly AnyCommandDefinition[]) {
  const names = byWord.get(def.word) ?? new Map<string, AnyCommandDefinition>();
  if (names.has(def.name) || def.name === HELP_NAME) {
    throw new MissionPulseError('CONFIG_INVALID', `command ${def.id} is registered twice or uses a reserved name`);
  }
  names.set(def.name, def);
  byWord.set(def.word, names);
}

/** The command words adapters register (Slack slash commands, Teams command list). */
export const COMMAND_WORDS: readonly CommandWord[] = [...byWord.keys()] as CommandWord[];

export function isCommandWord(word: string): word is CommandWord {
  return byWord.has(word);
}

/** The subcommands of a word, in registration order. */
export function commandsOf(word: string): readonly AnyCommandDefinition[] {
  return [...(byWord.get(word)?.values() ?? [])];
}

export function findCommand(word: string, name: string): AnyCommandDefinition | undefined {
  return byWord.get(word)?.get(name);
}
