import type { Checkin, CheckinRound } from '../domain/checkin';
import { compareOrganisations, NO_ORGANISATION, organisationOf, type BlockerLine, type Digest, type MemberStatus } from '../domain/digest';
import type { Member } from '../domain/mission';
import { budgetText, countsText, indicatorText, oneDecimal, plural, shortDate, weekLabel } from './digest-format';
import { DIGEST_DETAILS_ACTION, detailsValue, digestTitle } from './digest-message';
import { chunkText, cleanMemberText, renderedWeight, shownName } from './member-text';
import type { Block, Button, Message, RichText } from './model';

/**
 * The full details behind the digest's button: every answer in full, every blocker, every
 * reading. Split into pages small enough for any platform (a Slack message or modal, a Teams
 * card), each with Previous / Next buttons, so nothing is ever cut.
 */

export interface DetailsInput {
  digest: Digest;
  round: Pick<CheckinRound, 'questions'>;
  members: Member[];
  statuses: Map<string, MemberStatus>;
  checkins: Checkin[];
}

/** Per page: blocks, and the rendered size of their text (Teams cards hold ~26 KB in all). */
export const PAGE_LIMITS = { blocks: 40, bytes: 16_000 } as const;
/** Per text block: well inside Slack's 3,000 characters once escaped. */
const BLOCK_CHARS = 2_600;
const BLOCK_BYTES = 6_000;

function plainOf(text: RichText): string {
  return text.map((p) => (typeof p === 'string' ? p : 'bold' in p ? p.bold : p.user.name)).join('');
}

function blockText(b: Block): string {
  return b.kind === 'text' || b.kind === 'context' ? plainOf(b.text) : b.kind === 'header' ? b.text : '';
}

/** A heading and a body as text blocks: the body is split so no block outgrows a platform limit. */
function textUnits(head: RichText, body: string): Block[] {
  const headWeight = renderedWeight(plainOf(head));
  const chunks = chunkText(body, BLOCK_CHARS - headWeight.chars - 1, BLOCK_BYTES - headWeight.bytes - 1);
  if (chunks.length === 0) return [{ kind: 'text', text: head }];
  const [lead, ...rest] = chunks;
  return [{ kind: 'text', text: [...head, `\n${lead}`] }, ...rest.map((c): Block => ({ kind: 'text', text: [c] }))];
}

function heading(title: string): Block {
  return { kind: 'text', text: [{ bold: title.toUpperCase() }] };
}

function names(ids: string[], byId: Map<string, Member>): string {
  return ids
    .map((id) => shownName(byId.get(id)?.displayName, 'A former member'))
    .sort((a, b) => a.localeCompare(b))
    .join(', ');
}

function participationUnits(input: DetailsInput, byId: Map<string, Member>): Block[] {
  const units: Block[] = [heading('Participation by organisation')];
  const byOrg = new Map<string, Map<MemberStatus, string[]>>();
  for (const [id, status] of input.statuses) {
    const org = organisationOf(byId.get(id));
    const groups = byOrg.get(org) ?? new Map<MemberStatus, string[]>();
    groups.set(status, [...(groups.get(status) ?? []), id]);
    byOrg.set(org, groups);
  }
  for (const o of input.digest.participation.byOrganisation) {
    const groups = byOrg.get(o.organisation) ?? new Map<MemberStatus, string[]>();
    const lines = (
      [
        ['Answered', 'answered'],
        ['Skipped', 'skipped'],
        ['No reply', 'missing'],
        ['Away', 'away'],
      ] as const
    )
      .filter(([, s]) => (groups.get(s) ?? []).length > 0)
      .map(([label, s]) => `${label}: ${names(groups.get(s) ?? [], byId)}`);
    units.push(...textUnits([{ bold: shownName(o.organisation, NO_ORGANISATION) }, `: ${countsText(o)}`], lines.join('\n')));
  }
  return units;
}

function confidenceUnits(d: Digest): Block[] {
  const c = d.confidence;
  const lines = c.trend.map((w) => {
    const conf =
      w.confidence !== undefined
        ? `confidence ${oneDecimal(w.confidence)} from ${plural(w.confidenceAnswers, 'answer')}`
        : 'no confidence answers';
    return `${weekLabel(w.weekKey)}: ${conf} · ${w.answered} of ${w.asked} answered`;
  });
  if (c.answers > 0) lines.push(`This week's answers: ${c.distribution.map((n, i) => `${i + 1}: ${n}`).join(' · ')}`);
  return [heading('Confidence by week'), ...textUnits([{ bold: `Trend ${c.sparkline}` }], lines.join('\n'))];
}

function answerUnits(input: DetailsInput, byId: Map<string, Member>): Block[] {
  const prompts = new Map(input.round.questions.map((q) => [q.id, q.prompt]));
  const order = new Map(input.round.questions.map((q, i) => [q.id, i]));
  const answered = input.checkins
    .filter((c) => c.status === 'answered')
    .map((c) => ({ c, m: byId.get(c.memberId) }))
    .sort(
      (a, b) =>
        compareOrganisations(organisationOf(a.m), organisationOf(b.m)) || (a.m?.displayName ?? '').localeCompare(b.m?.displayName ?? ''),
    );
  if (answered.length === 0) return [heading('Answers'), { kind: 'text', text: ['No answers yet.'] }];
  const units: Block[] = [heading('Answers')];
  for (const { c, m } of answered) {
    const paragraphs = Object.entries(c.answers)
      .filter(([, v]) => v.trim() !== '')
      .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
      .map(([id, v]) => `${cleanMemberText(prompts.get(id) ?? id)}\n${cleanMemberText(v)}`);
    const head: RichText = [
      { bold: shownName(m?.displayName, 'A former member') },
      ` · ${shownName(organisationOf(m))}${c.late ? ' · sent late' : ''}`,
    ];
    units.push(...textUnits(head, paragraphs.join('\n\n')));
  }
  return units;
}

function blockerUnit(l: BlockerLine, label: string): Block[] {
  const b = l.blocker;
  const who = `${shownName(b.ownerName)}${l.organisation ? `, ${shownName(l.organisation)}` : ''}`;
  const parts = [cleanMemberText(b.text)];
  if (b.helpWanted) parts.push(`Who could help: ${cleanMemberText(b.helpWanted)}`);
  if (b.helpers.length > 0) parts.push(`Offered help: ${b.helpers.map((h) => shownName(h.name)).join(', ')}`);
  if (b.resolution) parts.push(`Resolution: ${cleanMemberText(b.resolution)}`);
  return textUnits([{ bold: label }, ` · ${b.severity} · ${who}`], parts.join('\n'));
}

function blockerUnits(d: Digest): Block[] {
  const { newThisWeek, stillOpen, resolvedThisWeek } = d.blockers;
  if (newThisWeek.length + stillOpen.length + resolvedThisWeek.length === 0)
    return [heading('Blockers'), { kind: 'text', text: ['None open.'] }];
  return [
    heading('Blockers'),
    ...newThisWeek.flatMap((l) => blockerUnit(l, 'New this week')),
    ...stillOpen.flatMap((l) => blockerUnit(l, `Open ${plural(Math.max(1, l.ageWeeks), 'week')}`)),
    ...resolvedThisWeek.flatMap((l) => blockerUnit(l, 'Resolved this week')),
  ];
}

function indicatorUnits(d: Digest): Block[] {
  if (d.indicators.length === 0 && d.budget.trend.length === 0) return [];
  const units: Block[] = [heading('Indicators and budget')];
  for (const i of d.indicators) {
    const readings = i.readings.slice(-12).map((r) => `${shortDate(r.date)}: ${r.value.toLocaleString('en-GB')}`);
    const body = [
      indicatorText(i),
      `Baseline ${i.baseline.value.toLocaleString('en-GB')} (${shortDate(i.baseline.date)}), target ${i.target.value.toLocaleString('en-GB')} (${shortDate(i.target.date)})`,
      readings.length > 0 ? `Readings: ${readings.join('; ')}` : 'No readings yet',
    ];
    units.push(...textUnits([{ bold: shownName(i.name) }], body.join('\n')));
  }
  if (d.budget.trend.length > 0)
    units.push(...textUnits([{ bold: 'Budget alignment by period' }], d.budget.trend.map(budgetText).join('\n')));
  return units;
}

/** Every block of the full details, split into pages within PAGE_LIMITS. */
export function digestDetailPages(input: DetailsInput): Block[][] {
  const byId = new Map(input.members.map((m) => [m.id, m]));
  const units = [
    ...participationUnits(input, byId),
    ...confidenceUnits(input.digest),
    ...blockerUnits(input.digest),
    ...indicatorUnits(input.digest),
    ...answerUnits(input, byId),
  ];
  const pages: Block[][] = [];
  let page: Block[] = [];
  let bytes = 0;
  for (const unit of units) {
    const w = renderedWeight(blockText(unit)).bytes;
    if (page.length > 0 && (page.length >= PAGE_LIMITS.blocks || bytes + w > PAGE_LIMITS.bytes)) {
      pages.push(page);
      page = [];
      bytes = 0;
    }
    page.push(unit);
    bytes += w;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Page `page` (1-based, clamped) of pages already split, with buttons to the pages either side. */
export function detailsPageMessage(digest: Digest, pages: Block[][], page: number): Message {
  const n = Math.min(Math.max(1, page), Math.max(1, pages.length));
  const title = digestTitle(digest);
  const buttons: Button[] = [];
  if (n > 1) buttons.push({ actionId: DIGEST_DETAILS_ACTION, label: '‹ Previous page', value: detailsValue(digest.round.id, n - 1) });
  if (n < pages.length)
    buttons.push({ actionId: DIGEST_DETAILS_ACTION, label: 'Next page ›', value: detailsValue(digest.round.id, n + 1), style: 'primary' });
  const blocks: Block[] = [
    { kind: 'header', text: `Full details: ${title}` },
    { kind: 'context', text: [`Page ${n} of ${pages.length}`] },
    ...(pages[n - 1] ?? []),
  ];
  if (buttons.length > 0) blocks.push({ kind: 'actions', buttons });
  return { summary: `Full details for ${title}, page ${n} of ${pages.length}`, blocks };
}

/** Page `page` of the full details. */
export function digestDetailsMessage(input: DetailsInput, page: number): Message {
  return detailsPageMessage(input.digest, digestDetailPages(input), page);
}
