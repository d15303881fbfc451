import { DateTime } from 'luxon';
import { formatAmount, formatShare } from '../domain/budget-rules';
import type { BudgetPoint, IndicatorLine, ParticipationCounts } from '../domain/digest';
import type { IndicatorStatus } from '../domain/indicator';
import { formatValue } from '../domain/indicator-rules';
import { STATUS_LABELS } from '../domain/indicator-status';
import { dateInWeek } from '../domain/week-key';

/** Wording shared by the digest and its full details. */

/** "week 48, 23–29 Nov 2026" (spanning months or years when the week does). */
export function weekLabel(weekKey: string): string {
  const week = Number(weekKey.split('-W')[1]);
  const start = DateTime.fromObject(dateInWeek(weekKey, 1), { zone: 'utc' });
  const end = DateTime.fromObject(dateInWeek(weekKey, 7), { zone: 'utc' });
  const range =
    start.year !== end.year
      ? `${start.toFormat('d LLL yyyy')} – ${end.toFormat('d LLL yyyy')}`
      : start.month !== end.month
        ? `${start.toFormat('d LLL')} – ${end.toFormat('d LLL yyyy')}`
        : `${start.toFormat('d')}–${end.toFormat('d LLL yyyy')}`;
  return `week ${week}, ${range}`;
}

/** "Oct 2026" for the first of a month (a YYYY-MM reading), else "3 Oct 2026". */
export function shortDate(date: string): string {
  const d = DateTime.fromISO(date, { zone: 'utc' });
  if (!d.isValid) return date;
  return d.day === 1 ? d.toFormat('LLL yyyy') : d.toFormat('d LLL yyyy');
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function oneDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

/** "up 0.3", "down 0.5", "no change" (to one decimal place). */
export function signedChange(change: number): string {
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return 'no change';
  return `${rounded > 0 ? 'up' : 'down'} ${Math.abs(rounded).toFixed(1)}`;
}

export const STATUS_MARKS: Record<IndicatorStatus, string> = {
  'on-track': '🟢',
  'at-risk': '🟠',
  'off-track': '🔴',
  'no-data': '⚪',
};

export function statusText(status: IndicatorStatus): string {
  return `${STATUS_MARKS[status]} ${STATUS_LABELS[status]}`;
}

/** "5 of 6 answered · 1 skipped · 2 no reply · 1 away" (zero counts left out, but never "answered"). */
export function countsText(c: ParticipationCounts, rate?: number): string {
  const parts = [`${c.answered} of ${c.asked} answered${rate !== undefined ? ` (${percent(rate)})` : ''}`];
  if (c.skipped) parts.push(`${c.skipped} skipped`);
  if (c.missing) parts.push(`${c.missing} no reply`);
  if (c.away) parts.push(`${c.away} away`);
  return parts.join(' · ');
}

/** Latest value, status, the value needed now and the target: one line per indicator. */
export function indicatorText(i: IndicatorLine): string {
  const parts: string[] = [];
  parts.push(i.latest ? `${formatValue(i.latest.value, i.unit)} (${shortDate(i.latest.date)})` : 'no readings yet');
  if (i.latest) parts.push(statusText(i.status));
  if (i.change !== undefined && i.previous) {
    const arrow = i.change === 0 ? '→' : i.change > 0 ? '↑' : '↓';
    parts.push(`${arrow} ${formatValue(Math.abs(i.change), i.unit)} since ${shortDate(i.previous.date)}`);
  }
  if (i.neededNow !== undefined) parts.push(`needs ${i.direction === 'down' ? '≤' : '≥'} ${formatValue(round2(i.neededNow), i.unit)} now`);
  parts.push(`target ${formatValue(i.target.value, i.unit)} by ${shortDate(i.target.date)}`);
  return parts.join(' · ');
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** "34% aligned (£720,000 of £2,100,000, 2026/27)". */
export function budgetText(p: BudgetPoint): string {
  return `${formatShare(p.share)} aligned (${formatAmount(p.aligned)} of ${formatAmount(p.total)}, ${p.period})`;
}

/** "up 6 points on 2025/26". */
export function budgetChangeText(change: number, previous: BudgetPoint): string {
  const points = Math.round(change * 1000) / 10;
  if (points === 0) return `no change on ${previous.period}`;
  return `${points > 0 ? 'up' : 'down'} ${Math.abs(points).toLocaleString('en-GB')} points on ${previous.period}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
