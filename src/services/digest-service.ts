import type { Blocker } from '../domain/blocker';
import { isAway, roundId, type Checkin, type CheckinRound } from '../domain/checkin';
import {
  buildDigest,
  digestChartData,
  memberStatuses,
  TREND_WEEKS,
  type Digest,
  type DigestChartData,
  type BudgetFigures,
  type DigestInput,
  type IndicatorView,
} from '../domain/digest';
import type { ChartInput, RenderedChart } from '../charts';
import { userKey, type ConversationRef } from '../domain/identity';
import { canLead, type Member, type Mission } from '../domain/mission';
import { addWeeks } from '../domain/week-key';
import { forbidden, invalidInput, notFound } from '../errors';
import { noticeMessage } from '../messages/checkin-messages';
import { digestDetailsMessage } from '../messages/digest-details';
import { digestMessage, digestTitle, parseDetailsValue, type DigestChart } from '../messages/digest-message';
import { digestText } from '../messages/digest-texts';
import type { Message } from '../messages/model';
import { inLanes } from '../store/in-lanes';
import type { ServiceContext } from './context';
import type { BlockerService } from './blocker-service';
import type { Actor } from './inbound-events';
import type { IndicatorService } from './indicator-service';
import { missionChannels, perWorkspaceKey, withDigest } from './mission-channels';
import { todayIn, type MissionService } from './mission-service';
import type { Reply } from './replies';

/**
 * Where the digest gets what other features own. Each is optional, so the digest works (with
 * that section empty) before a feature is wired, and tests can pass fakes.
 */
export interface DigestSources {
  /** The mission's indicators with their readings, status and value needed on `today`. */
  indicators?(missionId: string, today: string): Promise<IndicatorView[]>;
  /** Budget alignment per period, oldest period first. */
  budget?(missionId: string): Promise<BudgetFigures[]>;
  /** Blockers open at some point between `since` and `now` (the digest sorts them). */
  blockers?(missionId: string, since: Date, now: Date): Promise<Blocker[]>;
  /** The chart as a PNG (at most ~12 KB) and its alt text. */
  chart?(data: DigestChartData): Promise<{ png: Buffer; altText: string }>;
}

/** The sources as the other services and the chart renderer provide them. */
export function digestSourcesFrom(deps: {
  indicators: Pick<IndicatorService, 'listWithStatus' | 'budgetTrend'>;
  blockers: Pick<BlockerService, 'listForMission'>;
  chart?: (input: ChartInput) => Promise<RenderedChart>;
}): DigestSources {
  const { indicators, blockers, chart } = deps;
  return {
    async indicators(missionId, today) {
      return (await indicators.listWithStatus(missionId, today)).map((v) => ({
        key: v.indicator.key,
        name: v.indicator.name,
        ...(v.indicator.unit ? { unit: v.indicator.unit } : {}),
        direction: v.indicator.direction,
        baseline: v.indicator.baseline,
        target: v.indicator.target,
        readings: v.readings.map((r) => ({ date: r.date, value: r.value })),
        status: v.status,
        neededNow: v.expectedNow,
      }));
    },
    budget: (missionId) => indicators.budgetTrend(missionId),
    blockers: (missionId, since) => blockers.listForMission(missionId, since),
    ...(chart ? { chart: (data: DigestChartData) => chart(data) } : {}),
  };
}

export const digestKey = (roundId: string): string => `digest:${roundId}`;
/** A digest sent on request (`mission digest-now`) is the n-th for its round. */
export const digestNowKey = (roundId: string, n: number): string => `digest:${roundId}:${n}`;

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** People lookups in flight at once (a round's silent members, on a server that scans otherwise). */
const PEOPLE_LOOKUPS = 32;
/** More requests than this for one round is a runaway script, not a lead. */
const MAX_DIGESTS_ON_REQUEST = 100;

/** Builds the weekly digest and sends it, once, to the digest channel of each workspace of the mission. */
export class DigestService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
    private readonly sources: DigestSources = {},
  ) {}

  /** Everything the digest maths need for `round`, read from the store and the sources. */
  async load(mission: Mission, round: CheckinRound): Promise<DigestInput> {
    const { store, clock } = this.ctx;
    const now = clock.now();
    const today = todayIn(mission.timeZone, now);
    // Rounds have deterministic ids by week: the trend's weeks are _id lookups, for any round.
    const weeks = Array.from({ length: TREND_WEEKS - 1 }, (_, i) => roundId(mission.id, addWeeks(round.weekKey, -(i + 1))));
    const earlier = Promise.all(weeks.map((id) => store.rounds.get(id))).then((found) =>
      found.filter((r): r is CheckinRound => r !== undefined),
    );
    const since = earlier.then(([previous]) => previous?.closedAt ?? previous?.closesAt ?? new Date(round.opensAt.getTime() - WEEK_MS));
    const roster = store.members.listByMission(mission.id);
    // The round is read again alongside: someone who answered since `round` was read is in its stored `asked`.
    const current = store.weekPoints.checkinsOf(round, store.rounds.get(round.id));
    // Every read starts as soon as what it depends on is there; one Promise.all awaits them all.
    const [checkins, history, members, awayNow, sinceAt, blockers, indicators, budget] = await Promise.all([
      current,
      // Earlier weeks need only their figures, kept per round and recomputed when a check-in changes.
      earlier.then((rounds) => store.weekPoints.pointsOf(rounds)),
      roster,
      Promise.all([roster, current]).then(([list, cs]) => this.awayNow(round, list, cs, today)),
      since,
      since.then((from) => this.optional('blockers', () => this.sources.blockers?.(mission.id, from, now), [])),
      this.optional('indicators', () => this.sources.indicators?.(mission.id, today), []),
      this.optional('budget', () => this.sources.budget?.(mission.id), []),
    ]);
    return {
      mission: { id: mission.id, slug: mission.slug, statement: mission.statement },
      round,
      checkins,
      history,
      members,
      awayNow,
      blockers,
      since: sinceAt,
      indicators,
      budget,
      now,
    };
  }

  /**
   * Who, of those asked who neither answered nor skipped, is away now: the only members whose
   * status being away changes (memberStatuses). Their people records are `_id` lookups where
   * the server scans for anything else, one query elsewhere.
   */
  private async awayNow(round: CheckinRound, members: Member[], checkins: Checkin[], today: string): Promise<Set<string>> {
    const { store } = this.ctx;
    const asked = new Set(round.asked);
    const settled = new Set([...round.away, ...checkins.map((c) => c.memberId)]);
    const silent = members.filter((m) => asked.has(m.id) && !settled.has(m.id));
    const people = store.idLookupsOnly
      ? await inLanes(silent, PEOPLE_LOOKUPS, (m) => store.people.get(m))
      : [...(await store.people.getMany(silent.map((m) => userKey(m)))).values()];
    const away = new Set(people.flatMap((p) => (p && isAway(p.awayUntil, today) ? [userKey(p)] : [])));
    return new Set(silent.filter((m) => away.has(userKey(m))).map((m) => m.id));
  }

  /** A section whose source fails is left empty rather than holding up the whole digest. */
  private async optional<T>(what: string, load: () => Promise<T> | undefined, empty: T): Promise<T> {
    try {
      return (await load()) ?? empty;
    } catch (e) {
      this.ctx.logger.warn({ err: e, source: what }, 'digest source failed; that section is left empty');
      return empty;
    }
  }

  private async chart(digest: Digest): Promise<DigestChart | undefined> {
    if (!this.sources.chart) return undefined;
    try {
      const { png, altText } = await this.sources.chart(digestChartData(digest));
      return { pngBase64: png.toString('base64'), altText };
    } catch (e) {
      this.ctx.logger.warn({ err: e, round: digest.round.id }, 'digest chart failed; sending the digest without it');
      return undefined;
    }
  }

  async build(mission: Mission, round: CheckinRound): Promise<{ digest: Digest; message: Message }> {
    const digest = buildDigest(await this.load(mission, round));
    return { digest, message: digestMessage(digest, await this.chart(digest)) };
  }

  /**
   * The round-close hook: the scheduled digest, exactly once per round in each workspace's
   * digest channel (the home one and each linked one), each under its own dedupe key.
   */
  async onRoundClosed(mission: Mission, round: CheckinRound): Promise<void> {
    const current = (await this.ctx.store.missions.findById(mission.id)) ?? mission;
    const places = withDigest(await missionChannels(this.ctx.store, current));
    if (places.length === 0) {
      this.ctx.logger.warn({ missionId: mission.id, round: round.id }, 'no digest channel set; the digest was not sent');
      return;
    }
    const due: Array<{ key: string; channel: ConversationRef }> = [];
    for (const p of places) {
      const key = perWorkspaceKey(digestKey(round.id), p);
      if (!(await this.ctx.outboxItems.get(key))) due.push({ key, channel: p.digest });
    }
    if (due.length === 0) return;
    const { message } = await this.build(current, round);
    await this.ctx.outbox.enqueueMany(
      due.map((d) => ({
        key: d.key,
        missionId: mission.id,
        target: { conversation: d.channel },
        message,
        context: { kind: 'digest', round: round.id },
      })),
    );
    this.ctx.logger.info({ missionId: mission.id, round: round.id, channels: due.length }, 'digest enqueued');
  }

  /** `mission digest-now <slug>`: leads and admins; the open round so far, else the latest. */
  async digestNow(actor: Actor, slug: string): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission, me } = await this.missions.asMember(actor, slug);
    if (!canLead(me.role)) throw forbidden(digestText.leadsOnly(slug));
    const places = withDigest(await missionChannels(store, mission));
    if (places.length === 0) throw invalidInput(digestText.noChannel(slug));
    const round = (await store.rounds.findOpen(mission.id)) ?? (await store.rounds.latest(mission.id, 1))[0];
    if (!round) throw invalidInput(digestText.noRound(slug));
    // Each request is its own numbered digest, claimed so two replicas never send one twice.
    let n = 1;
    while (!(await store.jobs.claim(`digest-now:${round.id}:${n}`, clock.now()))) {
      if (++n > MAX_DIGESTS_ON_REQUEST) throw invalidInput(digestText.sentTooOften(round.weekKey, MAX_DIGESTS_ON_REQUEST));
    }
    const { digest, message } = await this.build(mission, round);
    await this.ctx.outbox.enqueueMany(
      places.map((p) => ({
        key: perWorkspaceKey(digestNowKey(round.id, n), p),
        missionId: mission.id,
        target: { conversation: p.digest },
        message,
        context: { kind: 'digest', round: round.id, requestedBy: me.id },
      })),
    );
    await store.audit.record(mission.id, actor, 'digest.now', clock.now(), undefined, { round: round.id, n });
    return noticeMessage(digestText.sent(digestTitle(digest), places.length));
  }

  /** "Full details" and its page buttons: any member of the mission may read them. */
  async details(actor: Actor, value: string): Promise<Reply> {
    const { store } = this.ctx;
    const parsed = parseDetailsValue(value);
    const round = parsed ? await store.rounds.get(parsed.roundId) : undefined;
    const mission = round ? await store.missions.findById(round.missionId) : undefined;
    if (!parsed || !round || !mission) throw notFound(digestText.gone);
    if (!(await store.members.find(mission.id, actor))) {
      // Outside the mission's workspaces, the digest simply does not exist.
      if (!mission.workspaceKeys.includes(`${actor.platform}:${actor.workspaceId}`)) throw notFound(digestText.gone);
      throw forbidden(digestText.membersOnly(mission.slug));
    }
    const input = await this.load(mission, round);
    const digest = buildDigest(input);
    const statuses = memberStatuses(round, input.checkins, input.awayNow);
    return {
      kind: 'private',
      message: digestDetailsMessage({ digest, round, members: input.members, statuses, checkins: input.checkins }, parsed.page),
    };
  }
}
