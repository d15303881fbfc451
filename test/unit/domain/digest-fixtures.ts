import type { Blocker } from '../../../src/domain/blocker';
import type { Checkin, CheckinRound } from '../../../src/domain/checkin';
import { weekPoint, type DigestInput, type IndicatorView, type WeekPoint } from '../../../src/domain/digest';
import type { Member } from '../../../src/domain/mission';
import { DEFAULT_QUESTIONS } from '../../../src/domain/questions';
import { addWeeks } from '../../../src/domain/week-key';

/** Pure inputs for the digest tests: a mission, its members, a round and its history. */

export const MISSION = { id: 'msn1', slug: 'ladywood-jobs', statement: 'By 2030, no young person in Ladywood is long-term unemployed' };
export const WEEK = '2026-W48';
export const OPENS = new Date('2026-11-27T10:00:00Z');
export const CLOSES = new Date('2026-11-30T10:00:00Z');
export const NOW = new Date('2026-11-30T10:00:05Z');

export function member(id: string, displayName: string, organisation?: string, role: Member['role'] = 'member'): Member {
  return {
    id,
    missionId: MISSION.id,
    platform: 'slack',
    workspaceId: 'T1',
    userId: id.toUpperCase(),
    displayName,
    ...(organisation ? { organisation } : {}),
    role,
    joinedAt: new Date('2026-01-01T00:00:00Z'),
  };
}

export function round(weekKey: string, asked: string[], away: string[] = [], status: CheckinRound['status'] = 'closed'): CheckinRound {
  const shift = (weekKeyIndex(weekKey) - weekKeyIndex(WEEK)) * 7 * 86_400_000;
  return {
    id: `round:${MISSION.id}:${weekKey}`,
    missionId: MISSION.id,
    weekKey,
    status,
    opensAt: new Date(OPENS.getTime() + shift),
    remindAt: new Date(OPENS.getTime() + shift + 86_400_000),
    closesAt: new Date(CLOSES.getTime() + shift),
    ...(status === 'closed' ? { closedAt: new Date(CLOSES.getTime() + shift) } : {}),
    questions: DEFAULT_QUESTIONS,
    asked,
    away,
  };
}

function weekKeyIndex(key: string): number {
  const [y, w] = key.split('-W').map(Number);
  return y * 53 + w;
}

let seq = 0;
export function answered(r: CheckinRound, memberId: string, answers: Record<string, string>, at?: Date): Checkin {
  return {
    id: `checkin:${r.id}:${memberId}`,
    roundId: r.id,
    missionId: MISSION.id,
    memberId,
    userKey: `slack:T1:${memberId.toUpperCase()}`,
    status: 'answered',
    answers: { moved: 'Something moved', next: 'Next thing', ...answers },
    late: false,
    submittedAt: at ?? new Date(r.opensAt.getTime() + ++seq * 60_000),
    history: [],
  };
}

export function skipped(r: CheckinRound, memberId: string): Checkin {
  return { ...answered(r, memberId, {}), status: 'skipped', answers: {} };
}

export function blocker(id: string, owner: Member, text: string, firstSeenAt: Date, extra: Partial<Blocker> = {}): Blocker {
  return {
    id,
    missionId: MISSION.id,
    ownerMemberId: owner.id,
    ownerName: owner.displayName,
    text,
    severity: 'medium',
    status: 'open',
    firstWeek: '2026-W01',
    firstSeenAt,
    helpers: [],
    ...extra,
  };
}

/** Five organisations (one without a name), eleven people. */
export const PEOPLE = {
  ada: member('ada', 'Ada Lovelace', 'Birmingham City Council', 'lead'),
  ben: member('ben', 'Ben Okri', 'Birmingham City Council'),
  cat: member('cat', 'Cat Stevens', 'Birmingham City Council'),
  dan: member('dan', 'Dan Brown', 'Birmingham City Council'),
  eve: member('eve', 'Eve Arnold', 'Ladywood Community Trust'),
  fin: member('fin', 'Fin Wright', 'Ladywood Community Trust'),
  gus: member('gus', 'Gus Grant', 'Ladywood Community Trust'),
  hal: member('hal', 'Hal Foster', 'University of Birmingham'),
  ivy: member('ivy', 'Ivy Chen', 'University of Birmingham'),
  jo: member('jo', 'Jo Malone'),
  kai: member('kai', 'Kai Lee', 'Ladywood Youth Forum'),
};
export const MEMBERS = Object.values(PEOPLE);

/** Average confidence of the eight weeks before WEEK (W40…W47); W44 had no answers. */
export const PAST_CONFIDENCE: Array<number[]> = [
  [2, 3], // W40: 2.5
  [3, 3], // W41: 3.0
  [3, 4, 2], // W42: 3.0
  [4, 3], // W43: 3.5
  [], // W44: nobody gave one
  [3, 3, 4], // W45: 3.33…
  [2, 2], // W46: 2.0
  [3, 3, 4, 3, 3], // W47: 3.2
];

/** The eight weeks before WEEK (five asked, PAST_CONFIDENCE answering), as the digest gets them. */
export function history(): WeekPoint[] {
  return PAST_CONFIDENCE.map((values, i) => {
    const key = addWeeks(WEEK, i - PAST_CONFIDENCE.length);
    const ids = ['ada', 'ben', 'cat', 'dan', 'eve'];
    const r = round(key, ids);
    return weekPoint(
      r,
      values.map((v, j) => answered(r, ids[j], { confidence: String(v) })),
    );
  });
}

export function indicator(overrides: Partial<IndicatorView> = {}): IndicatorView {
  return {
    key: 'youth-claimants',
    name: 'Young people claiming out-of-work benefits',
    unit: 'people',
    direction: 'down',
    baseline: { value: 420, date: '2026-01-01' },
    target: { value: 300, date: '2030-01-01' },
    readings: [
      { date: '2026-09-01', value: 415 },
      { date: '2026-10-01', value: 403 },
    ],
    status: 'on-track',
    neededNow: 394.5,
    ...overrides,
  };
}

/**
 * This week: asked everyone but Ivy (away when it opened); Fin marked himself away during it.
 * Answers: Ada 4, Ben 3, Eve 5, Hal 2, Jo 4 (average 3.6); Cat skipped; Dan, Gus, Kai silent.
 */
export function seededInput(overrides: Partial<DigestInput> = {}): DigestInput {
  const r = round(WEEK, ['ada', 'ben', 'cat', 'dan', 'eve', 'fin', 'gus', 'hal', 'jo', 'kai'], ['ivy']);
  const checkins = [
    answered(r, 'ada', {
      confidence: '4',
      moved: 'Council apprenticeships advertised in every Ladywood school',
      story: 'A care leaver started at the library on Monday',
    }),
    answered(r, 'ben', { confidence: '3', moved: 'Two employers signed the pledge' }),
    skipped(r, 'cat'),
    answered(r, 'eve', {
      confidence: '5',
      moved: 'Youth club drop-in ran twice',
      story: 'Lesson: meet young people where they already are',
    }),
    answered(r, 'hal', { confidence: '2', moved: 'Data-sharing agreement drafted' }),
    answered(r, 'jo', { confidence: '4', moved: 'Volunteers trained' }),
  ];
  const since = new Date('2026-11-23T10:00:00Z');
  return {
    mission: MISSION,
    round: r,
    checkins,
    history: history(),
    members: MEMBERS,
    awayNow: new Set(['fin']),
    blockers: [
      blocker('b-new', PEOPLE.eve, 'No room for the drop-in after January', new Date('2026-11-28T09:00:00Z'), {
        severity: 'high',
        firstWeek: WEEK,
      }),
      blocker('b-new-low', PEOPLE.ben, 'Waiting on a DBS check', new Date('2026-11-27T12:00:00Z'), { severity: 'low', firstWeek: WEEK }),
      blocker('b-old', PEOPLE.ben, 'Employer portal still down', new Date('2026-11-06T10:00:00Z'), { firstWeek: '2026-W45' }),
      blocker('b-done', PEOPLE.hal, 'Ethics approval', new Date('2026-10-30T10:00:00Z'), {
        status: 'resolved',
        resolvedAt: new Date('2026-11-26T15:00:00Z'),
        resolution: 'Approved by the panel',
        firstWeek: '2026-W44',
      }),
      blocker('b-gone', PEOPLE.ada, 'Taken back', new Date('2026-11-27T11:00:00Z'), { status: 'withdrawn', firstWeek: WEEK }),
      blocker('b-last-month', PEOPLE.ada, 'Old news', new Date('2026-10-01T10:00:00Z'), {
        status: 'resolved',
        resolvedAt: new Date('2026-10-20T10:00:00Z'),
      }),
    ],
    since,
    indicators: [indicator()],
    budget: [
      { period: '2025/26', total: 2_000_000, aligned: 560_000 },
      { period: '2026/27', total: 2_100_000, aligned: 714_000 },
    ],
    now: NOW,
    ...overrides,
  };
}

const WORDS = [
  'apprenticeship',
  'employer',
  'pledge',
  'youth',
  'club',
  'careers',
  'fair',
  'library',
  'council',
  'trust',
  'data',
  'sharing',
  'mentor',
  'placement',
  'college',
  'housing',
];

/** Varied words, exactly `n` characters, different for each seed: cuts and searches meet real-looking text. */
export function longText(n: number, seed = 1): string {
  let x = seed * 7919 + 1;
  let out = '';
  while (out.length < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += `${WORDS[x % WORDS.length]} `;
  }
  return `${out.slice(0, n - 1)}.`;
}

/**
 * The worst case the limits must survive: 200 members in 25 organisations with long names,
 * every one answering with 3,000-character texts, a blocker each, 12 indicators, 10 budget
 * periods and eleven weeks of history.
 */
export function bigInput(
  answerText: (i: number, question: string) => string = (i, q) => `${q} ${i}: ${longText(2_990, i * 31 + q.length)}`,
): DigestInput {
  const members = Array.from({ length: 200 }, (_, i) =>
    member(
      `m${i}`,
      `Member ${i} ${'with a very long display name '.repeat(3)}`,
      `Organisation ${i % 25} ${'of the wider Ladywood partnership '.repeat(3)}`,
      i === 0 ? 'lead' : 'member',
    ),
  );
  const ids = members.map((m) => m.id);
  const r = round(WEEK, ids.slice(0, 190), ids.slice(190));
  const checkins = ids.slice(0, 180).map((id, i) =>
    answered(r, id, {
      moved: answerText(i, 'moved').slice(0, 3000),
      next: answerText(i, 'next').slice(0, 3000),
      blocker: answerText(i, 'blocker').slice(0, 3000),
      blocker_severity: 'high',
      blocker_help: answerText(i, 'help').slice(0, 300),
      confidence: String((i % 5) + 1),
      story: answerText(i, 'story').slice(0, 3000),
    }),
  );
  const past = Array.from({ length: 11 }, (_, w) => {
    const pr = round(addWeeks(WEEK, w - 11), ids);
    return weekPoint(
      pr,
      ids.slice(0, 150).map((id, i) => answered(pr, id, { confidence: String(((i + w) % 5) + 1) })),
    );
  });
  const blockers = members.map((m, i) =>
    blocker(`b${i}`, m, answerText(i, 'blocker').slice(0, 3000), new Date(NOW.getTime() - (i % 6) * 7 * 86_400_000 - 3_600_000), {
      severity: i % 3 === 0 ? 'high' : 'medium',
      helpWanted: answerText(i, 'help').slice(0, 300),
      ...(i % 10 === 9
        ? {
            status: 'resolved' as const,
            resolvedAt: new Date(NOW.getTime() - 86_400_000),
            resolution: answerText(i, 'resolution').slice(0, 200),
          }
        : {}),
    }),
  );
  const indicators = Array.from({ length: 12 }, (_, i) =>
    indicator({
      key: `ind-${i}`,
      name: `Indicator ${i} ${'measuring something long-winded '.repeat(4)}`,
      readings: Array.from({ length: 30 }, (_, j) => ({
        date: `2026-${String((j % 12) + 1).padStart(2, '0')}-${String(j + 1).padStart(2, '0')}`,
        value: 400 - j,
      })),
    }),
  );
  return {
    mission: { ...MISSION, statement: longText(600) },
    round: r,
    checkins,
    history: past,
    members,
    awayNow: new Set(ids.slice(180, 185)),
    blockers,
    since: new Date(NOW.getTime() - 7 * 86_400_000),
    indicators,
    budget: Array.from({ length: 10 }, (_, i) => ({ period: `20${16 + i}/${17 + i}`, total: 1_000_000 + i, aligned: 100_000 * i })),
    now: NOW,
  };
}
