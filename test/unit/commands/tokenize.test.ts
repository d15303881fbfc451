import { isTokenizeError, tokenize } from '../../../src/commands';
import type { Token } from '../../../src/commands';

function tokens(text: string): Token[] {
  const result = tokenize(text);
  if (isTokenizeError(result)) throw new Error(`unexpected tokenize error: ${result.message}`);
  return result;
}

/** Tokens without their source text, which most tests do not care about. */
function shapes(text: string): unknown[] {
  return tokens(text).map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'source')));
}

function errorOf(text: string): string {
  const result = tokenize(text);
  if (!isTokenizeError(result)) throw new Error('expected a tokenize error');
  return result.message;
}

describe('tokenize: words and spaces', () => {
  it('splits on any run of spaces, including non-breaking and zero-width ones', () => {
    expect(shapes('  show\u00A0\u00A0ladywood-jobs \u202F\u200B now ')).toEqual([
      { kind: 'word', text: 'show' },
      { kind: 'word', text: 'ladywood-jobs' },
      { kind: 'word', text: 'now' },
    ]);
  });

  it('returns no tokens for blank text', () => {
    expect(tokens(' \u00A0 \n')).toEqual([]);
  });

  it('keeps a URL with = in it as one word', () => {
    expect(shapes('https://example.org/?a=b')).toEqual([{ kind: 'word', text: 'https://example.org/?a=b' }]);
  });
});

describe('tokenize: quoting', () => {
  it.each([
    ['straight double', '"Ladywood jobs plan"'],
    ['curly double', '\u201CLadywood jobs plan\u201D'],
    ['straight single', "'Ladywood jobs plan'"],
    ['curly single', '\u2018Ladywood jobs plan\u2019'],
    ['mixed straight and curly', '"Ladywood jobs plan\u201D'],
  ])('reads %s quotes as one string', (_label, text) => {
    expect(shapes(text)).toEqual([{ kind: 'quoted', text: 'Ladywood jobs plan' }]);
  });

  it.each([
    ['"Ladywood\'s young people"', "Ladywood's young people"],
    ['\u201CLadywood\u2019s young people\u201D', 'Ladywood\u2019s young people'],
    ["'Ladywood's young people'", "Ladywood's young people"],
    ['\u2018Ladywood\u2019s young people\u2019', 'Ladywood\u2019s young people'],
    ['\'say "hello" to jobs\'', 'say "hello" to jobs'],
  ])('keeps apostrophes and the other kind of quote inside %s', (text, expected) => {
    expect(shapes(text)).toEqual([{ kind: 'quoted', text: expected }]);
  });

  it('closes a single-quoted string before punctuation', () => {
    expect(shapes("'young people', next")).toEqual([
      { kind: 'quoted', text: 'young people' },
      { kind: 'word', text: ',' },
      { kind: 'word', text: 'next' },
    ]);
  });

  it('treats an apostrophe inside an unquoted word as a letter', () => {
    expect(shapes("Ladywood's jobs")).toEqual([
      { kind: 'word', text: "Ladywood's" },
      { kind: 'word', text: 'jobs' },
    ]);
  });

  it('tidies spaces and line breaks inside quotes', () => {
    expect(shapes('"  By 2030,\n  zero\u00A0waste "')).toEqual([{ kind: 'quoted', text: 'By 2030, zero waste' }]);
  });

  it('keeps the exact source of a quoted string', () => {
    expect(tokens('\u201Cabc\u201D')[0].source).toBe('\u201Cabc\u201D');
  });
});

describe('tokenize: options', () => {
  it('lower-cases keys and keeps the case of values', () => {
    expect(shapes('TZ=Europe/London Role=Lead')).toEqual([
      { kind: 'option', key: 'tz', value: 'Europe/London', quoted: false },
      { kind: 'option', key: 'role', value: 'Lead', quoted: false },
    ]);
  });

  it.each([
    ['org="Birmingham City Council"'],
    ['org=\u201CBirmingham City Council\u201D'],
    ["org='Birmingham City Council'"],
    ['org=\u2018Birmingham City Council\u2019'],
    ['org = "Birmingham City Council"'],
    ['org= "Birmingham City Council"'],
    ['--org="Birmingham City Council"'],
    ['\u2014org="Birmingham City Council"'],
    ['\u2013org="Birmingham City Council"'],
  ])('reads a quoted value in %s', (text) => {
    expect(shapes(text)).toEqual([{ kind: 'option', key: 'org', value: 'Birmingham City Council', quoted: true }]);
  });

  it('reads a value separated from = by a space', () => {
    expect(shapes('role= lead')).toEqual([{ kind: 'option', key: 'role', value: 'lead', quoted: false }]);
  });

  it('gives an empty value when nothing follows =, without swallowing the next option', () => {
    expect(shapes('slug= target=2030-12-31')).toEqual([
      { kind: 'option', key: 'slug', value: '', quoted: false },
      { kind: 'option', key: 'target', value: '2030-12-31', quoted: false },
    ]);
    expect(shapes('slug=')).toEqual([{ kind: 'option', key: 'slug', value: '', quoted: false }]);
  });
});

describe('tokenize: mentions', () => {
  it('reads Slack and Teams style user ids', () => {
    expect(shapes('<@U024BE7LH> <@29:1a2b-3c_d.e>')).toEqual([
      { kind: 'mention', userId: 'U024BE7LH' },
      { kind: 'mention', userId: '29:1a2b-3c_d.e' },
    ]);
  });

  it('drops a Slack-style label', () => {
    expect(shapes('<@U1|amira>')).toEqual([{ kind: 'mention', userId: 'U1' }]);
  });

  it('separates mentions glued together or to commas', () => {
    expect(shapes('<@U1>,<@U2>, <@U3>')).toEqual([
      { kind: 'mention', userId: 'U1' },
      { kind: 'word', text: ',' },
      { kind: 'mention', userId: 'U2' },
      { kind: 'word', text: ',' },
      { kind: 'mention', userId: 'U3' },
    ]);
  });

  it('leaves a mention inside quotes as text', () => {
    expect(shapes('"ask <@U1> first"')).toEqual([{ kind: 'quoted', text: 'ask <@U1> first' }]);
  });

  it('treats a malformed mention as a word', () => {
    expect(shapes('<@U1')).toEqual([{ kind: 'word', text: '<@U1' }]);
  });
});

describe('tokenize: unclosed quotes', () => {
  it('points at the end of the text when no option follows', () => {
    expect(errorOf('create "Zero waste')).toBe('a quote is not closed: add a closing " after Zero waste');
  });

  it('points before the first option and shows only the last words', () => {
    expect(errorOf('create "By 2030, eliminate long-term unemployment target=2030-12-31')).toBe(
      'a quote is not closed: add a closing " after …2030, eliminate long-term unemployment',
    );
  });

  it('asks for the matching curly quote', () => {
    expect(errorOf('org=\u201CBirmingham City')).toBe('a quote is not closed: add a closing \u201D after Birmingham City');
    expect(errorOf('\u2018Ladywood\u2019s plan')).toBe('a quote is not closed: add a closing \u2019 after Ladywood\u2019s plan');
  });

  it('offers to remove a lone quote', () => {
    expect(errorOf("list '")).toBe("a quote is not closed: add a closing ' or remove the '");
  });
});
