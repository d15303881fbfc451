import { renderSlackHome, renderSlackMessage } from '../../../adapters/slack/render';
import { cardByteSize, renderAdaptiveCard } from '../../../adapters/teams/render';
import { ACTION_OPEN } from '../../../src/messages/checkin-messages';
import { ACTION_HOME_REFRESH, HOME_LIMITS, homeMessage, type HomeOverview } from '../../../src/messages/home-message';
import type { Block, Message, RichText } from '../../../src/messages/model';
import { validateBlocks, validateView } from '../../../adapters/stand-ins/slack/block-limits';
import { schemaErrors } from '../../render/card-checks';

const NOW = new Date('2026-11-26T12:00:00Z');
const CLOSES = new Date('2026-11-30T17:00:00Z');

function plain(t: RichText): string {
  return t.map((p) => (typeof p === 'string' ? p : 'bold' in p ? p.bold : p.user.name)).join('');
}

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
        default:
          return '';
      }
    })
    .join('\n');
}

const buttons = (m: Message) => m.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []));

function overview(parts: Partial<HomeOverview> = {}): HomeOverview {
  return { updatedAt: NOW, timeZone: 'Europe/London', missions: [], checkins: [], blockers: [], health: [], healthMore: 0, ...parts };
}

/** Someone in `n` missions, each with a long statement, a waiting check-in, a 3,000-character blocker, and led by them. */
function crowded(n: number): HomeOverview {
  const slugs = Array.from({ length: n }, (_, i) => `mission-${String(i + 1).padStart(2, '0')}`);
  const statement = `By 2030, ${'every household in the ward has a warm, dry and affordable home '.repeat(5)}`.slice(0, 280);
  return overview({
    missions: slugs.map((slug) => ({ slug, statement, role: 'admin', checkin: 'waiting' })),
    checkins: slugs.map((slug, i) => ({
      slug,
      statement,
      roundId: `round:m${i}:2026-W48`,
      weekKey: '2026-W48',
      closesAt: CLOSES,
      timeZone: 'Europe/London',
    })),
    blockers: slugs.map((slug) => ({
      slug,
      text: `<!channel> ${'The landlord will not answer. '.repeat(110)}`.slice(0, 3000),
      severity: 'high',
      ageWeeks: 3,
      helpers: 2,
    })),
    health: slugs.slice(0, HOME_LIMITS.health).map((slug) => ({
      slug,
      lastRound: { weekKey: '2026-W47', answered: 150, asked: 200, away: 4 },
      indicators: { 'on-track': 2, 'off-track': 1 },
      openBlockers: 12,
    })),
    healthMore: n - HOME_LIMITS.health,
  });
}

describe('the home overview message', () => {
  it('someone on no mission is told how to join or start one, and can refresh', () => {
    const m = homeMessage(overview());
    expect(words(m)).toMatch(/not on any mission yet/);
    expect(words(m)).toMatch(/mission create/);
    expect(buttons(m).map((b) => b.actionId)).toEqual([ACTION_HOME_REFRESH]);
  });

  it('shows a waiting check-in with its Answer button, the mission, and says when it closes in the mission time zone', () => {
    const m = homeMessage(
      overview({
        missions: [
          { slug: 'homes', statement: 'By 2030, halve the families in temporary accommodation', role: 'member', checkin: 'waiting' },
        ],
        checkins: [
          {
            slug: 'homes',
            statement: 'By 2030, halve the families in temporary accommodation',
            roundId: 'round:m1:2026-W48',
            weekKey: '2026-W48',
            closesAt: CLOSES,
            timeZone: 'Europe/London',
          },
        ],
      }),
    );
    expect(words(m)).toMatch(/Check-ins waiting for you \(1\)/);
    expect(words(m)).toMatch(/closes Mon 30 Nov, 17:00/);
    expect(words(m)).toMatch(/homes \(member\) — By 2030, halve the families.*check-in waiting for you/);
    expect(words(m)).toMatch(/Your open blockers\nNone/);
    expect(buttons(m)).toContainEqual({ actionId: ACTION_OPEN, label: 'Answer check-in', value: 'round:m1:2026-W48', style: 'primary' });
    expect(words(m)).not.toMatch(/Health of the missions you lead/);
    expect(m.summary).toBe('Mission Pulse: 1 mission, 1 check-in waiting, 0 open blockers');
  });

  it('with nothing waiting, says so; answered and skipped weeks show on the mission', () => {
    const m = homeMessage(
      overview({
        missions: [
          { slug: 'homes', statement: 'By 2030, halve the families in temporary accommodation', role: 'lead', checkin: 'answered' },
          { slug: 'jobs', statement: 'By 2030, no young person is long-term unemployed', role: 'member', checkin: 'skipped' },
        ],
      }),
    );
    expect(words(m)).toMatch(/Nothing is waiting for you/);
    expect(words(m)).toMatch(/homes \(lead\).*checked in this week/);
    expect(words(m)).toMatch(/jobs \(member\).*skipped this week/);
    expect(buttons(m).some((b) => b.actionId === ACTION_OPEN)).toBe(false);
  });

  it('a blocker shows its mission, severity, age and offers of help', () => {
    const m = homeMessage(
      overview({
        missions: [{ slug: 'homes', statement: 'By 2030, halve the families in temporary accommodation', role: 'member', checkin: 'none' }],
        blockers: [
          { slug: 'homes', text: 'No legal sign-off on the data-sharing agreement', severity: 'high', ageWeeks: 3, helpers: 1 },
          { slug: 'homes', text: 'Room booking', severity: 'low', ageWeeks: 0, helpers: 0 },
        ],
      }),
    );
    expect(words(m)).toMatch(/Your open blockers \(2\)/);
    expect(words(m)).toMatch(/homes: No legal sign-off on the data-sharing agreement · high · open 3 weeks · 1 offer of help/);
    expect(words(m)).toMatch(/homes: Room booking · low · raised this week\n/);
  });

  it('health gives last participation with away people apart, the indicators by status and open blockers', () => {
    const m = homeMessage(
      overview({
        missions: [{ slug: 'homes', statement: 'By 2030, halve the families in temporary accommodation', role: 'admin', checkin: 'none' }],
        health: [
          {
            slug: 'homes',
            lastRound: { weekKey: '2026-W47', answered: 2, asked: 3, away: 1 },
            indicators: { 'on-track': 2, 'at-risk': 1, 'no-data': 1 },
            openBlockers: 1,
          },
          { slug: 'fresh', indicators: {}, openBlockers: 0 },
        ],
      }),
    );
    const text = words(m);
    expect(text).toMatch(/Health of the missions you lead/);
    expect(text).toMatch(
      /homes — last check-in \(week 47, 16–22 Nov 2026\): 2 of 3 answered \(67%\), 1 away · indicators: 2 on track, 1 at risk, 1 no readings yet · 1 open blocker/,
    );
    expect(text).toMatch(/fresh — no check-in has closed yet · no indicators · 0 open blockers/);
  });

  it('caps every section for someone on 40 missions and says how many more there are', () => {
    const m = homeMessage(crowded(40));
    const answer = buttons(m).filter((b) => b.actionId === ACTION_OPEN);
    expect(answer).toHaveLength(HOME_LIMITS.checkins);
    const text = words(m);
    expect(text).toMatch(/Check-ins waiting for you \(40\)/);
    expect(text).toMatch(/and 35 more: type `checkin <mission>`/);
    const lists = m.blocks.filter((b): b is Extract<Block, { kind: 'list' }> => b.kind === 'list');
    expect(lists.map((l) => [l.items.length, l.more])).toEqual([
      [HOME_LIMITS.missions, 20],
      [HOME_LIMITS.blockers, 30],
      [HOME_LIMITS.health, 32],
    ]);
    // Long texts are cut to an excerpt; the whole 3,000 characters never reach the overview.
    for (const l of lists) for (const item of l.items) expect(plain(item).length).toBeLessThan(400);
  });

  it('stays inside Block Kit limits as a Home tab and as a message, and inside the Teams card size', () => {
    const m = homeMessage(crowded(40));
    const home = renderSlackHome(m);
    expect(home.type).toBe('home');
    expect(validateView(home, 'home')).toEqual([]);
    expect(validateBlocks(renderSlackMessage(m).blocks, 'message')).toEqual([]);
    const card = renderAdaptiveCard(m);
    expect(cardByteSize(card)).toBeLessThan(28 * 1024);
    expect(schemaErrors(card)).toEqual([]);
    // Member text stays text: the blocker's broadcast cannot ping anyone.
    expect(JSON.stringify(home)).not.toContain('<!channel>');
  });
});

describe('renderSlackHome', () => {
  it('keeps 99 of more than 100 blocks and says how many were left out', () => {
    const blocks: Block[] = Array.from({ length: 150 }, (_, i) => ({ kind: 'text', text: [`line ${i}`] }));
    const home = renderSlackHome({ summary: 'big', blocks });
    expect(home.blocks).toHaveLength(100);
    expect(JSON.stringify(home.blocks[99])).toMatch(/and 51 more sections/);
    expect(validateView(home, 'home')).toEqual([]);
  });
});
