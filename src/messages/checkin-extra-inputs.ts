import type { Blocker } from '../domain/blocker';
import type { Indicator } from '../domain/indicator';
import { formatValue } from '../domain/indicator-rules';
import type { FormInput } from './model';

/**
 * The inputs a check-in form gets beyond the mission's questions: "is this still blocking
 * you?" for each of the member's open blockers, and the latest value of each indicator they
 * own. The services choose which to ask and read the answers; the words are here.
 */

/** The answers to "is this still blocking you?". */
export const STILL_BLOCKING = 'still';
export const RESOLVED = 'resolved';

function quoted(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`}"`;
}

export function stillBlockingInput(id: string, b: Pick<Blocker, 'text' | 'firstWeek'>): FormInput {
  return {
    kind: 'choice',
    id,
    label: `Is this still blocking you? ${quoted(b.text)}`,
    required: false,
    options: [
      { value: STILL_BLOCKING, label: 'Still blocking' },
      { value: RESOLVED, label: 'Resolved' },
    ],
    hint: `Raised in ${b.firstWeek.replace(/^(\d{4})-W0?(\d+)$/, 'week $2 of $1')}. Leave it empty to keep it open.`,
  };
}

export const STILL_BLOCKING_ERROR = 'Choose Still blocking or Resolved (or leave it empty).';

export interface IndicatorValueAsk {
  id: string;
  indicator: Pick<Indicator, 'name' | 'unit' | 'direction'>;
  maxLength: number;
  /** The value on the line from baseline to target today. */
  neededNow: number;
  latest?: { value: number; date: string };
  /** The value this member gave in this round, shown again when they edit. */
  initial?: number;
}

export function indicatorValueInput(a: IndicatorValueAsk): FormInput {
  const { indicator: ind } = a;
  const needed = `On track today means ${ind.direction === 'down' ? 'at most' : 'at least'} about ${formatValue(a.neededNow, ind.unit)}.`;
  const last = a.latest ? `Last reading: ${formatValue(a.latest.value, ind.unit)} on ${a.latest.date}. ` : '';
  return {
    kind: 'text',
    id: a.id,
    label: `Latest value of ${ind.name}${ind.unit ? ` (${ind.unit})` : ''}`,
    required: false,
    maxLength: a.maxLength,
    placeholder: 'A number, or leave blank',
    hint: `Optional; recorded as of today. ${last}${needed}`,
    ...(a.initial !== undefined ? { initial: String(a.initial) } : {}),
  };
}

export function indicatorValueError(baseline: number): string {
  return `Enter a number, like ${formatValue(baseline)}, or leave it blank.`;
}
