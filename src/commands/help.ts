import { commandsOf, COMMAND_WORDS, findCommand, HELP_NAME } from './registry';

export interface HelpEntry {
  word: string;
  name: string;
  usage: string;
  summary: string;
  example: string;
}

function helpEntryFor(word: string): HelpEntry {
  const first = commandsOf(word)[0];
  return {
    word,
    name: HELP_NAME,
    usage: `${word} help [command]`,
    summary: 'List these commands, or show how to use one',
    example: first ? `${word} help ${first.name}` : `${word} help`,
  };
}

/** Usage, summary and example of every command of `word` (all words when omitted), help last. */
export function helpEntries(word?: string): HelpEntry[] {
  const words = word === undefined ? COMMAND_WORDS : COMMAND_WORDS.filter((w) => w === word);
  return words.flatMap((w) => [
    ...commandsOf(w).map(({ word: cw, name, usage, summary, example }) => ({ word: cw, name, usage, summary, example })),
    helpEntryFor(w),
  ]);
}

/** Plain text, one line per command: "usage — summary". Empty for an unknown word. */
export function helpText(word?: string): string {
  return helpEntries(word)
    .map((e) => `${e.usage} — ${e.summary}`)
    .join('\n');
}

/** Plain text for one command: usage, summary and an example; undefined if there is no such command. */
export function commandHelp(word: string, name: string): string | undefined {
  const entry = name === HELP_NAME && COMMAND_WORDS.some((w) => w === word) ? helpEntryFor(word) : findCommand(word, name);
  if (!entry) return undefined;
  return `${entry.usage}\n${entry.summary}\nExample: ${entry.example}`;
}
