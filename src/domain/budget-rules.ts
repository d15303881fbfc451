/**
 * Budget alignment: of the partners' spend in a period, how much is aligned with the mission.
 * Amounts are pounds; periods are labels the admins choose ("2025/26", "2026-Q1").
 */

/** A trillion pounds: anything larger is a typing slip. */
export const MAX_AMOUNT = 1e12;
/** Starts with a letter or digit; letters, digits, spaces and / . _ - up to 24 characters. */
export const PERIOD_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 /._-]{0,23}$/;

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9, b: 1e9 };
const AMOUNT = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(k|m|bn|b)?$/i;

/**
 * An amount of money as people write it: `1250000`, `£1,250,000`, `1250000.50`, `250k`,
 * `1.25m`, `£2bn` (k = thousand, m = million, bn or b = billion). Rounded to the penny;
 * undefined if it is not an amount or is larger than MAX_AMOUNT.
 */
export function parseAmount(text: string): number | undefined {
  const m = AMOUNT.exec(text.trim());
  if (!m) return undefined;
  const base = Number(`${m[1].replace(/,/g, '')}${m[2] ?? ''}`);
  const value = Math.round(base * (m[3] ? SUFFIX[m[3].toLowerCase()] : 1) * 100) / 100;
  return Number.isFinite(value) && value <= MAX_AMOUNT ? value : undefined;
}

/** "£1,250,000", "£1,250.50". */
export function formatAmount(value: number): string {
  const pence = Math.round(value * 100) % 100 !== 0;
  return `£${value.toLocaleString('en-GB', { minimumFractionDigits: pence ? 2 : 0, maximumFractionDigits: 2 })}`;
}

/** Aligned spend as a share of the total, 0…1 (0 when there is no spend). */
export function alignedShare(total: number, aligned: number): number {
  return total > 0 ? aligned / total : 0;
}

/** "25%", "33.3%". */
export function formatShare(share: number): string {
  return `${(Math.round(share * 1000) / 10).toLocaleString('en-GB')}%`;
}

/**
 * The order periods are shown in: natural order of their labels, so numbers compare as
 * numbers ("2025/26" before "2026/27", "2026-Q2" before "2026-Q10"). Labels that start with
 * the year sort by time; that is the convention the help suggests.
 */
export function comparePeriods(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/** The UK financial year (April to March) containing a YYYY-MM-DD date, as "2026/27". */
export function financialYear(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}
