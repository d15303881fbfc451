import {
  definitionProblem,
  formatValue,
  inferDirection,
  INDICATOR_KEY_PATTERN,
  parseIndicatorDate,
  parseNumber,
} from '../../../src/domain/indicator-rules';

describe('indicator values', () => {
  it.each([
    ['420', 420],
    ['1,250', 1250],
    ['1,250,000.5', 1250000.5],
    ['-3.5', -3.5],
    ['\u22122', -2],
    ['+7', 7],
    ['.5', 0.5],
    ['12.5%', 12.5],
    [' 42 ', 42],
  ])('reads %s as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['', 'abc', '12a', '1,25', '1,2500', '1.2.3', '£5', '1e5', 'NaN', 'Infinity', '2,000,000,000,000'])('refuses %s', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });

  it('shows values with thousands separators, at most two decimals, and the unit', () => {
    expect(formatValue(1250000)).toBe('1,250,000');
    expect(formatValue(3.14159, 'people')).toBe('3.14 people');
    expect(formatValue(12.5, '%')).toBe('12.5%');
  });
});

describe('indicator dates', () => {
  it('takes YYYY-MM as the first of the month', () => {
    expect(parseIndicatorDate('2024-04')).toBe('2024-04-01');
    expect(parseIndicatorDate('2024-02-29')).toBe('2024-02-29');
  });

  it.each(['2023-02-29', '2024-13', '2024-4', '24-04-01', '1989-12-31', '2101-01-01', 'April 2024'])('refuses %s', (text) => {
    expect(parseIndicatorDate(text)).toBeUndefined();
  });
});

describe('indicator keys', () => {
  it.each(['ab', 'youth-claimants', 'a1', 'x'.repeat(30)])('accepts %s', (key) => expect(INDICATOR_KEY_PATTERN.test(key)).toBe(true));
  it.each(['a', '-ab', 'ab-', 'Youth', 'youth_claimants', 'x'.repeat(31)])('refuses %s', (key) =>
    expect(INDICATOR_KEY_PATTERN.test(key)).toBe(false),
  );
});

describe('direction and definitions', () => {
  it('infers down when the target is below the baseline, up when above, nothing when equal', () => {
    expect(inferDirection(420, 210)).toBe('down');
    expect(inferDirection(40, 60)).toBe('up');
    expect(inferDirection(5, 5)).toBeUndefined();
  });

  it('wants the baseline date before the target date', () => {
    expect(definitionProblem({ baseline: { value: 1, date: '2024-04-01' }, target: { value: 2, date: '2030-03-01' } })).toBeUndefined();
    expect(definitionProblem({ baseline: { value: 1, date: '2030-03-01' }, target: { value: 2, date: '2030-03-01' } })).toMatch(
      /must be after the baseline date/,
    );
    expect(definitionProblem({ baseline: { value: 1, date: '2031-03-01' }, target: { value: 2, date: '2030-03-01' } })).toMatch(
      /must be after the baseline date/,
    );
  });
});
