import type { ChartIndicator, ChartInput } from '../../../src/charts';
import { chartAltText } from '../../../src/charts/chart-alt-text';
import { prepareChart } from '../../../src/charts/chart-data';

const altText = (input: ChartInput): string => chartAltText(prepareChart(input));

const week = (confidence: number | undefined, participation: number, n = 1) => ({
  weekKey: `2026-W${String(n).padStart(2, '0')}`,
  confidence,
  participation,
});

const spend: ChartIndicator = {
  name: 'Local spend',
  unit: '£',
  direction: 'up',
  baseline: { date: '2026-01-01', value: 100_000 },
  target: { date: '2026-12-31', value: 1_200_000 },
  readings: [],
};

describe('chart alt text', () => {
  it('gives the latest confidence, its change from the last rated week, and the latest participation', () => {
    expect(altText({ weeks: [week(3.2, 0.5, 1), week(undefined, 0.3, 2), week(3.64, 0.785, 3)], indicators: [] })).toBe(
      'Confidence 3.6 of 5 (up 0.4) and participation 79% over 3 weeks.',
    );
    expect(altText({ weeks: [week(4.04, 0.9, 1), week(3.96, 0.9, 2)], indicators: [] })).toBe(
      'Confidence 4.0 of 5 (no change) and participation 90% over 2 weeks.',
    );
    expect(altText({ weeks: [week(4, 1, 1), week(2.5, 0.25, 2)], indicators: [] })).toBe(
      'Confidence 2.5 of 5 (down 1.5) and participation 25% over 2 weeks.',
    );
  });

  it('keeps out-of-range numbers within the scales the chart shows', () => {
    expect(altText({ weeks: [week(7, 1.4)], indicators: [] })).toBe('Confidence 5.0 of 5 and participation 100% in 1 week.');
    expect(altText({ weeks: [week(Number.NaN, -0.2)], indicators: [] })).toBe('No confidence answers yet and participation 0% in 1 week.');
  });

  it('reads the trajectory at the latest reading, holding at baseline before it starts and at target after it ends', () => {
    const at = (date: string) =>
      altText({
        weeks: [],
        indicators: [
          {
            ...spend,
            readings: [
              { date: '2026-01-01', value: 1 },
              { date, value: 250_000 },
            ],
          },
        ],
      });
    expect(at('2025-06')).toBe('No check-in weeks yet; Local spend £1 against a trajectory of £100,000.');
    expect(at('2026-07-02')).toBe('No check-in weeks yet; Local spend £250,000 against a trajectory of £650,000.');
    expect(at('2027-03')).toBe('No check-in weeks yet; Local spend £250,000 against a trajectory of £1,200,000.');
  });

  it('names indicators without readings, and ignores readings with unreadable dates or values', () => {
    const readings = [
      { date: '2026-02-30', value: 5 },
      { date: 'last week', value: 6 },
      { date: '2026-03-01', value: Number.POSITIVE_INFINITY },
    ];
    expect(altText({ weeks: [], indicators: [{ ...spend, readings }] })).toBe('No check-in weeks yet; Local spend has no readings yet.');
  });

  it('states units the way people write them', () => {
    const one = (unit: string | undefined, value: number) =>
      altText({
        weeks: [],
        indicators: [
          {
            ...spend,
            unit,
            baseline: { date: '2026-01', value },
            target: { date: '2026-01', value },
            readings: [{ date: '2026-01', value }],
          },
        ],
      });
    expect(one('%', 12.345)).toContain('Local spend 12.3% against a trajectory of 12.3%');
    expect(one('people', 1234.5)).toContain('Local spend 1,235 people');
    expect(one(undefined, 0.456)).toContain('Local spend 0.46 against');
  });
});
