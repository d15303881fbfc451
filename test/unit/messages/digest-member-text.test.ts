import { chunkText, cleanMemberText, excerpt, renderedWeight } from '../../../src/messages/member-text';
import { longText } from '../domain/digest-fixtures';

describe('member text in the digest', () => {
  it('loses the characters that reorder or hide text, keeps newlines, emoji and scripts', () => {
    expect(cleanMemberText('rtl \u202Eexe.evil\u202C \u2066x\u2069 zero\u200Bwidth\uFEFF\r\nnext\u0007')).toBe(
      'rtl exe.evil x zerowidth\nnext',
    );
    expect(cleanMemberText('family 👨\u200D👩\u200D👧 می\u200Cخواهم')).toBe('family 👨\u200D👩\u200D👧 می\u200Cخواهم');
  });

  it('excerpts on one line, cut at a word with an ellipsis', () => {
    expect(excerpt('Two employers\nsigned   the pledge', 100)).toBe('Two employers signed the pledge');
    expect(excerpt('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(excerpt('😀'.repeat(10), 6)).toBe('😀😀…');
  });

  it('chunks long text without losing a character, each chunk within its rendered limits', () => {
    for (const text of [longText(3_000, 7), '&<>'.repeat(1_000), `${'🙂'.repeat(1_500)}`, 'A'.repeat(3_000), `${'*_~@!]\n'.repeat(400)}`]) {
      const chunks = chunkText(text, 1_000, 2_000);
      expect(chunks.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      for (const c of chunks) {
        const w = renderedWeight(c);
        expect(w.chars).toBeLessThanOrEqual(1_000);
        expect(w.bytes).toBeLessThanOrEqual(2_000);
      }
    }
  });

  it('counts what escaping adds: entities on Slack, look-alikes on Teams', () => {
    expect(renderedWeight('a&b')).toEqual({ chars: 7, bytes: 3 });
    expect(renderedWeight('*x*')).toEqual({ chars: 5, bytes: 9 });
  });
});
