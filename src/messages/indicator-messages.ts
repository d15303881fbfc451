import { alignedShare, formatAmount, formatShare } from '../domain/budget-rules';
import type { BudgetEntry, Indicator, IndicatorReading, IndicatorStatus } from '../domain/indicator';
import { formatValue } from '../domain/indicator-rules';
import { STATUS_LABELS } from '../domain/indicator-status';
import type { Mission } from '../domain/mission';
import type { Block, Message, RichText } from './model';

/** Replies to the indicator and budget commands. Pure: data in, neutral message out. */

/** What the list and the digest need to show one indicator. */
export interface IndicatorView {
  indicator: Indicator;
  latest?: IndicatorReading;
  status: IndicatorStatus;
  /** The trajectory on the latest reading's date. */
  expectedAtLatest?: number;
  /** The trajectory today: what a reading today must be to be on track. */
  expectedNow: number;
  ownerName?: string;
}

export interface BudgetPoint {
  period: string;
  total: number;
  aligned: number;
  share: number;
}

const STATUS_MARK: Record<IndicatorStatus, string> = {
  'on-track': '🟢',
  'at-risk': '🟠',
  'off-track': '🔴',
  'no-data': '⚪',
};

export function statusText(status: IndicatorStatus): string {
  return `${STATUS_MARK[status]} ${STATUS_LABELS[status]}`;
}

const better = (ind: Indicator): string => (ind.direction === 'down' ? 'lower is better' : 'higher is better');
const v = (ind: Indicator, value: number): string => formatValue(value, ind.unit);
const point = (ind: Indicator, p: { value: number; date: string }): string => `${v(ind, p.value)} on ${p.date}`;
const title = (ind: Indicator): RichText => [{ bold: ind.name }, ` (${ind.key})`];

function definitionFields(ind: Indicator, ownerName: string | undefined): Block {
  return {
    kind: 'fields',
    fields: [
      { label: 'Baseline', value: point(ind, ind.baseline) },
      { label: 'Target', value: point(ind, ind.target) },
      { label: 'Direction', value: better(ind) },
      { label: 'Owner', value: ownerName ?? 'none (readings by command only)' },
    ],
  };
}

export function indicatorAddedMessage(mission: Mission, ind: Indicator, ownerName: string | undefined, neededNow: number): Message {
  return {
    summary: `Indicator added to ${mission.slug}: ${ind.name}`,
    blocks: [
      { kind: 'header', text: 'Indicator added' },
      { kind: 'text', text: title(ind) },
      definitionFields(ind, ownerName),
      { kind: 'text', text: [`On track today means ${ind.direction === 'down' ? 'at most' : 'at least'} about ${v(ind, neededNow)}.`] },
      {
        kind: 'context',
        text: [
          `Record a reading: \`mission indicator ${mission.slug} record key=${ind.key} value=<number>\`.`,
          ownerName ? ` ${ownerName} will be asked for it in their check-in.` : '',
        ],
      },
    ],
  };
}

export function indicatorEditedMessage(
  before: Indicator,
  after: Indicator,
  ownerBefore: string | undefined,
  ownerAfter: string | undefined,
): Message {
  const changes: RichText[] = [];
  const line = (label: string, from: string, to: string) => {
    if (from !== to) changes.push([`${label}: ${from} → `, { bold: to }]);
  };
  line('Name', before.name, after.name);
  line('Unit', before.unit ?? 'none', after.unit ?? 'none');
  line('Baseline', point(before, before.baseline), point(after, after.baseline));
  line('Target', point(before, before.target), point(after, after.target));
  line('Direction', better(before), better(after));
  line('Owner', ownerBefore ?? 'none', ownerAfter ?? 'none');
  if (changes.length === 0) {
    return {
      summary: 'Nothing changed',
      blocks: [{ kind: 'text', text: [`${after.name} (${after.key}) already looks like that: nothing changed.`] }],
    };
  }
  return {
    summary: `Indicator updated: ${after.name}`,
    blocks: [
      { kind: 'header', text: 'Indicator updated' },
      { kind: 'text', text: title(after) },
      { kind: 'list', items: changes },
    ],
  };
}

export function indicatorRemovedMessage(mission: Mission, ind: Indicator, readings: number): Message {
  const kept = readings > 0 ? ` Its ${readings} reading${readings === 1 ? '' : 's'} are kept in the audit log.` : '';
  return {
    summary: `Indicator removed from ${mission.slug}: ${ind.name}`,
    blocks: [{ kind: 'text', text: ['Removed the indicator ', ...title(ind), ` from ${mission.slug}.${kept}`] }],
  };
}

export function readingRecordedMessage(
  mission: Mission,
  view: IndicatorView & { latest: IndicatorReading },
  recorded: IndicatorReading,
  replaced?: IndicatorReading,
): Message {
  const ind = view.indicator;
  const blocks: Block[] = [
    { kind: 'text', text: ['Recorded ', { bold: v(ind, recorded.value) }, ` for ${ind.name} (${ind.key}) on ${recorded.date}.`] },
  ];
  if (replaced)
    blocks.push({
      kind: 'context',
      text: [`It replaces the ${v(ind, replaced.value)} recorded for that date earlier (kept in the history).`],
    });
  if (view.latest.date > recorded.date) {
    blocks.push({ kind: 'context', text: [`A later reading (${point(ind, view.latest)}) is the one the status is measured at.`] });
  }
  blocks.push({ kind: 'text', text: statusLine(view) });
  return { summary: `Recorded ${v(ind, recorded.value)} for ${ind.name} in ${mission.slug}`, blocks };
}

function statusLine(view: IndicatorView): RichText {
  const ind = view.indicator;
  if (!view.latest || view.expectedAtLatest === undefined) return [`${statusText(view.status)}.`];
  return [
    `${statusText(view.status)}: the trajectory was ${v(ind, view.expectedAtLatest)} on ${view.latest.date}; on track today means ${ind.direction === 'down' ? 'at most' : 'at least'} about ${v(ind, view.expectedNow)}.`,
  ];
}

export function indicatorListMessage(mission: Mission, views: IndicatorView[]): Message {
  if (views.length === 0) {
    return {
      summary: `${mission.slug} has no indicators yet.`,
      blocks: [
        { kind: 'text', text: [`${mission.slug} has no indicators yet.`] },
        {
          kind: 'context',
          text: [
            `Add one: \`mission indicator ${mission.slug} add key=youth-claimants name="Young people claiming out-of-work benefits" baseline=420@2024-04 target=210@2030-03\``,
          ],
        },
      ],
    };
  }
  const blocks: Block[] = [{ kind: 'header', text: `Indicators of ${mission.slug}` }];
  for (const view of views) {
    const ind = view.indicator;
    const latest = view.latest ? `Latest: ${point(ind, view.latest)}` : 'No readings yet';
    blocks.push({ kind: 'text', text: [...title(ind), ` — ${statusText(view.status)}`] });
    blocks.push({
      kind: 'context',
      text: [
        `${latest} · Target: ${point(ind, ind.target)} (${better(ind)}) · On track today: ${v(ind, view.expectedNow)} · Owner: ${view.ownerName ?? 'none'}`,
      ],
    });
  }
  blocks.push({
    kind: 'context',
    text: [
      'On track: at or within 5% of the planned change from the straight line to the target; at risk: within 15%; off track: further behind.',
    ],
  });
  return {
    summary: `Indicators of ${mission.slug}: ${views.map((x) => `${x.indicator.key} ${STATUS_LABELS[x.status]}`).join(', ')}`,
    blocks,
  };
}

export function budgetRecordedMessage(
  mission: Mission,
  entry: BudgetEntry,
  previous: BudgetEntry | undefined,
  trend: BudgetPoint[],
): Message {
  const share = alignedShare(entry.total, entry.aligned);
  const blocks: Block[] = [
    {
      kind: 'text',
      text: [
        `Budget alignment for ${mission.slug}, ${entry.period}: `,
        { bold: formatShare(share) },
        ` (${formatAmount(entry.aligned)} of ${formatAmount(entry.total)}).`,
      ],
    },
  ];
  if (previous) {
    blocks.push({
      kind: 'context',
      text: [
        `It replaces ${formatShare(alignedShare(previous.total, previous.aligned))} (${formatAmount(previous.aligned)} of ${formatAmount(previous.total)}) recorded earlier for ${previous.period}.`,
      ],
    });
  }
  const at = trend.findIndex((p) => p.period.toLowerCase() === entry.period.toLowerCase());
  const before = at > 0 ? trend[at - 1] : undefined;
  if (before) {
    const points = Math.round((share - before.share) * 1000) / 10;
    const change = points === 0 ? 'no change' : `${points > 0 ? 'up' : 'down'} ${Math.abs(points).toLocaleString('en-GB')} points`;
    blocks.push({ kind: 'context', text: [`${before.period}: ${formatShare(before.share)}, so ${change}.`] });
  }
  return { summary: `Budget alignment for ${mission.slug}, ${entry.period}: ${formatShare(share)}`, blocks };
}

const MAX_PERIODS_SHOWN = 12;

export function budgetTrendMessage(mission: Mission, trend: BudgetPoint[]): Message {
  if (trend.length === 0) {
    return {
      summary: `No budget alignment recorded for ${mission.slug} yet.`,
      blocks: [
        { kind: 'text', text: [`No budget alignment recorded for ${mission.slug} yet.`] },
        { kind: 'context', text: [`Record it: \`mission budget ${mission.slug} total=£5,000,000 aligned=£1,250,000 period=2026/27\``] },
      ],
    };
  }
  const shown = trend.slice(-MAX_PERIODS_SHOWN);
  const latest = shown[shown.length - 1];
  return {
    summary: `Budget alignment for ${mission.slug}: ${formatShare(latest.share)} in ${latest.period}`,
    blocks: [
      { kind: 'header', text: `Budget alignment of ${mission.slug}` },
      {
        kind: 'progress',
        label: `${latest.period}: aligned share of partners' spend`,
        value: Math.round(latest.share * 100),
        max: 100,
        note: `${formatAmount(latest.aligned)} of ${formatAmount(latest.total)}`,
      },
      {
        kind: 'list',
        title: 'By period',
        items: shown.map((p) => [{ bold: p.period }, `: ${formatShare(p.share)} (${formatAmount(p.aligned)} of ${formatAmount(p.total)})`]),
        more: trend.length - shown.length || undefined,
      },
    ],
  };
}
