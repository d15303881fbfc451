import { checkinId, roundId } from '../../../src/domain/checkin';
import { userKey } from '../../../src/domain/identity';
import { memberId } from '../../../src/domain/mission';
import { DEFAULT_QUESTIONS, type Answers } from '../../../src/domain/questions';
import { DEFAULT_SCHEDULE, roundTimes } from '../../../src/domain/schedule';
import { DEFAULT_TIME_ZONE } from '../../../src/domain/time-zone';
import { addWeeks, weekKey } from '../../../src/domain/week-key';
import { checkinModel, type CheckinDoc } from '../../../src/store/models/checkin-model';
import type { Store } from '../../../src/store/store';
import type { CountyMission } from './county';

export interface HistoryOptions {
  weeks: number;
  now: Date;
  /** Share of asked members who answer each week. */
  answerRate?: number;
}

/** A deterministic pseudo-random stream, so every run seeds the same history. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS =
  'partners referral pilot funding employer placement ward youth apprenticeship council college mentoring data survey outreach workshop budget contract housing transport'.split(
    ' ',
  );

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * Weekly history for one mission: every round closed, most members answering, some blockers
 * and stories; three indicators with monthly readings; quarterly budget alignment. Returns the
 * newest round's id (the one the digest is built for).
 */
export async function seedHistory(
  store: Store,
  mission: CountyMission,
  opts: HistoryOptions,
): Promise<{ roundId: string; checkins: number }> {
  const rand = prng(42);
  const schedule = { ...DEFAULT_SCHEDULE };
  const current = weekKey(opts.now, DEFAULT_TIME_ZONE);
  const answerRate = opts.answerRate ?? 0.8;
  const ids = mission.members.map((p) => memberId(mission.id, p.user));
  const model = checkinModel(store.connection);
  let latest = '';
  let checkins = 0;
  for (let w = opts.weeks; w >= 1; w--) {
    const key = addWeeks(current, -w);
    const times = roundTimes(schedule, DEFAULT_TIME_ZONE, key);
    const id = roundId(mission.id, key);
    latest = id;
    await store.rounds.insert({
      id,
      missionId: mission.id,
      weekKey: key,
      status: 'closed',
      ...times,
      questions: DEFAULT_QUESTIONS,
      asked: ids,
      away: [],
    });
    await store.rounds.markClosed(id, times.closesAt);
    const docs: CheckinDoc[] = [];
    mission.members.forEach((p, i) => {
      if (rand() > answerRate) return;
      const blocked = rand() < 0.15;
      const answers: Answers = {
        moved: sentence(rand, 12 + Math.floor(rand() * 30)),
        next: sentence(rand, 8 + Math.floor(rand() * 20)),
        confidence: String(1 + Math.floor(rand() * 5)),
        ...(blocked
          ? {
              blocker: sentence(rand, 10 + Math.floor(rand() * 20)),
              blocker_severity: rand() < 0.2 ? 'high' : 'medium',
              blocker_help: 'Someone at the council',
            }
          : {}),
        ...(rand() < 0.1 ? { story: sentence(rand, 40 + Math.floor(rand() * 60)) } : {}),
      };
      docs.push({
        _id: checkinId(id, ids[i]),
        roundId: id,
        missionId: mission.id,
        memberId: ids[i],
        userKey: userKey(p.user),
        status: rand() < 0.03 ? 'skipped' : 'answered',
        answers: JSON.stringify(answers),
        late: false,
        submittedAt: new Date(times.opensAt.getTime() + 3_600_000),
        history: [],
      });
    });
    if (docs.length) await model.insertMany(docs, { ordered: false, lean: true });
    checkins += docs.length;
  }

  const admin = ids[0];
  const at = opts.now;
  const start = new Date(opts.now.getTime() - opts.weeks * 7 * 86_400_000);
  const month = (d: Date): string => d.toISOString().slice(0, 7);
  const indicators = [
    {
      key: 'youth-claimants',
      name: 'Young people claiming out-of-work benefits',
      unit: 'people',
      direction: 'down' as const,
      from: 1200,
      to: 600,
    },
    { key: 'apprenticeships', name: 'Apprenticeship starts', unit: 'starts', direction: 'up' as const, from: 80, to: 240 },
    { key: 'employers', name: 'Employers signed up', direction: 'up' as const, from: 5, to: 60 },
  ];
  for (const ind of indicators) {
    const stored = await store.indicators.insert(
      mission.id,
      {
        key: ind.key,
        name: ind.name,
        ...(ind.unit ? { unit: ind.unit } : {}),
        direction: ind.direction,
        baseline: { value: ind.from, date: `${month(start)}-01` },
        target: { value: ind.to, date: '2030-12-01' },
      },
      at,
    );
    for (let m = 0; m * 30 < opts.weeks * 7; m++) {
      const d = new Date(start.getTime() + m * 30 * 86_400_000);
      const progress = (m * 30) / (opts.weeks * 7);
      const value = Math.round(ind.from + (ind.to - ind.from) * progress * 0.4 + (rand() - 0.5) * 0.05 * ind.from);
      await store.indicators.readings.record(
        { missionId: mission.id, key: ind.key, uid: stored.uid },
        { value, date: `${month(d)}-01`, recordedBy: admin },
        d,
      );
    }
  }
  for (let q = 0; q * 13 < opts.weeks; q++) {
    const d = new Date(start.getTime() + q * 91 * 86_400_000);
    const period = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    await store.budgets.record({
      missionId: mission.id,
      period,
      total: 2_000_000,
      aligned: 300_000 + q * 40_000,
      recordedBy: admin,
      recordedAt: d,
    });
  }
  for (let b = 0; b < 40; b++) {
    const owner = mission.members[Math.floor(rand() * mission.members.length)];
    const weeksAgo = Math.floor(rand() * 20);
    await store.blockers.insert(
      {
        id: `blocker_bench_${b}`,
        missionId: mission.id,
        ownerMemberId: memberId(mission.id, owner.user),
        ownerName: owner.name,
        ownerOrganisation: owner.organisation,
        ownerUser: owner.user,
        text: sentence(rand, 15),
        severity: rand() < 0.2 ? 'high' : 'medium',
        status: 'open',
        source: 'command',
        firstWeek: addWeeks(current, -weeksAgo - 1),
        firstSeenAt: new Date(opts.now.getTime() - (weeksAgo + 1) * 7 * 86_400_000),
      },
      at,
    );
    if (b < 30) {
      const resolvedAt = new Date(opts.now.getTime() - Math.floor(rand() * weeksAgo + 1) * 86_400_000);
      await store.blockers.close(`blocker_bench_${b}`, {
        status: 'resolved',
        at: resolvedAt,
        by: mission.members[0].name,
        byMemberId: admin,
        note: 'Sorted with the council.',
      });
    }
  }
  return { roundId: latest, checkins };
}
