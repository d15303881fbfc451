import type { ChartIndicator, ChartInput, ChartWeek } from '../../../src/charts';

/** Twelve Mondays from 5 Jan 2026, with one week nobody rated their confidence. */
export function twelveWeeks(): ChartWeek[] {
  const confidence = [3.1, 3.3, 3.2, 3.5, undefined, 3.4, 3.6, 3.5, 3.3, 3.2, 3.2, 3.6];
  const participation = [0.6, 0.72, 0.7, 0.81, 0.5, 0.77, 0.8, 0.74, 0.69, 0.7, 0.66, 0.78];
  return confidence.map((c, i) => {
    const monday = new Date(Date.UTC(2026, 0, 5 + 7 * i));
    return {
      weekKey: `2026-W${String(i + 2).padStart(2, '0')}`,
      label: monday.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
      confidence: c,
      participation: participation[i],
    };
  });
}

export const youthClaimants: ChartIndicator = {
  name: 'Youth claimants',
  direction: 'down',
  baseline: { date: '2025-10', value: 480 },
  target: { date: '2027-04-01', value: 300 },
  readings: [
    { date: '2025-11', value: 470 },
    { date: '2026-01-01', value: 455 },
    { date: '2026-02-01', value: 441 },
    { date: '2026-03-01', value: 412 },
  ],
};

export const apprenticeshipStarts: ChartIndicator = {
  name: 'Apprenticeship starts',
  unit: '%',
  direction: 'up',
  baseline: { date: '2025-09-01', value: 12 },
  target: { date: '2026-09-01', value: 20 },
  readings: [
    { date: '2025-10-01', value: 12.4 },
    { date: '2025-12-01', value: 13.1 },
    { date: '2026-03-15', value: 14.9 },
  ],
};

export function realisticInput(): ChartInput {
  return { title: 'Youth employment mission', weeks: twelveWeeks(), indicators: [youthClaimants, apprenticeshipStarts] };
}
