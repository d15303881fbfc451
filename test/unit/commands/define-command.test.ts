import { z } from 'zod';
import { buildArgs, CommandArgumentError, defineCommand, tokenize, validate } from '../../../src/commands';
import type { CommandArgs, Token } from '../../../src/commands';

/** A command that is never registered, to exercise the framework on its own. */
const demo = defineCommand({
  word: 'demo',
  name: 'try',
  usage: 'demo try <thing> [colour=<colour>]',
  summary: 'Try things',
  example: 'demo try kite colour=red',
  options: ['colour', 'size'],
  positionals: 1,
  parse: (args: CommandArgs) =>
    validate(z.object({ thing: z.string(), count: z.number().max(3).optional() }), { thing: args.positionals[0] }),
});

function tokensOf(text: string): Token[] {
  const t = tokenize(text);
  if (!Array.isArray(t)) throw new Error(t.message);
  return t;
}

function argError(text: string, def = demo): string {
  try {
    buildArgs(tokensOf(text), def);
  } catch (e) {
    if (e instanceof CommandArgumentError) return e.message;
    throw e;
  }
  throw new Error('expected an argument error');
}

describe('defineCommand', () => {
  it('names the parsed command word.name', () => {
    expect(demo.id).toBe('demo.try');
  });
});

describe('buildArgs', () => {
  it('gathers positionals, mentions and options, leaving out lone dashes and commas', () => {
    const def = defineCommand({ ...demo, mentions: true, positionals: 2 });
    const tokens = tokensOf('kite \u2014 , <@U1> "red one" Colour=Blue');
    expect(buildArgs(tokens, def)).toEqual({
      positionals: ['kite', 'red one'],
      mentions: ['U1'],
      options: { colour: 'Blue' },
      raw: tokens,
    });
  });

  it('rejects what the command does not declare', () => {
    expect(argError('kite shape=round')).toBe('demo try has no option shape; it accepts colour, size');
    expect(argError('kite <@U1>')).toBe('demo try does not take @mentions');
    expect(argError('kite string')).toBe('unexpected "string"');
    expect(argError('kite size=1 size=2')).toBe('size is given twice: give it once');
  });

  it('says when a command takes no options at all', () => {
    expect(argError('x=1', defineCommand({ ...demo, options: undefined }))).toBe('demo try has no option x; it takes no options');
  });
});

describe('validate', () => {
  it('names a missing argument when the schema has no message of its own', () => {
    expect(() => validate(z.object({ thing: z.string() }), {})).toThrow('thing is required');
  });

  it('words other plain zod problems by argument name', () => {
    const schema = z.object({
      count: z.number().max(3),
      tags: z.array(z.string()).max(1),
      kind: z.enum(['a', 'b']),
      name: z.string().min(2),
      flag: z.boolean(),
    });
    expect(() => validate(schema, { count: 4, tags: ['x', 'y'], kind: 'c', name: 'a', flag: 'yes' })).toThrow(
      'count must be at most 3\ntags must be at most 1 item\nkind must be one of a, b\nname must be at least 2 characters\nflag is not valid',
    );
  });

  it('returns the parsed value', () => {
    expect(validate(z.object({ n: z.string().transform((s) => s.length) }), { n: 'abc' })).toEqual({ n: 3 });
  });
});
