import type { ChartIndicator } from './chart-types';
import { parseChartDate } from './chart-dates';

/**
 * The straight-line trajectory's value on a date: baseline before the baseline date, target
 * after the target date (the goal does not keep moving once it is due), linear in between.
 */
export function trajectoryValueAt(indicator: Pick<ChartIndicator, 'baseline' | 'target'>, dateMs: number): number | undefined {
  const from = parseChartDate(indicator.baseline.date);
  const to = parseChartDate(indicator.target.date);
  if (from === undefined || to === undefined) return undefined;
  const { value: start } = indicator.baseline;
  const { value: end } = indicator.target;
  if (to <= from) return dateMs < to ? start : end;
  if (dateMs <= from) return start;
  if (dateMs >= to) return end;
  return start + ((end - start) * (dateMs - from)) / (to - from);
}
