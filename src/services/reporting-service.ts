import { byUrgency } from '../domain/blocker';
import { roundId, type CheckinRound } from '../domain/checkin';
import { buildDigest, memberStatuses, participation, type DigestInput, type IndicatorView } from '../domain/digest';
import { assess, valueNeededNow } from '../domain/indicator-status';
import { membersByOrganisation, type Member, type Mission } from '../domain/mission';
import { notFound } from '../errors';
import type {
  ApiBlocker,
  ApiBudgetPeriod,
  ApiCheckin,
  ApiDigest,
  ApiIndicator,
  ApiMember,
  ApiMission,
  ApiPage,
  ApiReading,
  ApiRound,
} from '../http/api/schemas';
import type { CheckinPageRepository } from '../store/checkin-page-repository';
import type { BlockerService } from './blocker-service';
import type { ServiceContext } from './context';
import type { DigestService } from './digest-service';
import type { IndicatorService } from './indicator-service';
import { todayIn } from './mission-service';
import { decodeCursor, encodeCursor, pageOf, type PageRequest } from './report-pages';
import { blockerView, checkinView, digestView, indicatorView, memberView, missionView, readingView, roundView } from './reporting-views';

export interface ReportingSources {
  indicators: Pick<IndicatorService, 'listWithStatus' | 'budgetTrend'>;
  blockers: Pick<BlockerService, 'listForMission'>;
  digests: Pick<DigestService, 'load'>;
}

/** Every round a mission can have had: ten years of weeks. */
const MAX_ROUNDS = 530;
const EPOCH = new Date(0);

/**
 * Read-only views of one mission for the reporting API and the CSV export. Callers have
 * already checked that the reader may see `mission`; everything here is scoped to it.
 */
export class ReportingService {
  private readonly checkinPages: CheckinPageRepository;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sources: ReportingSources,
  ) {
    this.checkinPages = ctx.store.checkinPages;
  }

  mission(mission: Mission): ApiMission {
    return missionView(mission);
  }

  /** By organisation (alphabetical, none last), then name. */
  async members(mission: Mission, req: PageRequest): Promise<ApiPage<ApiMember>> {
    const members = membersByOrganisation(await this.ctx.store.members.listByMission(mission.id)).flatMap((g) => g.members);
    return pageOf(members.map(memberView), (m) => m.id, req);
  }

  private async allRounds(mission: Mission): Promise<CheckinRound[]> {
    const rounds = await this.ctx.store.rounds.latest(mission.id, MAX_ROUNDS);
    return rounds.sort((a, b) => a.weekKey.localeCompare(b.weekKey));
  }

  private async withParticipation(rounds: CheckinRound[]): Promise<ApiRound[]> {
    const responses = await this.checkinPages.responsesByRound(rounds.map((r) => r.id));
    return rounds.map((r) => {
      const p = participation(memberStatuses(r, responses.get(r.id) ?? []), []);
      return roundView(r, { asked: p.asked, answered: p.answered, skipped: p.skipped, away: p.away, missing: p.missing });
    });
  }

  async rounds(mission: Mission, req: PageRequest): Promise<ApiPage<ApiRound>> {
    const page = pageOf(await this.allRounds(mission), (r) => r.weekKey, req);
    return { data: await this.withParticipation(page.data), nextCursor: page.nextCursor };
  }

  private async roundOf(mission: Mission, week: string): Promise<CheckinRound> {
    const round = await this.ctx.store.rounds.get(roundId(mission.id, week));
    if (!round) throw notFound(`${mission.slug} had no check-in round in week ${week}`);
    return round;
  }

  async round(mission: Mission, week: string): Promise<ApiRound> {
    const [view] = await this.withParticipation([await this.roundOf(mission, week)]);
    return view;
  }

  /** Oldest week first, then by member; a keyset page over the check-ins' ids. */
  async checkins(mission: Mission, req: PageRequest & { week?: string }): Promise<ApiPage<ApiCheckin>> {
    const cursor = decodeCursor(req.cursor);
    const onlyRound = req.week ? (await this.roundOf(mission, req.week)).id : undefined;
    const rows = await this.checkinPages.page(mission.id, {
      after: cursor?.after,
      limit: req.limit + 1,
      ...(onlyRound ? { roundId: onlyRound } : {}),
    });
    const shown = rows.slice(0, req.limit);
    const roundIds = [...new Set(shown.map((c) => c.roundId))];
    const [rounds, members] = await Promise.all([
      Promise.all(roundIds.map((id) => this.ctx.store.rounds.get(id))),
      this.ctx.store.members.listByMission(mission.id),
    ]);
    const roundById = new Map(rounds.filter((r): r is CheckinRound => r !== undefined).map((r) => [r.id, r]));
    const memberById = new Map<string, Member>(members.map((m) => [m.id, m]));
    const data = shown.map((c) => {
      const round = roundById.get(c.roundId) ?? { weekKey: c.roundId.split(':').pop() ?? '', questions: [] };
      return checkinView(c, round, memberById.get(c.memberId));
    });
    const last = shown[shown.length - 1];
    return { data, nextCursor: rows.length > req.limit && last ? encodeCursor({ after: last.id }) : null };
  }

  /** Oldest first (first seen), open and closed alike unless `status` narrows it. */
  async blockers(mission: Mission, req: PageRequest & { status?: ApiBlocker['status'] }): Promise<ApiPage<ApiBlocker>> {
    const now = this.ctx.clock.now();
    const all = (await this.sources.blockers.listForMission(mission.id, EPOCH))
      .filter((b) => !req.status || b.status === req.status)
      .sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || byUrgency(a, b));
    return pageOf(
      all.map((b) => blockerView(b, now)),
      (b) => b.id,
      req,
    );
  }

  async blocker(mission: Mission, id: string): Promise<ApiBlocker> {
    const found = await this.ctx.store.blockers.get(id);
    if (!found || found.missionId !== mission.id) throw notFound(`${mission.slug} has no blocker ${id}`);
    return blockerView(found, this.ctx.clock.now());
  }

  private async indicatorList(mission: Mission) {
    return this.sources.indicators.listWithStatus(mission.id, todayIn(mission.timeZone, this.ctx.clock.now()));
  }

  private async indicatorWithReadings(mission: Mission, key: string) {
    const found = (await this.indicatorList(mission)).find((v) => v.indicator.key === key);
    if (!found) throw notFound(`${mission.slug} has no indicator with key ${key}`);
    return found;
  }

  async indicators(mission: Mission, req: PageRequest): Promise<ApiPage<ApiIndicator>> {
    return pageOf((await this.indicatorList(mission)).map(indicatorView), (i) => i.key, req);
  }

  async indicator(mission: Mission, key: string): Promise<ApiIndicator> {
    return indicatorView(await this.indicatorWithReadings(mission, key));
  }

  async readings(mission: Mission, key: string, req: PageRequest): Promise<ApiPage<ApiReading>> {
    const found = await this.indicatorWithReadings(mission, key);
    return pageOf(found.readings.map(readingView), (r) => r.date, req);
  }

  async budget(mission: Mission, req: PageRequest): Promise<ApiPage<ApiBudgetPeriod>> {
    const periods = (await this.sources.indicators.budgetTrend(mission.id)).map((p) => ({
      period: p.period,
      total: p.total,
      aligned: p.aligned,
      share: p.share,
    }));
    return pageOf(periods, (p) => p.period.toLowerCase(), req);
  }

  /** Closed rounds only: an open round's digest is not final. */
  async digests(mission: Mission, req: PageRequest): Promise<ApiPage<ApiDigest>> {
    const closed = (await this.allRounds(mission)).filter((r) => r.status === 'closed');
    const page = pageOf(closed, (r) => r.weekKey, req);
    const data: ApiDigest[] = [];
    for (const r of page.data) data.push(await this.digestOf(mission, r));
    return { data, nextCursor: page.nextCursor };
  }

  async digest(mission: Mission, week: string): Promise<ApiDigest> {
    const round = await this.roundOf(mission, week);
    if (round.status !== 'closed') throw notFound(`the round of week ${week} is still open, so it has no digest yet`);
    return this.digestOf(mission, round);
  }

  /**
   * The digest's figures as they stood when the round closed: blockers up to the close, and
   * each indicator judged on its readings up to that day.
   */
  private async digestOf(mission: Mission, round: CheckinRound): Promise<ApiDigest> {
    const closedAt = round.closedAt ?? round.closesAt;
    const input: DigestInput = await this.sources.digests.load(mission, round);
    const closeDay = todayIn(mission.timeZone, closedAt);
    const asOfClose = input.indicators.map((v) => indicatorAt(v, closeDay));
    return digestView(buildDigest({ ...input, indicators: asOfClose, now: closedAt }), closedAt);
  }
}

function indicatorAt(v: IndicatorView, day: string): IndicatorView {
  const readings = v.readings.filter((r) => r.date <= day);
  const latest = readings.reduce<(typeof readings)[number] | undefined>((best, r) => (!best || r.date > best.date ? r : best), undefined);
  return { ...v, readings, status: assess(v, latest).status, neededNow: valueNeededNow(v, day) };
}
