import type { Blocker } from './blocker';
import { blockerAgeWeeks } from './blocker';
import type { Checkin, CheckinRound } from './checkin';
import type { Member } from './mission';
import type { Question } from './questions';
import { LOW_CONFIDENCE, NO_ORGANISATION, TREND_WEEKS } from './digest-types';
import type {
  BlockerLine,
  BlockerSummary,
  BudgetFigures,
  BudgetSummary,
  ConfidenceSummary,
  Digest,
  DigestInput,
  Highlight,
  Highlights,
  IndicatorLine,
  IndicatorView,
  MemberStatus,
  Participation,
  ParticipationCounts,
  WeekPoint,
} from './digest-types';

export * from './digest-types';

/** Each member's status in the round. Everyone asked, away at the start, or who answered appears. */
export function memberStatuses(
  round: CheckinRound,
  checkins: Checkin[],
  awayNow: ReadonlySet<string> = new Set(),
): Map<string, MemberStatus> {
  const out = new Map<string, MemberStatus>();
  const away = new Set(round.away);
  for (const id of round.asked) out.set(id, away.has(id) || awayNow.has(id) ? 'away' : 'missing');
  for (const id of round.away) out.set(id, 'away');
  // An answer or a skip outranks being away: the person did take part.
  for (const c of checkins) out.set(c.memberId, c.status === 'answered' ? 'answered' : 'skipped');
  return out;
}

function emptyCounts(): ParticipationCounts {
  return { asked: 0, answered: 0, skipped: 0, missing: 0, away: 0 };
}

function count(into: ParticipationCounts, status: MemberStatus): void {
  into[status] += 1;
  if (status !== 'away') into.asked += 1;
}

/** Alphabetical, with "No organisation" last. */
export function compareOrganisations(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_ORGANISATION) return 1;
  if (b === NO_ORGANISATION) return -1;
  return a.localeCompare(b);
}

export function organisationOf(member: Pick<Member, 'organisation'> | undefined): string {
  return member?.organisation?.trim() || NO_ORGANISATION;
}

export function participation(statuses: Map<string, MemberStatus>, members: Member[]): Participation {
  const byId = new Map(members.map((m) => [m.id, m]));
  const total = emptyCounts();
  const orgs = new Map<string, ParticipationCounts>();
  for (const [id, status] of statuses) {
    const org = organisationOf(byId.get(id));
    const counts = orgs.get(org) ?? emptyCounts();
    count(counts, status);
    count(total, status);
    orgs.set(org, counts);
  }
  const byOrganisation = [...orgs.entries()]
    .sort(([a], [b]) => compareOrganisations(a, b))
    .map(([organisation, c]) => ({ organisation, ...c }));
  const partners = byOrganisation.filter((o) => o.organisation !== NO_ORGANISATION);
  return {
    ...total,
    ...(total.asked > 0 ? { rate: total.answered / total.asked } : {}),
    byOrganisation,
    engaged: partners.filter((o) => o.answered > 0).map((o) => o.organisation),
    silent: partners.filter((o) => o.asked > 0 && o.answered === 0).map((o) => o.organisation),
  };
}

function questionWithRole(questions: Question[], role: NonNullable<Question['role']>): Question | undefined {
  return questions.find((q) => q.role === role);
}

/** Confidence answers (1–5) of the answered check-ins; anything else is ignored. */
export function confidenceValues(round: Pick<CheckinRound, 'questions'>, checkins: Checkin[]): number[] {
  const q = questionWithRole(round.questions, 'confidence');
  if (!q) return [];
  const values: number[] = [];
  for (const c of checkins) {
    if (c.status !== 'answered') continue;
    const v = Number(c.answers[q.id]);
    if (Number.isInteger(v) && v >= 1 && v <= 5) values.push(v);
  }
  return values;
}

function average(values: number[]): number | undefined {
  return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : undefined;
}

export function weekPoint(round: CheckinRound, checkins: Checkin[], awayNow?: ReadonlySet<string>): WeekPoint {
  const p = participation(memberStatuses(round, checkins, awayNow), []);
  const values = confidenceValues(round, checkins);
  const avg = average(values);
  return {
    weekKey: round.weekKey,
    asked: p.asked,
    answered: p.answered,
    ...(avg !== undefined ? { confidence: avg } : {}),
    confidenceAnswers: values.length,
  };
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** ▁…█ on a fixed min–max scale (so the shape is honest across weeks); · where there is no value. */
export function sparkline(values: Array<number | undefined>, min = 1, max = 5): string {
  return values
    .map((v) => {
      if (v === undefined || !Number.isFinite(v)) return '·';
      const ratio = Math.min(1, Math.max(0, (v - min) / (max - min)));
      return SPARKS[Math.round(ratio * (SPARKS.length - 1))];
    })
    .join('');
}

/** The last TREND_WEEKS rounds up to and including this one, oldest first. */
export function trendWeeks(current: WeekPoint, history: WeekPoint[]): WeekPoint[] {
  const earlier = history.filter((w) => w.weekKey < current.weekKey).sort((a, b) => a.weekKey.localeCompare(b.weekKey));
  return [...earlier.slice(-(TREND_WEEKS - 1)), current];
}

export function confidenceSummary(values: number[], current: WeekPoint, history: WeekPoint[]): ConfidenceSummary {
  const trend = trendWeeks(current, history);
  const avg = average(values);
  const distribution: ConfidenceSummary['distribution'] = [0, 0, 0, 0, 0];
  for (const v of values) distribution[v - 1] += 1;
  const before = trend
    .slice(0, -1)
    .reverse()
    .find((w) => w.confidence !== undefined);
  const previous = before?.confidence !== undefined ? { weekKey: before.weekKey, average: before.confidence } : undefined;
  return {
    ...(avg !== undefined ? { average: avg } : {}),
    answers: values.length,
    low: values.filter((v) => v <= LOW_CONFIDENCE).length,
    distribution,
    ...(previous ? { previous } : {}),
    ...(previous && avg !== undefined ? { change: avg - previous.average } : {}),
    trend,
    sparkline: sparkline(trend.map((w) => w.confidence)),
  };
}

export function indicatorLine(view: IndicatorView): IndicatorLine {
  const readings = [...view.readings].sort((a, b) => a.date.localeCompare(b.date));
  const latest = readings[readings.length - 1];
  const previous = readings[readings.length - 2];
  const change = latest && previous ? latest.value - previous.value : undefined;
  return {
    ...view,
    readings,
    ...(latest ? { latest } : {}),
    ...(previous ? { previous } : {}),
    ...(change !== undefined ? { change, improving: change === 0 ? undefined : view.direction === 'up' ? change > 0 : change < 0 } : {}),
  };
}

export function budgetSummary(entries: BudgetFigures[]): BudgetSummary {
  const trend = entries.map((e) => ({
    period: e.period,
    total: e.total,
    aligned: e.aligned,
    share: e.total > 0 ? e.aligned / e.total : 0,
  }));
  const latest = trend[trend.length - 1];
  const previous = trend[trend.length - 2];
  return {
    ...(latest ? { latest } : {}),
    ...(previous ? { previous } : {}),
    ...(latest && previous ? { change: latest.share - previous.share } : {}),
    trend,
  };
}

const SEVERITY_RANK: Record<Blocker['severity'], number> = { high: 0, medium: 1, low: 2 };

/** New, still open and resolved blockers for the week that started at `since`. */
export function blockerSummary(blockers: Blocker[], members: Member[], weekKey: string, since: Date, now: Date): BlockerSummary {
  const byId = new Map(members.map((m) => [m.id, m]));
  const line = (b: Blocker): BlockerLine => {
    const organisation = byId.get(b.ownerMemberId)?.organisation ?? b.ownerOrganisation;
    return { blocker: b, ...(organisation ? { organisation } : {}), ageWeeks: blockerAgeWeeks(b, now) };
  };
  const isNew = (b: Blocker) => b.firstWeek === weekKey || b.firstSeenAt.getTime() >= since.getTime();
  const open = blockers.filter((b) => b.status === 'open' && b.firstSeenAt.getTime() <= now.getTime());
  const newThisWeek = open
    .filter(isNew)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.firstSeenAt.getTime() - b.firstSeenAt.getTime())
    .map(line);
  const stillOpen = open
    .filter((b) => !isNew(b))
    .sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    .map(line);
  const resolvedThisWeek = blockers
    .filter(
      (b) =>
        b.status === 'resolved' && b.resolvedAt && b.resolvedAt.getTime() >= since.getTime() && b.resolvedAt.getTime() <= now.getTime(),
    )
    .sort((a, b) => (b.resolvedAt?.getTime() ?? 0) - (a.resolvedAt?.getTime() ?? 0))
    .map(line);
  return { newThisWeek, stillOpen, resolvedThisWeek };
}

/** Answers to the question with `role`, attributed, in submission order. */
function answersWithRole(round: CheckinRound, checkins: Checkin[], members: Member[], role: 'moved' | 'story'): Highlight[] {
  const q = questionWithRole(round.questions, role);
  if (!q) return [];
  const byId = new Map(members.map((m) => [m.id, m]));
  return checkins
    .filter((c) => c.status === 'answered' && (c.answers[q.id] ?? '').trim() !== '')
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.memberId.localeCompare(b.memberId))
    .map((c) => {
      const m = byId.get(c.memberId);
      return {
        memberId: c.memberId,
        name: m?.displayName ?? 'A former member',
        ...(m?.organisation ? { organisation: m.organisation } : {}),
        text: c.answers[q.id],
      };
    });
}

/** Round-robin over organisations (alphabetical), so a big partner cannot crowd out a small one. */
export function spreadByOrganisation(items: Highlight[]): Highlight[] {
  const groups = new Map<string, Highlight[]>();
  for (const h of items) {
    const org = h.organisation?.trim() || NO_ORGANISATION;
    groups.set(org, [...(groups.get(org) ?? []), h]);
  }
  const queues = [...groups.entries()].sort(([a], [b]) => compareOrganisations(a, b)).map(([, list]) => list);
  const out: Highlight[] = [];
  for (let i = 0; out.length < items.length; i++) for (const q of queues) if (q[i]) out.push(q[i]);
  return out;
}

export function highlights(round: CheckinRound, checkins: Checkin[], members: Member[]): Highlights {
  return {
    moved: spreadByOrganisation(answersWithRole(round, checkins, members, 'moved')),
    stories: answersWithRole(round, checkins, members, 'story'),
  };
}

export function buildDigest(input: DigestInput): Digest {
  const { round, checkins, members, awayNow } = input;
  const statuses = memberStatuses(round, checkins, awayNow);
  const current = weekPoint(round, checkins, awayNow);
  return {
    mission: input.mission,
    round: {
      id: round.id,
      weekKey: round.weekKey,
      status: round.status,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      ...(round.closedAt ? { closedAt: round.closedAt } : {}),
    },
    final: round.status === 'closed',
    participation: participation(statuses, members),
    confidence: confidenceSummary(confidenceValues(round, checkins), current, input.history),
    indicators: input.indicators.map(indicatorLine),
    budget: budgetSummary(input.budget),
    blockers: blockerSummary(input.blockers, members, round.weekKey, input.since, input.now),
    highlights: highlights(round, checkins, members),
    generatedAt: input.now,
  };
}

/** The chart's data (see src/charts): the trend weeks and up to `maxIndicators` indicators with readings. */
export interface DigestChartData {
  title?: string;
  weeks: Array<{ weekKey: string; label?: string; confidence?: number; participation: number }>;
  indicators: Array<{
    name: string;
    unit?: string;
    direction: 'up' | 'down';
    readings: Array<{ date: string; value: number }>;
    baseline: { date: string; value: number };
    target: { date: string; value: number };
  }>;
}

export function digestChartData(digest: Digest, maxIndicators = 4): DigestChartData {
  return {
    title: `${digest.mission.slug}: the last ${digest.confidence.trend.length} weeks`,
    weeks: digest.confidence.trend.map((w) => ({
      weekKey: w.weekKey,
      label: w.weekKey.slice(5),
      ...(w.confidence !== undefined ? { confidence: w.confidence } : {}),
      participation: w.asked > 0 ? w.answered / w.asked : 0,
    })),
    indicators: digest.indicators
      .filter((i) => i.readings.length > 0)
      .slice(0, maxIndicators)
      .map((i) => ({
        name: i.name,
        ...(i.unit ? { unit: i.unit } : {}),
        direction: i.direction,
        readings: i.readings,
        baseline: i.baseline,
        target: i.target,
      })),
  };
}
