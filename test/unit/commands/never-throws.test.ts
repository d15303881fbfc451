import { parseCommand, tokenize, UNREADABLE_MESSAGE } from '../../../src/commands';

/** mulberry32: a tiny seeded PRNG so the inputs are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'create',
  'add',
  'remove',
  'show',
  'list',
  'channel',
  'help',
  'mission',
  'digest',
  'alerts',
  'ladywood-jobs',
  'By',
  '2030,',
  'zero',
  'waste',
  '"',
  "'",
  '\u201C',
  '\u201D',
  '\u2018',
  '\u2019',
  '=',
  'slug=',
  'target=',
  'target=2030-12-31',
  'target=2025-06-01',
  'tz=Europe/London',
  'tz=',
  'org="x y"',
  'role=lead',
  'role=',
  'place=\u201CLadywood\u201D',
  '<@U1>',
  '<@29:ab-c>',
  '<@',
  '>',
  '<@U1|x>',
  '\u2014',
  '\u2013',
  '--',
  ',',
  '\u00A0',
  '\u200B',
  ' ',
  '  ',
  '\n',
  'é',
  '\u{1F331}',
  '\\',
  '$',
  '__proto__=1',
  'constructor=x',
  'toString',
  '?',
  'x'.repeat(300),
];

function randomText(next: () => number): string {
  const parts: string[] = [];
  const count = Math.floor(next() * 14);
  for (let i = 0; i < count; i++) {
    if (next() < 0.15) {
      parts.push(String.fromCharCode(Math.floor(next() * 0x3000)));
    } else {
      parts.push(PIECES[Math.floor(next() * PIECES.length)]);
    }
    if (next() < 0.7) parts.push(' ');
  }
  return parts.join('');
}

describe('parseCommand on arbitrary input', () => {
  it('never throws and always answers with a result or a worded error', () => {
    const next = prng(20250601);
    for (let i = 0; i < 600; i++) {
      const text = randomText(next);
      const word = next() < 0.9 ? 'mission' : randomText(next);
      const result = parseCommand(word, text, { today: '2025-06-01' });
      if (result.ok) {
        expect(typeof result.command.name).toBe('string');
      } else {
        expect(['UNKNOWN_COMMAND', 'BAD_ARGUMENTS', 'BAD_SYNTAX', 'EMPTY']).toContain(result.error.code);
        expect(result.error.message).not.toBe(UNREADABLE_MESSAGE);
        expect(result.error.message.length).toBeGreaterThan(0);
      }
      expect(() => tokenize(text)).not.toThrow();
    }
  });

  it('does not let an option key reach the object prototype', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      const result = parseCommand('mission', `add ladywood-jobs <@U1> ${key}=x`, { today: '2025-06-01' });
      expect(result).toMatchObject({
        ok: false,
        error: { message: `mission add has no option ${key.toLowerCase()}; it accepts org, role` },
      });
    }
  });
});
