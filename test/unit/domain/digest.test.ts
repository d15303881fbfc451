import { buildDigest, digestChartData, memberStatuses, sparkline, weekPoint } from '../../../src/domain/digest';
import { answered, MEMBERS, PEOPLE, round, seededInput, skipped, WEEK } from './digest-fixtures';

const digest = buildDigest(seededInput());

describe('digest participation', () => {
  it('counts answered against asked, with skipped, missing and away apart', () => {
    const p = digest.participation;
    expect({ asked: p.asked, answered: p.answered, skipped: p.skipped, missing: p.missing, away: p.away }).toEqual({
      asked: 9,
      answered: 5,
      skipped: 1,
      missing: 3,
      away: 2,
    });
    expect(p.rate).toBeCloseTo(5 / 9);
  });

  it('breaks it down by organisation, alphabetically with "No organisation" last', () => {
    expect(digest.participation.byOrganisation).toEqual([
      { organisation: 'Birmingham City Council', asked: 4, answered: 2, skipped: 1, missing: 1, away: 0 },
      { organisation: 'Ladywood Community Trust', asked: 2, answered: 1, skipped: 0, missing: 1, away: 1 },
      { organisation: 'Ladywood Youth Forum', asked: 1, answered: 0, skipped: 0, missing: 1, away: 0 },
      { organisation: 'University of Birmingham', asked: 1, answered: 1, skipped: 0, missing: 0, away: 1 },
      { organisation: 'No organisation', asked: 1, answered: 1, skipped: 0, missing: 0, away: 0 },
    ]);
  });

  it('names the partners engaged and the one not heard from', () => {
    expect(digest.participation.engaged).toEqual(['Birmingham City Council', 'Ladywood Community Trust', 'University of Birmingham']);
    expect(digest.participation.silent).toEqual(['Ladywood Youth Forum']);
  });

  it('shows someone who marked themselves away during the round as away, but an answer always counts', () => {
    const input = seededInput();
    const statuses = memberStatuses(input.round, input.checkins, new Set(['fin', 'ada']));
    expect(statuses.get('fin')).toBe('away');
    expect(statuses.get('ivy')).toBe('away');
    expect(statuses.get('ada')).toBe('answered');
    expect(statuses.get('dan')).toBe('missing');
    expect(statuses.get('cat')).toBe('skipped');
  });
});

describe('digest confidence', () => {
  it('averages this week and compares with the last week that had answers', () => {
    const c = digest.confidence;
    expect(c.average).toBeCloseTo(3.6);
    expect(c.answers).toBe(5);
    expect(c.low).toBe(1);
    expect(c.distribution).toEqual([0, 1, 1, 2, 1]);
    expect(c.previous).toEqual({ weekKey: '2026-W47', average: 3.2 });
    expect(c.change).toBeCloseTo(0.4);
  });

  it('keeps up to twelve weeks of trend, oldest first, with a gap for a week without answers', () => {
    const c = digest.confidence;
    expect(c.trend.map((w) => w.weekKey)).toEqual([
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      WEEK,
    ]);
    expect(c.trend[4].confidence).toBeUndefined();
    expect(c.trend[5].confidence).toBeCloseTo(10 / 3);
    expect(c.sparkline).toBe('▄▅▅▅·▅▃▅▆');
    const long = buildDigest(
      seededInput({
        history: [...Array(20).keys()]
          .map((i) => seededInput().history[i % 8])
          .map((h, i) => ({ ...h, weekKey: `2026-W${String(20 + i).padStart(2, '0')}` })),
      }),
    );
    expect(long.confidence.trend).toHaveLength(12);
    expect(long.confidence.trend[11].weekKey).toBe(WEEK);
  });

  it('sums up an earlier week as the trend needs it: a skip is asked but not answered, the away are not asked', () => {
    const r = round('2026-W47', ['ada', 'ben', 'cat', 'dan'], ['eve']);
    const checkins = [
      answered(r, 'ada', { confidence: '4' }),
      answered(r, 'ben', { confidence: 'not sure' }),
      skipped(r, 'cat'),
      answered(r, 'eve', { confidence: '1' }),
    ];
    expect(weekPoint(r, checkins)).toEqual({ weekKey: '2026-W47', asked: 5, answered: 3, confidence: 2.5, confidenceAnswers: 2 });
    expect(weekPoint(r, [])).toEqual({ weekKey: '2026-W47', asked: 4, answered: 0, confidenceAnswers: 0 });
  });

  it('draws the sparkline on the fixed 1–5 scale', () => {
    expect(sparkline([1, 2, 3, 4, 5])).toBe('▁▃▅▆█');
    expect(sparkline([undefined, 5])).toBe('·█');
  });

  it('has no average, change or low count when nobody gave a confidence', () => {
    const input = seededInput();
    const d = buildDigest({ ...input, checkins: input.checkins.map((c) => ({ ...c, answers: { moved: c.answers.moved ?? '' } })) });
    expect(d.confidence.average).toBeUndefined();
    expect(d.confidence.change).toBeUndefined();
    expect(d.confidence.sparkline.endsWith('·')).toBe(true);
  });
});

describe('digest blockers', () => {
  it('splits new (high first), still open (with age in weeks) and resolved this week; withdrawn never shows', () => {
    const b = digest.blockers;
    expect(b.newThisWeek.map((l) => l.blocker.id)).toEqual(['b-new', 'b-new-low']);
    expect(b.stillOpen.map((l) => [l.blocker.id, l.ageWeeks, l.organisation])).toEqual([['b-old', 3, 'Birmingham City Council']]);
    expect(b.resolvedThisWeek.map((l) => l.blocker.id)).toEqual(['b-done']);
  });
});

describe('digest indicators and budget', () => {
  it('takes each indicator latest and previous reading and whether it moved the right way', () => {
    const [i] = digest.indicators;
    expect(i.latest).toEqual({ date: '2026-10-01', value: 403 });
    expect(i.change).toBe(-12);
    expect(i.improving).toBe(true);
  });

  it('computes the aligned share per period and its change', () => {
    expect(digest.budget.latest?.share).toBeCloseTo(0.34);
    expect(digest.budget.previous?.share).toBeCloseTo(0.28);
    expect(digest.budget.change).toBeCloseTo(0.06);
    expect(buildDigest(seededInput({ budget: [{ period: 'x', total: 0, aligned: 0 }] })).budget.latest?.share).toBe(0);
  });
});

describe('digest highlights', () => {
  it('takes "what moved" one organisation at a time, attributed, and stories in order', () => {
    expect(digest.highlights.moved.map((h) => [h.name, h.organisation])).toEqual([
      ['Ada Lovelace', 'Birmingham City Council'],
      ['Eve Arnold', 'Ladywood Community Trust'],
      ['Hal Foster', 'University of Birmingham'],
      ['Jo Malone', undefined],
      ['Ben Okri', 'Birmingham City Council'],
    ]);
    expect(digest.highlights.stories.map((h) => h.name)).toEqual(['Ada Lovelace', 'Eve Arnold']);
  });
});

describe('digest chart data', () => {
  it('gives the chart the trend weeks with participation shares and the indicators with readings', () => {
    const data = digestChartData(digest);
    expect(data.weeks).toHaveLength(9);
    expect(data.weeks[8]).toMatchObject({ weekKey: WEEK, participation: 5 / 9 });
    expect(data.weeks[8].confidence).toBeCloseTo(3.6);
    expect(data.weeks[4].confidence).toBeUndefined();
    expect(data.indicators).toEqual([expect.objectContaining({ name: 'Young people claiming out-of-work benefits', direction: 'down' })]);
    expect(MEMBERS).toContain(PEOPLE.ada);
  });
});
