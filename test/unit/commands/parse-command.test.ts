import { COMMAND_WORDS, COMMANDS, MAX_COMMAND_LENGTH, parseCommand } from '../../../src/commands';
import type { ParsedCommand } from '../../../src/commands';
import { ctx, err, ok } from './helpers';

describe('parseCommand: help', () => {
  it.each(['', '   ', '\u00A0', 'help', 'HELP', '?', 'help help'])('treats %j as help', (text) => {
    expect(ok(text)).toEqual({ name: 'help', word: 'mission' });
  });

  it('gives a help topic for a known subcommand', () => {
    expect(ok('help create')).toEqual({ name: 'help', word: 'mission', topic: 'create' });
    expect(ok('Help Create')).toEqual({ name: 'help', word: 'mission', topic: 'create' });
    expect(ok('help mission add')).toEqual({ name: 'help', word: 'mission', topic: 'add' });
  });

  it('suggests the nearest topic for a misspelt one', () => {
    expect(err('help creat')).toEqual({
      code: 'UNKNOWN_COMMAND',
      message: 'there is no mission creat command; type `mission help` to see them all',
      suggestion: 'Did you mean `mission help create`?',
    });
    expect(err('help zebra')).not.toHaveProperty('suggestion');
  });
});

describe('parseCommand: unknown commands', () => {
  it('suggests the nearest subcommand', () => {
    expect(err('creat "By 2030, zero waste"')).toEqual({
      code: 'UNKNOWN_COMMAND',
      message: '"creat" is not a mission command; type `mission help` to see them all',
      suggestion: 'Did you mean `mission create`?',
    });
    expect(err('shwo ladywood-jobs').suggestion).toBe('Did you mean `mission show`?');
    expect(err('chan ladywood-jobs digest').suggestion).toBe('Did you mean `mission channel`?');
  });

  it('suggests nothing when nothing is close', () => {
    const e = err('frobnicate');
    expect(e.code).toBe('UNKNOWN_COMMAND');
    expect(e).not.toHaveProperty('suggestion');
  });

  it('matches subcommands whatever their case', () => {
    expect(ok('SHOW ladywood-jobs')).toEqual({ name: 'mission.show', slug: 'ladywood-jobs' });
  });

  it('asks for a subcommand before anything else', () => {
    expect(err('<@U1> add')).toEqual({
      code: 'UNKNOWN_COMMAND',
      message: 'start with a command, like `mission create`; type `mission help` to see them all',
    });
    expect(err('role=lead').code).toBe('UNKNOWN_COMMAND');
  });

  it('rejects an unknown command word with a suggestion', () => {
    expect(err('list', 'missoin')).toEqual({
      code: 'UNKNOWN_COMMAND',
      message: 'there is no missoin command; the commands are mission, checkin, blocker',
      suggestion: 'Did you mean `mission`?',
    });
  });

  it('accepts the word with a slash and in any case', () => {
    expect(ok('list', '/Mission')).toEqual({ name: 'mission.list' });
  });

  it('reports an empty command word', () => {
    expect(err('list', '  ')).toEqual({ code: 'EMPTY', message: 'type a command, like `mission help`' });
  });
});

describe('parseCommand: limits', () => {
  it(`refuses text over ${MAX_COMMAND_LENGTH} characters`, () => {
    const long = `create "By 2030, zero waste" place="${'p'.repeat(MAX_COMMAND_LENGTH)}"`;
    expect(err(long)).toEqual({ code: 'BAD_SYNTAX', message: 'the command is too long: keep it under 4,000 characters' });
  });

  it('refuses any option value over 500 characters', () => {
    expect(err(`add ladywood-jobs <@U1> org="${'o'.repeat(501)}"`).message).toBe('org must be at most 500 characters');
  });
});

describe('registry', () => {
  it('lists the command words', () => {
    expect(COMMAND_WORDS).toEqual(['mission', 'checkin', 'blocker']);
  });

  it.each(COMMANDS.map((c) => [c.id, c.example] as const))('%s: its help example parses', (id, example) => {
    // People pick @amira from the platform's list, which the adapter hands over as <@amira>.
    const [word, ...rest] = example.replace(/@(\w+)/g, '<@$1>').split(' ');
    const result = parseCommand(word, rest.join(' '), { today: '2025-06-01' });
    expect(result.ok && result.command.name).toBe(id);
  });
});

/** Compiled by tsc: the union narrows on `name` to each command's own fields. */
function summarise(command: ParsedCommand): string {
  switch (command.name) {
    case 'help':
      return `help ${command.topic ?? ''}`.trim();
    case 'mission.create':
      return `${command.statement} ${command.target ?? 'no target'}`;
    case 'mission.add':
      return `${command.userIds.length} as ${command.role}`;
    case 'mission.remove':
      return command.userId;
    case 'mission.channel':
      return command.purpose;
    case 'mission.show':
      return command.slug;
    case 'mission.list':
      return 'list';
    default:
      return command.name;
  }
}

describe('ParsedCommand', () => {
  it('carries the fields of each command under its name', () => {
    expect(summarise(ok('add ladywood-jobs <@U1> <@U2> role=lead'))).toBe('2 as lead');
    expect(summarise(ok('help add'))).toBe('help add');
    expect(parseCommand('mission', 'list', ctx)).toEqual({ ok: true, command: { name: 'mission.list' } });
  });
});
