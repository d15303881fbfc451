import type { HelpEntry } from '../commands';
import type { Block, Message } from './model';

/** `mission help`: every command with its usage, grouped by command word. */
export function helpMessage(entries: HelpEntry[], intro?: string): Message {
  const blocks: Block[] = [{ kind: 'header', text: 'Mission Pulse commands' }];
  if (intro) blocks.push({ kind: 'text', text: [intro] });
  blocks.push({
    kind: 'list',
    items: entries.map((e) => [{ bold: e.usage }, ` — ${e.summary}`]),
  });
  blocks.push({ kind: 'context', text: ['Details and an example: `mission help <command>`, like `mission help create`.'] });
  return { summary: 'Mission Pulse commands', blocks };
}

/** `mission help create`: one command's usage and example. */
export function commandHelpMessage(text: string): Message {
  const [usage, summary, ...rest] = text.split('\n');
  const blocks: Block[] = [{ kind: 'text', text: [{ bold: usage }] }];
  if (summary) blocks.push({ kind: 'text', text: [summary] });
  if (rest.length) blocks.push({ kind: 'context', text: [rest.join('\n')] });
  return { summary: usage, blocks };
}

/** A command that could not be parsed: what is wrong, the nearest command, how to use it. */
export function commandErrorMessage(err: { message: string; usage?: string; suggestion?: string }): Message {
  const blocks: Block[] = [{ kind: 'text', text: [err.message] }];
  if (err.suggestion) blocks.push({ kind: 'text', text: [err.suggestion] });
  if (err.usage) blocks.push({ kind: 'context', text: [`Usage: ${err.usage}`] });
  blocks.push({ kind: 'context', text: ['Type `mission help` for every command.'] });
  return { summary: err.message, blocks };
}
