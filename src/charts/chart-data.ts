import type { ChartIndicator, ChartInput } from './chart-types';
import { isoDay, parseChartDate } from './chart-dates';
import { trajectoryValueAt } from './trajectory';

/** More than this and the panels stop being readable at ~560 px; the digest text lists the rest. */
export const MAX_CHART_WEEKS = 16;
export const MAX_CHART_INDICATORS = 4;

export interface WeekRow {
  label: string;
  confidence: number | null;
  participation: number;
}

export interface IndicatorRow {
  date: string;
  value: number;
}

export interface PreparedIndicator {
  source: ChartIndicator;
  readings: IndicatorRow[];
  /** Baseline → target as two points; empty when either date is unreadable. */
  trajectory: IndicatorRow[];
  /** Latest reading and the trajectory's value on its date, for the alt text. */
  latest?: { value: number; expected?: number };
}

export interface PreparedChart {
  title?: string;
  weeks: WeekRow[];
  indicators: PreparedIndicator[];
}

const finite = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** "2026-W07" → "W7"; anything else is shown as given. */
function shortWeekLabel(weekKey: string): string {
  const m = /-W(\d{1,2})$/.exec(weekKey);
  return m ? `W${Number(m[1])}` : weekKey;
}

function prepareWeeks(input: ChartInput): WeekRow[] {
  const weeks = input.weeks.slice(-MAX_CHART_WEEKS);
  const labels = weeks.map((w) => (w.label?.trim() ? w.label.trim() : shortWeekLabel(w.weekKey)));
  // The x axis is ordinal on the label, so labels must be unique; week keys always are.
  const unique = new Set(labels).size === labels.length;
  return weeks.map((w, i) => ({
    label: unique ? labels[i] : w.weekKey,
    confidence: finite(w.confidence) ? clamp(w.confidence, 1, 5) : null,
    participation: finite(w.participation) ? clamp(w.participation, 0, 1) : 0,
  }));
}

function prepareIndicator(source: ChartIndicator): PreparedIndicator {
  const readings = source.readings
    .map((r) => ({ ms: parseChartDate(r.date), value: r.value }))
    .filter((r): r is { ms: number; value: number } => r.ms !== undefined && finite(r.value))
    .sort((a, b) => a.ms - b.ms);
  const from = parseChartDate(source.baseline.date);
  const to = parseChartDate(source.target.date);
  const trajectory =
    from !== undefined && to !== undefined && finite(source.baseline.value) && finite(source.target.value)
      ? [
          { date: isoDay(from), value: source.baseline.value },
          { date: isoDay(to), value: source.target.value },
        ]
      : [];
  const last = readings[readings.length - 1];
  const latest = last ? { value: last.value, expected: trajectory.length ? trajectoryValueAt(source, last.ms) : undefined } : undefined;
  return { source, readings: readings.map((r) => ({ date: isoDay(r.ms), value: r.value })), trajectory, latest };
}

/** Cleans the digest's numbers once, so the spec and the alt text describe the same thing. */
export function prepareChart(input: ChartInput): PreparedChart {
  return {
    title: input.title?.trim() || undefined,
    weeks: prepareWeeks(input),
    indicators: input.indicators.slice(0, MAX_CHART_INDICATORS).map(prepareIndicator),
  };
}
