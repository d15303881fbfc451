import { NO_ORGANISATION, type BlockerLine, type Digest, type Highlight } from '../domain/digest';
import { budgetChangeText, budgetText, countsText, indicatorText, oneDecimal, plural, signedChange, weekLabel } from './digest-format';
import { excerpt, renderedWeight } from './member-text';
import type { Block, Message, RichText } from './model';

/**
 * The weekly digest: one message a lead reads in under a minute. Every list is capped (with
 * "and N more") and every member text is a one-line excerpt, so the message stays small and
 * inside each platform's limits whatever the team's size; the full text is behind "Full details".
 */

export const DIGEST_DETAILS_ACTION = 'digest.details';

export interface DigestCaps {
  organisations: number;
  silentOrganisations: number;
  indicators: number;
  newBlockers: number;
  openBlockers: number;
  resolvedBlockers: number;
  moved: number;
  stories: number;
  movedChars: number;
  storyChars: number;
  blockerChars: number;
  nameChars: number;
  statementChars: number;
}

/**
 * Caps that keep the digest short, loosest first; the full details have everything. The first
 * level whose text fits DIGEST_TEXT_BYTES is used, so the chart always has room beside it in a
 * Teams card (28 KB in all) however long the names and answers are.
 */
export const DIGEST_CAP_LEVELS: readonly DigestCaps[] = [
  {
    organisations: 8,
    silentOrganisations: 5,
    indicators: 6,
    newBlockers: 4,
    openBlockers: 4,
    resolvedBlockers: 3,
    moved: 5,
    stories: 3,
    movedChars: 200,
    storyChars: 280,
    blockerChars: 140,
    nameChars: 60,
    statementChars: 200,
  },
  {
    organisations: 6,
    silentOrganisations: 4,
    indicators: 5,
    newBlockers: 3,
    openBlockers: 3,
    resolvedBlockers: 2,
    moved: 4,
    stories: 2,
    movedChars: 150,
    storyChars: 200,
    blockerChars: 110,
    nameChars: 40,
    statementChars: 150,
  },
  {
    organisations: 5,
    silentOrganisations: 3,
    indicators: 4,
    newBlockers: 2,
    openBlockers: 2,
    resolvedBlockers: 1,
    moved: 3,
    stories: 1,
    movedChars: 110,
    storyChars: 150,
    blockerChars: 80,
    nameChars: 28,
    statementChars: 100,
  },
];
/** The digest's text budget (as rendered, with ~80 bytes of markup per block). */
export const DIGEST_TEXT_BYTES = 9_000;

export interface DigestChart {
  pngBase64: string;
  altText: string;
}

/** The button value naming a round and a page of its full details. */
export function detailsValue(roundId: string, page: number): string {
  return JSON.stringify({ r: roundId, p: page });
}

export function parseDetailsValue(value: string): { roundId: string; page: number } | undefined {
  try {
    const v = JSON.parse(value) as { r?: unknown; p?: unknown };
    if (typeof v.r !== 'string' || !v.r) return undefined;
    const page = typeof v.p === 'number' && Number.isInteger(v.p) && v.p >= 1 ? v.p : 1;
    return { roundId: v.r, page };
  } catch {
    return undefined;
  }
}

function capped<T>(items: T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

function list(title: string, items: RichText[], more: number): Block {
  return { kind: 'list', title, items, ...(more > 0 ? { more } : {}) };
}

function whoText(name: string, organisation: string | undefined, caps: DigestCaps): string {
  const who = excerpt(name, caps.nameChars) || 'Someone';
  return organisation ? `${who}, ${excerpt(organisation, caps.nameChars) || 'No organisation'}` : who;
}

export function digestTitle(d: Digest): string {
  return `${d.mission.slug}: ${weekLabel(d.round.weekKey)}${d.final ? '' : ' (so far)'}`;
}

function participationBlocks(d: Digest, caps: DigestCaps): Block[] {
  const p = d.participation;
  if (p.asked === 0 && p.away === 0) return [{ kind: 'text', text: [{ bold: 'Participation' }, '  Nobody was asked this week.'] }];
  const blocks: Block[] = [{ kind: 'text', text: [{ bold: 'Participation' }, `  ${countsText(p, p.rate)}`] }];
  const orgs = p.byOrganisation;
  if (orgs.length > 1 || (orgs.length === 1 && orgs[0].organisation !== NO_ORGANISATION)) {
    const { shown, more } = capped(orgs, caps.organisations);
    const withAnswers = orgs.filter((o) => o.asked > 0 && o.organisation !== NO_ORGANISATION).length;
    const silent = capped(p.silent, caps.silentOrganisations);
    const partners =
      `Heard from ${p.engaged.length} of ${plural(withAnswers, 'organisation')}` +
      (silent.shown.length > 0
        ? `; not yet from ${silent.shown.map((o) => excerpt(o, caps.nameChars)).join(', ')}${silent.more > 0 ? ` and ${silent.more} more` : ''}.`
        : '.');
    blocks.push(
      list(
        partners,
        shown.map((o) => [{ bold: excerpt(o.organisation, caps.nameChars) }, `: ${countsText(o)}`]),
        more,
      ),
    );
  }
  return blocks;
}

function confidenceBlocks(d: Digest): Block[] {
  const c = d.confidence;
  if (c.average === undefined) return [{ kind: 'text', text: [{ bold: 'Confidence' }, '  No confidence answers this week.'] }];
  let line = `  ${oneDecimal(c.average)} / 5 from ${plural(c.answers, 'answer')}`;
  if (c.previous && c.change !== undefined)
    line += `, ${signedChange(c.change)} on ${weekLabel(c.previous.weekKey).split(',')[0]} (${oneDecimal(c.previous.average)})`;
  if (c.low > 0) line += ` · ${c.low} at 2 or below`;
  const valued = c.trend.filter((w) => w.confidence !== undefined);
  const text: RichText = [{ bold: 'Confidence' }, line];
  if (c.trend.length > 1 && valued.length > 1) {
    text.push(`\nLast ${c.trend.length} weeks: ${c.sparkline}  ${oneDecimal(valued[0].confidence ?? 0)} → ${oneDecimal(c.average)}`);
  }
  return [{ kind: 'text', text }];
}

function indicatorBlocks(d: Digest, caps: DigestCaps): Block[] {
  const blocks: Block[] = [];
  if (d.indicators.length > 0) {
    const { shown, more } = capped(d.indicators, caps.indicators);
    blocks.push(
      list(
        'Indicators',
        shown.map((i) => [{ bold: excerpt(i.name, caps.nameChars) }, `: ${indicatorText(i)}`]),
        more,
      ),
    );
  }
  const b = d.budget;
  if (b.latest) {
    const change = b.previous && b.change !== undefined ? `, ${budgetChangeText(b.change, b.previous)}` : '';
    blocks.push({ kind: 'text', text: [{ bold: 'Budget alignment' }, `  ${budgetText(b.latest)}${change}`] });
  }
  return blocks;
}

function blockerItem(l: BlockerLine, tail: string, caps: DigestCaps): RichText {
  const b = l.blocker;
  const severity = b.severity === 'high' ? '🔴 ' : '';
  return [`${severity}${excerpt(b.text, caps.blockerChars)} — ${whoText(b.ownerName, l.organisation, caps)}${tail}`];
}

function blockerBlocks(d: Digest, caps: DigestCaps): Block[] {
  const { newThisWeek, stillOpen, resolvedThisWeek } = d.blockers;
  if (newThisWeek.length + stillOpen.length + resolvedThisWeek.length === 0) {
    return [{ kind: 'text', text: [{ bold: 'Blockers' }, '  None open.'] }];
  }
  const blocks: Block[] = [
    {
      kind: 'text',
      text: [
        { bold: 'Blockers' },
        `  ${newThisWeek.length} new · ${stillOpen.length} still open · ${resolvedThisWeek.length} resolved this week`,
      ],
    },
  ];
  if (newThisWeek.length > 0) {
    const { shown, more } = capped(newThisWeek, caps.newBlockers);
    blocks.push(
      list(
        'New this week',
        shown.map((l) => blockerItem(l, l.blocker.severity === 'high' ? ' · high' : '', caps)),
        more,
      ),
    );
  }
  if (stillOpen.length > 0) {
    const { shown, more } = capped(stillOpen, caps.openBlockers);
    blocks.push(
      list(
        'Still open',
        shown.map((l) => blockerItem(l, ` · open ${plural(Math.max(1, l.ageWeeks), 'week')}`, caps)),
        more,
      ),
    );
  }
  if (resolvedThisWeek.length > 0) {
    const { shown, more } = capped(resolvedThisWeek, caps.resolvedBlockers);
    blocks.push(
      list(
        'Resolved this week',
        shown.map((l) => blockerItem(l, '', caps)),
        more,
      ),
    );
  }
  return blocks;
}

function quote(h: Highlight, max: number, caps: DigestCaps): RichText {
  return [`“${excerpt(h.text, max)}” — ${whoText(h.name, h.organisation, caps)}`];
}

function highlightBlocks(d: Digest, caps: DigestCaps): Block[] {
  const blocks: Block[] = [];
  const { moved, stories } = d.highlights;
  if (moved.length > 0) {
    const { shown, more } = capped(moved, caps.moved);
    blocks.push(
      list(
        'What moved',
        shown.map((h) => quote(h, caps.movedChars, caps)),
        more,
      ),
    );
  }
  if (stories.length > 0) {
    const { shown, more } = capped(stories, caps.stories);
    blocks.push(
      list(
        'Stories and lessons',
        shown.map((h) => quote(h, caps.storyChars, caps)),
        more,
      ),
    );
  }
  return blocks;
}

function summaryOf(d: Digest): string {
  const p = d.participation;
  const parts = [`${p.answered}/${p.asked} answered`];
  if (d.confidence.average !== undefined) {
    parts.push(
      `confidence ${oneDecimal(d.confidence.average)}${d.confidence.change !== undefined ? ` (${signedChange(d.confidence.change)})` : ''}`,
    );
  }
  parts.push(plural(d.blockers.newThisWeek.length, 'new blocker'));
  return `Digest for ${digestTitle(d)}: ${parts.join(', ')}`;
}

function digestBlocks(d: Digest, caps: DigestCaps): Block[] {
  const closed = d.final && d.round.closedAt ? `Closed ${d.round.closedAt.toISOString().slice(0, 10)}` : 'Round still open: numbers so far';
  const blocks: Block[] = [
    { kind: 'header', text: `Weekly digest: ${digestTitle(d)}` },
    { kind: 'context', text: [`${excerpt(d.mission.statement, caps.statementChars)} · ${closed}`] },
    ...participationBlocks(d, caps),
    ...confidenceBlocks(d),
    { kind: 'divider' },
    ...indicatorBlocks(d, caps),
    ...blockerBlocks(d, caps),
  ];
  const highlights = highlightBlocks(d, caps);
  if (highlights.length > 0) blocks.push({ kind: 'divider' }, ...highlights);
  return blocks;
}

function textBytes(blocks: Block[]): number {
  const plain = (t: RichText) => t.map((p) => (typeof p === 'string' ? p : 'bold' in p ? p.bold : p.user.name)).join('');
  return blocks.reduce((sum, b) => {
    const text =
      b.kind === 'header'
        ? b.text
        : b.kind === 'text' || b.kind === 'context'
          ? plain(b.text)
          : b.kind === 'list'
            ? [b.title ?? '', ...b.items.map(plain)].join('\n')
            : '';
    return sum + renderedWeight(text).bytes + 80;
  }, 0);
}

/** The digest message. `chart` is the PNG to show (Teams) or upload into the thread (Slack). */
export function digestMessage(d: Digest, chart?: DigestChart): Message {
  let blocks: Block[] = [];
  for (const caps of DIGEST_CAP_LEVELS) {
    blocks = digestBlocks(d, caps);
    if (textBytes(blocks) <= DIGEST_TEXT_BYTES) break;
  }
  if (chart)
    blocks.push({ kind: 'chart', pngBase64: chart.pngBase64, altText: chart.altText, title: 'Confidence, participation and indicators' });
  blocks.push(
    { kind: 'context', text: ['Every answer, blocker and reading is in the full details.'] },
    {
      kind: 'actions',
      buttons: [{ actionId: DIGEST_DETAILS_ACTION, label: 'Full details', value: detailsValue(d.round.id, 1), style: 'primary' }],
    },
  );
  return { summary: summaryOf(d), blocks };
}
