import { SLUG_PATTERN, slugFromStatement } from '../../../src/commands';

describe('slugFromStatement', () => {
  it.each([
    ['By 2030, eliminate long-term unemployment for under-25s in Ladywood ward', 'eliminate-long-term-unemployment'],
    ['Halve childhood obesity in Sparkbrook', 'halve-childhood-obesity-sparkbrook'],
    ['Zero waste to landfill by the council', 'zero-waste-landfill-council'],
    ['Before 2028: Café culture on every high street', 'cafe-culture-every-high-street'],
    ["Ladywood's young people thrive", 'ladywoods-young-people-thrive'],
    ['Make the Ladywood–Nechells corridor safe', 'make-ladywood-nechells-corridor-safe'],
  ])('%s -> %s', (statement, slug) => {
    expect(slugFromStatement(statement)).toBe(slug);
  });

  it('takes at most five meaningful words', () => {
    expect(slugFromStatement('one two three four five six seven')).toBe('one-two-three-four-five');
  });

  it('stays within 40 characters, cutting at a word', () => {
    const slug = slugFromStatement('Internationalisation of neighbourhood regeneration partnerships');
    expect(slug).toBe('internationalisation-neighbourhood');
  });

  it('cuts a single over-long word to 40 characters', () => {
    expect(slugFromStatement('a'.repeat(60))).toBe('a'.repeat(40));
  });

  it('falls back to something valid when nothing meaningful is left', () => {
    expect(slugFromStatement('By 2030, to the')).toBe('mission');
    expect(slugFromStatement('Go')).toBe('go-mission');
    expect(slugFromStatement('零废弃')).toBe('mission');
  });

  it('always produces a valid slug', () => {
    const samples = ['', '   ', '---', '2030', 'é', 'A-B', 'x'.repeat(100), 'by 2030', '!!! ???', 'Ω mega-project ☃ 2031'];
    for (const s of samples) expect(slugFromStatement(s)).toMatch(SLUG_PATTERN);
  });
});
