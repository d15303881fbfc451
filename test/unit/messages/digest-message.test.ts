import type { KnownBlock, SectionBlock } from '@slack/types';
import { renderSlackMessage } from '../../../adapters/slack/render';
import {
  cardByteSize,
  CHART_TOO_LARGE,
  renderAdaptiveCard,
  type AcImage,
  type AcTextBlock,
  type AdaptiveCardJson,
} from '../../../adapters/teams/render';
import { buildDigest, memberStatuses, type DigestInput } from '../../../src/domain/digest';
import { assess } from '../../../src/domain/indicator-status';
import { detailsPageMessage, digestDetailPages, digestDetailsMessage, type DetailsInput } from '../../../src/messages/digest-details';
import { DIGEST_DETAILS_ACTION, digestMessage, parseDetailsValue } from '../../../src/messages/digest-message';
import type { Block, Message, RichText } from '../../../src/messages/model';
import { validateBlocks } from '../../../adapters/stand-ins/slack/block-limits';
import { allElements, schemaErrors } from '../../render/card-checks';
import { bigInput, indicator, seededInput } from '../domain/digest-fixtures';

const TEAMS_LIMIT = 28 * 1024;

function plain(t: RichText): string {
  return t.map((p) => (typeof p === 'string' ? p : 'bold' in p ? p.bold : p.user.name)).join('');
}

/** The words of a message, block by block, as a reader sees them. */
function words(m: Message): string {
  return m.blocks
    .map((b: Block) => {
      switch (b.kind) {
        case 'header':
          return b.text;
        case 'text':
        case 'context':
          return plain(b.text);
        case 'list':
          return [b.title ?? '', ...b.items.map(plain), b.more ? `and ${b.more} more` : ''].join('\n');
        case 'actions':
          return b.buttons.map((x) => `[${x.label}]`).join(' ');
        case 'chart':
          return `(chart: ${b.altText})`;
        default:
          return '';
      }
    })
    .join('\n');
}

function detailsInput(input: DigestInput): DetailsInput {
  return {
    digest: buildDigest(input),
    round: input.round,
    members: input.members,
    statuses: memberStatuses(input.round, input.checkins, input.awayNow),
    checkins: input.checkins,
  };
}

/** A stand-in PNG of `bytes` bytes: the renderers only care about its size. */
function fakeChart(bytes: number) {
  return { pngBase64: Buffer.alloc(bytes, 7).toString('base64'), altText: 'Confidence rose from 2.5 to 3.6 over 9 weeks.' };
}

function slackProblems(m: Message): string[] {
  const out = renderSlackMessage(m);
  const problems = validateBlocks(out.blocks, 'message');
  if (out.text.length > 40_000) problems.push('text too long');
  return problems;
}

function sections(blocks: KnownBlock[]): SectionBlock[] {
  return blocks.filter((b): b is SectionBlock => b.type === 'section');
}

describe('the digest of a seeded week, as a lead reads it', () => {
  const text = words(digestMessage(buildDigest(seededInput()), fakeChart(9_000)));

  it('opens with the mission and the week', () => {
    expect(text).toMatch(/^Weekly digest: ladywood-jobs: week 48, 23–29 Nov 2026\n/);
    expect(text).toContain('By 2030, no young person in Ladywood is long-term unemployed · Closed 2026-11-30');
  });

  it('gives participation overall and by organisation, with the partners not heard from', () => {
    expect(text).toContain('Participation  5 of 9 answered (56%) · 1 skipped · 3 no reply · 2 away');
    expect(text).toContain('Heard from 3 of 4 organisations; not yet from Ladywood Youth Forum.');
    expect(text).toContain('Birmingham City Council: 2 of 4 answered · 1 skipped · 1 no reply');
    expect(text).toContain('Ladywood Community Trust: 1 of 2 answered · 1 no reply · 1 away');
    expect(text).toContain('No organisation: 1 of 1 answered');
  });

  it('gives confidence, its change on last week and the trend', () => {
    expect(text).toContain('Confidence  3.6 / 5 from 5 answers, up 0.4 on week 47 (3.2) · 1 at 2 or below');
    expect(text).toContain('Last 9 weeks: ▄▅▅▅·▅▃▅▆  2.5 → 3.6');
  });

  it('gives each indicator its latest value, status, movement, value needed now and target, and the budget share', () => {
    expect(text).toContain(
      'Young people claiming out-of-work benefits: 403 people (Oct 2026) · 🟢 on track · ↓ 12 people since Sep 2026 · needs ≤ 394.5 people now · target 300 people by Jan 2030',
    );
    expect(text).toContain('Budget alignment  34% aligned (£714,000 of £2,100,000, 2026/27), up 6 points on 2025/26');
  });

  it('lists new, still open (with age) and resolved blockers, attributed', () => {
    expect(text).toContain('Blockers  2 new · 1 still open · 1 resolved this week');
    expect(text).toContain('🔴 No room for the drop-in after January — Eve Arnold, Ladywood Community Trust · high');
    expect(text).toContain('Employer portal still down — Ben Okri, Birmingham City Council · open 3 weeks');
    expect(text).toContain('Resolved this week\nEthics approval — Hal Foster, University of Birmingham');
    expect(text).not.toContain('Taken back');
  });

  it('quotes what moved and the stories, with name and organisation', () => {
    expect(text).toContain(
      'What moved\n“Council apprenticeships advertised in every Ladywood school” — Ada Lovelace, Birmingham City Council',
    );
    expect(text).toContain('“Volunteers trained” — Jo Malone');
    expect(text).toContain('Stories and lessons\n“A care leaver started at the library on Monday” — Ada Lovelace, Birmingham City Council');
  });

  it('carries the chart and a Full details button naming the round', () => {
    const m = digestMessage(buildDigest(seededInput()), fakeChart(9_000));
    expect(m.blocks.filter((b) => b.kind === 'chart')).toHaveLength(1);
    const button = m.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []))[0];
    expect(button).toMatchObject({ actionId: DIGEST_DETAILS_ACTION, label: 'Full details' });
    expect(parseDetailsValue(button.value)).toEqual({ roundId: seededInput().round.id, page: 1 });
    expect(m.summary).toBe('Digest for ladywood-jobs: week 48, 23–29 Nov 2026: 5/9 answered, confidence 3.6 (up 0.4), 2 new blockers');
  });

  it('says "so far" for an open round', () => {
    const input = seededInput();
    const open = words(digestMessage(buildDigest({ ...input, round: { ...input.round, status: 'open', closedAt: undefined } })));
    expect(open).toMatch(/^Weekly digest: ladywood-jobs: week 48, 23–29 Nov 2026 \(so far\)/);
    expect(open).toContain('Round still open: numbers so far');
  });
});

describe('indicator status at the threshold boundaries', () => {
  // Baseline 100 on 1 Jan, target 0 on 11 Jan: on 6 Jan the trajectory stands at 50, and the
  // planned change is 100, so each unit above 50 is 1% behind.
  const trajectory = { direction: 'down' as const, baseline: { value: 100, date: '2026-01-01' }, target: { value: 0, date: '2026-01-11' } };
  const cases: Array<[number, string]> = [
    [40, '🟢 on track'],
    [55, '🟢 on track'],
    [55.5, '🟠 at risk'],
    [65, '🟠 at risk'],
    [65.5, '🔴 off track'],
  ];
  it.each(cases)('a reading of %d shows %s', (value, shown) => {
    const status = assess(trajectory, { value, date: '2026-01-06' }).status;
    const view = indicator({ ...trajectory, unit: undefined, readings: [{ date: '2026-01-06', value }], status, neededNow: 50 });
    const text = words(digestMessage(buildDigest(seededInput({ indicators: [view] }))));
    expect(text).toContain(`: ${value} (6 Jan 2026) · ${shown} · needs ≤ 50 now · target 0 by 11 Jan 2026`);
  });

  it('an indicator without readings says so instead of a status', () => {
    const text = words(digestMessage(buildDigest(seededInput({ indicators: [indicator({ readings: [], status: 'no-data' })] }))));
    expect(text).toContain('Young people claiming out-of-work benefits: no readings yet · needs ≤ 394.5 people now');
  });
});

describe('the digest of a 200-member team with 3,000-character answers', () => {
  const input = bigInput();
  const digest = buildDigest(input);
  const message = digestMessage(digest, fakeChart(12_000));

  it('stays within Block Kit limits on Slack, with the chart left for the thread upload', () => {
    expect(slackProblems(message)).toEqual([]);
    const out = renderSlackMessage(message);
    expect(out.blocks.length).toBeLessThanOrEqual(50);
    for (const s of sections(out.blocks)) {
      expect(s.text?.text.length ?? 0).toBeLessThanOrEqual(3_000);
      expect((s.fields ?? []).length).toBeLessThanOrEqual(10);
    }
    expect(out.blocks.some((b) => b.type === 'image')).toBe(false);
  });

  it('cuts long parts with "and N more" and keeps each excerpt short', () => {
    const lists = new Map(
      message.blocks.flatMap((b) =>
        b.kind === 'list' ? [[b.title?.startsWith('Heard from') ? 'organisations' : (b.title ?? ''), b] as const] : [],
      ),
    );
    const total = (title: string) => (lists.get(title)?.items.length ?? 0) + (lists.get(title)?.more ?? 0);
    expect(total('organisations')).toBe(25);
    expect(total('Indicators')).toBe(12);
    expect(total('What moved')).toBe(180);
    expect(total('Stories and lessons')).toBe(180);
    expect(total('New this week') + total('Still open')).toBe(180);
    for (const [, b] of lists) {
      expect(b.items.length).toBeLessThanOrEqual(8);
      for (const item of b.items) expect(plain(item).length).toBeLessThan(500);
    }
    expect(words(message)).toMatch(/and 1\d\d more/);
  });

  it('is a valid Adaptive Card 1.5 under 28 KB on Teams, with the chart embedded', () => {
    const card = renderAdaptiveCard(message);
    expect(schemaErrors(card)).toEqual([]);
    expect(cardByteSize(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
    const images = allElements(card).filter((e): e is AcImage => e.type === 'Image');
    expect(images).toHaveLength(1);
    expect(images[0].url.startsWith('data:image/png;base64,')).toBe(true);
    expect(images[0].altText).toMatch(/Confidence rose/);
  });

  it('drops a chart too big for the card to a text line rather than break the card', () => {
    const card = renderAdaptiveCard(digestMessage(digest, fakeChart(22_000)));
    expect(cardByteSize(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
    expect(allElements(card).some((e) => e.type === 'Image')).toBe(false);
    const texts = allElements(card)
      .filter((e): e is AcTextBlock => e.type === 'TextBlock')
      .map((t) => t.text);
    expect(texts.some((t) => t.startsWith(CHART_TOO_LARGE))).toBe(true);
    expect(schemaErrors(card)).toEqual([]);
  });

  describe('its full details', () => {
    const details = detailsInput(input);
    const pages = digestDetailPages(details);
    const messages = pages.map((_, i) => detailsPageMessage(details.digest, pages, i + 1));

    it('are split into pages that each fit a Slack message and a Teams card', () => {
      expect(pages.length).toBeGreaterThan(10);
      for (const m of messages) {
        expect(slackProblems(m)).toEqual([]);
        expect(renderSlackMessage(m).blocks.length).toBeLessThanOrEqual(50);
        const card: AdaptiveCardJson = renderAdaptiveCard(m);
        expect(cardByteSize(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
        expect(schemaErrors(card)).toEqual([]);
      }
    });

    it('hold every answer in full, nothing cut, and link each page to the next and previous', () => {
      // The pages' content read one after the other, as someone paging through would.
      const all = pages
        .map((p) => words({ summary: '', blocks: p }))
        .join('\n')
        .replace(/\s+/g, '');
      for (const c of details.checkins) for (const v of Object.values(c.answers)) expect(all).toContain(v.replace(/\s+/g, ''));
      for (const b of input.blockers.filter((x) => x.status === 'open')) expect(all).toContain(b.text.replace(/\s+/g, ''));
      // Slack's renderer never had to cut a section at its 3,000-character limit either.
      for (const m of messages)
        for (const s of sections(renderSlackMessage(m).blocks)) expect(s.text?.text.length ?? 0).toBeLessThan(3_000);
      expect(words(messages[0])).toContain('[Next page ›]');
      expect(words(messages[0])).not.toContain('Previous');
      expect(words(messages[1])).toContain('[‹ Previous page] [Next page ›]');
      expect(words(messages[messages.length - 1])).not.toContain('Next page');
      expect(words(messages[1])).toContain(`Page 2 of ${pages.length}`);
    });

    it('clamp a page number past the end to the last page', () => {
      expect(words(digestDetailsMessage(details, 999))).toContain(`Page ${pages.length} of ${pages.length}`);
    });
  });
});

describe('the full details of a small week', () => {
  const details = detailsInput(seededInput());
  const text = words(digestDetailsMessage(details, 1));

  it('fit on one page with who answered, skipped, did not reply and was away, by organisation', () => {
    expect(digestDetailPages(details)).toHaveLength(1);
    expect(text).toContain(
      'Birmingham City Council: 2 of 4 answered · 1 skipped · 1 no reply\nAnswered: Ada Lovelace, Ben Okri\nSkipped: Cat Stevens\nNo reply: Dan Brown',
    );
    expect(text).toContain(
      'Ladywood Community Trust: 1 of 2 answered · 1 no reply · 1 away\nAnswered: Eve Arnold\nNo reply: Gus Grant\nAway: Fin Wright',
    );
  });

  it('give every answer under its question, attributed', () => {
    expect(text).toContain('Eve Arnold · Ladywood Community Trust\nWhat moved this week toward the mission?\nYouth club drop-in ran twice');
    expect(text).toContain('A story or lesson worth sharing (optional)\nLesson: meet young people where they already are');
  });

  it('give blockers with their resolution, confidence per week and budget per period', () => {
    expect(text).toContain(
      'Resolved this week · medium · Hal Foster, University of Birmingham\nEthics approval\nResolution: Approved by the panel',
    );
    expect(text).toContain('week 47, 16–22 Nov 2026: confidence 3.2 from 5 answers · 5 of 5 answered');
    expect(text).toContain("This week's answers: 1: 0 · 2: 1 · 3: 1 · 4: 2 · 5: 1");
    expect(text).toContain('2025/26');
  });
});
