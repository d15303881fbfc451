import { blockerAgeWeeks, DEFAULT_ESCALATE_AFTER_WEEKS, type Blocker } from '../domain/blocker';
import type { Checkin, CheckinRound } from '../domain/checkin';
import type { Digest } from '../domain/digest';
import type { IndicatorReading } from '../domain/indicator';
import type { Member, Mission } from '../domain/mission';
import type { Question } from '../domain/questions';
import { WEEKDAY_NAMES } from '../domain/schedule';
import type {
  ApiBlocker,
  ApiCheckin,
  ApiDigest,
  ApiIndicator,
  ApiMember,
  ApiMission,
  ApiParticipation,
  ApiQuestion,
  ApiReading,
  ApiRound,
} from '../http/api/schemas';
import type { IndicatorWithStatus } from './indicator-service';

/**
 * Domain objects -> the reporting API's shapes (src/http/api/openapi.json). Pure; absent
 * optional fields become null so every field is always present for API clients.
 */

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

export function missionView(m: Mission): ApiMission {
  return {
    id: m.id,
    slug: m.slug,
    statement: m.statement,
    targetDate: m.targetDate ?? null,
    place: m.place ?? null,
    timeZone: m.timeZone,
    home: { platform: m.home.platform, workspaceId: m.home.workspaceId },
    schedule: {
      day: WEEKDAY_NAMES[m.schedule.day - 1].toLowerCase() as ApiMission['schedule']['day'],
      time: m.schedule.time,
      // The API keeps the schedule's own field for its clients: it is the mission's one zone.
      timeZone: m.timeZone,
      remindAfterMinutes: m.schedule.remindAfterMinutes,
      closeAfterMinutes: m.schedule.closeAfterMinutes,
      paused: m.schedule.paused,
    },
    escalateAfterWeeks: m.escalateAfterWeeks ?? DEFAULT_ESCALATE_AFTER_WEEKS,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  };
}

export function memberView(m: Member): ApiMember {
  return {
    id: m.id,
    platform: m.platform,
    workspaceId: m.workspaceId,
    userId: m.userId,
    displayName: m.displayName,
    organisation: m.organisation ?? null,
    role: m.role,
    joinedAt: iso(m.joinedAt),
  };
}

export function questionView(q: Question): ApiQuestion {
  return { id: q.id, kind: q.kind, prompt: q.prompt, required: q.required, options: q.options ?? [], role: q.role ?? null };
}

export function roundView(r: CheckinRound, participation: ApiParticipation): ApiRound {
  return {
    weekKey: r.weekKey,
    status: r.status,
    opensAt: iso(r.opensAt),
    remindAt: iso(r.remindAt),
    closesAt: iso(r.closesAt),
    closedAt: isoOrNull(r.closedAt),
    questions: r.questions.map(questionView),
    participation,
  };
}

/** The confidence answer as a whole number 1–5, or null. */
function confidenceOf(questions: Question[], answers: Checkin['answers']): number | null {
  const q = questions.find((x) => x.role === 'confidence');
  const v = q ? Number(answers[q.id]) : NaN;
  return Number.isInteger(v) && v >= 1 && v <= 5 ? v : null;
}

export function checkinView(
  c: Omit<Checkin, 'history'>,
  round: Pick<CheckinRound, 'weekKey' | 'questions'>,
  member: Member | undefined,
): ApiCheckin {
  const known = new Set(round.questions.map((q) => q.id));
  const answers = round.questions
    .filter((q) => (c.answers[q.id] ?? '') !== '')
    .map((q) => ({ questionId: q.id, prompt: q.prompt, role: q.role ?? null, value: c.answers[q.id] }));
  // Answers to questions the round no longer lists are still the member's words: keep them.
  for (const [id, value] of Object.entries(c.answers)) {
    if (!known.has(id) && value !== '') answers.push({ questionId: id, prompt: id, role: null, value });
  }
  return {
    id: c.id,
    weekKey: round.weekKey,
    member: { id: c.memberId, displayName: member?.displayName ?? null, organisation: member?.organisation ?? null },
    status: c.status,
    late: c.late,
    submittedAt: iso(c.submittedAt),
    editedAt: isoOrNull(c.editedAt),
    confidence: c.status === 'answered' ? confidenceOf(round.questions, c.answers) : null,
    answers,
  };
}

export function blockerView(b: Blocker, now: Date): ApiBlocker {
  const closedAt = b.status === 'open' ? undefined : b.resolvedAt;
  return {
    id: b.id,
    weekKey: b.firstWeek,
    owner: { id: b.ownerMemberId, displayName: b.ownerName, organisation: b.ownerOrganisation ?? null },
    text: b.text,
    severity: b.severity,
    helpWanted: b.helpWanted ?? null,
    status: b.status,
    source: b.source ?? (b.checkinId ? 'checkin' : 'command'),
    firstSeenAt: iso(b.firstSeenAt),
    ageWeeks: Math.max(0, blockerAgeWeeks(b, closedAt ?? now)),
    escalatedAt: isoOrNull(b.escalatedAt),
    resolvedAt: isoOrNull(b.resolvedAt),
    resolvedBy: b.resolvedBy ?? null,
    resolution: b.resolution ?? null,
    helpers: b.helpers.map((h) => ({ memberId: h.memberId, displayName: h.name, organisation: h.organisation ?? null, at: iso(h.at) })),
  };
}

export function readingView(r: IndicatorReading): ApiReading {
  return {
    date: r.date,
    value: r.value,
    note: r.note ?? null,
    recordedBy: r.recordedBy,
    recordedByName: r.recordedByName ?? null,
    recordedAt: iso(r.recordedAt),
  };
}

export function indicatorView(v: IndicatorWithStatus): ApiIndicator {
  const i = v.indicator;
  return {
    key: i.key,
    name: i.name,
    unit: i.unit ?? null,
    direction: i.direction,
    baseline: { value: i.baseline.value, date: i.baseline.date },
    target: { value: i.target.value, date: i.target.date },
    ownerMemberId: i.ownerMemberId ?? null,
    status: v.status,
    expectedNow: v.expectedNow,
    latest: v.latest ? readingView(v.latest) : null,
    readings: v.readings.length,
  };
}

export function digestView(d: Digest, closedAt: Date): ApiDigest {
  const p = d.participation;
  return {
    weekKey: d.round.weekKey,
    closedAt: iso(closedAt),
    participation: { asked: p.asked, answered: p.answered, skipped: p.skipped, away: p.away, missing: p.missing },
    byOrganisation: p.byOrganisation.map((o) => ({
      organisation: o.organisation,
      asked: o.asked,
      answered: o.answered,
      skipped: o.skipped,
      away: o.away,
      missing: o.missing,
    })),
    confidence: { average: d.confidence.average ?? null, responses: d.confidence.answers, change: d.confidence.change ?? null },
    blockers: {
      new: d.blockers.newThisWeek.length,
      resolved: d.blockers.resolvedThisWeek.length,
      openAtClose: d.blockers.newThisWeek.length + d.blockers.stillOpen.length,
    },
    indicators: d.indicators.map((i) => ({
      key: i.key,
      name: i.name,
      status: i.status,
      latest: i.latest ? { value: i.latest.value, date: i.latest.date } : null,
    })),
  };
}
