import type { PreparedChart, PreparedIndicator, WeekRow } from './chart-data';

function formatNumber(n: number): string {
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 1 : 2;
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits }).format(n);
}

function withUnit(value: number, unit: string | undefined): string {
  const u = unit?.trim();
  const n = formatNumber(value);
  if (!u) return n;
  if (u === '%') return `${n}%`;
  if (u === '£' || u === '$' || u === '€') return `${u}${n}`;
  return `${n} ${u}`;
}

function confidencePart(weeks: WeekRow[]): string {
  const answered = weeks.filter((w) => w.confidence !== null);
  const latest = answered[answered.length - 1]?.confidence;
  if (latest === undefined || latest === null) return 'No confidence answers yet';
  const previous = answered[answered.length - 2]?.confidence;
  const base = `Confidence ${latest.toFixed(1)} of 5`;
  if (previous === undefined || previous === null) return base;
  // Compare what the reader sees: both rounded to one decimal.
  const change = Math.round(latest * 10) - Math.round(previous * 10);
  if (change === 0) return `${base} (no change)`;
  return `${base} (${change > 0 ? 'up' : 'down'} ${(Math.abs(change) / 10).toFixed(1)})`;
}

function indicatorPart(ind: PreparedIndicator): string {
  const name = ind.source.name.trim();
  if (!ind.latest) return `${name} has no readings yet`;
  const actual = withUnit(ind.latest.value, ind.source.unit);
  if (ind.latest.expected === undefined) return `${name} ${actual}`;
  return `${name} ${actual} against a trajectory of ${withUnit(ind.latest.expected, ind.source.unit)}`;
}

/** One sentence with the latest numbers, for screen readers and clients that hide images. */
export function chartAltText(chart: PreparedChart): string {
  const { weeks } = chart;
  const parts: string[] = [];
  if (weeks.length === 0) {
    parts.push('No check-in weeks yet');
  } else {
    const participation = Math.round(weeks[weeks.length - 1].participation * 100);
    const span = weeks.length === 1 ? 'in 1 week' : `over ${weeks.length} weeks`;
    parts.push(`${confidencePart(weeks)} and participation ${participation}% ${span}`);
  }
  parts.push(...chart.indicators.map(indicatorPart));
  return `${parts.join('; ')}.`;
}
