import { alignedShare, comparePeriods, financialYear, formatAmount, formatShare, parseAmount } from '../../../src/domain/budget-rules';

describe('amounts', () => {
  it.each([
    ['1250000', 1_250_000],
    ['£1,250,000', 1_250_000],
    ['£ 1,250,000.50', 1_250_000.5],
    ['250k', 250_000],
    ['250K', 250_000],
    ['1.25m', 1_250_000],
    ['£2bn', 2_000_000_000],
    ['0.5b', 500_000_000],
    ['0', 0],
    ['12.345', 12.35],
  ])('reads %s as %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each(['', 'lots', '-5', '1,25', '5 million', '£', '1.2.3m', '2000bn'])('refuses %s', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });

  it('shows pounds, and pence only when there are some', () => {
    expect(formatAmount(1_250_000)).toBe('£1,250,000');
    expect(formatAmount(1250.5)).toBe('£1,250.50');
  });
});

describe('shares', () => {
  it('is aligned over total, and zero without spend', () => {
    expect(alignedShare(5_000_000, 1_250_000)).toBe(0.25);
    expect(alignedShare(0, 0)).toBe(0);
    expect(formatShare(0.25)).toBe('25%');
    expect(formatShare(1 / 3)).toBe('33.3%');
  });
});

describe('periods', () => {
  it('sort naturally, so numbers compare as numbers', () => {
    expect(['2026/27', '2024/25', '2025/26'].sort(comparePeriods)).toEqual(['2024/25', '2025/26', '2026/27']);
    expect(['2026-Q10', '2026-Q2', '2025-Q4'].sort(comparePeriods)).toEqual(['2025-Q4', '2026-Q2', '2026-Q10']);
  });

  it('default to the UK financial year, April to March', () => {
    expect(financialYear('2026-11-26')).toBe('2026/27');
    expect(financialYear('2027-03-31')).toBe('2026/27');
    expect(financialYear('2027-04-01')).toBe('2027/28');
    expect(financialYear('2099-06-01')).toBe('2099/00');
  });
});
