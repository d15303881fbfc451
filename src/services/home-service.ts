import { blockerAgeWeeks, byUrgency } from '../domain/blocker';
import { checkinId } from '../domain/checkin';
import type { IndicatorStatus } from '../domain/indicator';
import { memberStatuses, participation } from '../domain/digest';
import type { ConversationRef, UserRef } from '../domain/identity';
import { userKey } from '../domain/identity';
import { canLead, type Member, type Mission } from '../domain/mission';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone';
import {
  HOME_LIMITS,
  homeMessage,
  overviewSentMessage,
  type HomeBlocker,
  type HomeCheckin,
  type HomeHealth,
  type HomeMission,
  type HomeOverview,
} from '../messages/home-message';
import type { Message } from '../messages/model';
import { shortHash } from './blocker-alerts';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { IndicatorService } from './indicator-service';
import { todayIn } from './mission-service';
import type { Reply } from './replies';

/** Outbox key of an overview sent to a person's DM because they asked for it elsewhere. */
export const homeDmKey = (user: UserRef, at: Date): string => `home:${shortHash(userKey(user))}:${at.getTime()}`;

/**
 * A person's overview across their missions (Slack App Home, Teams `home`). Reads only: the
 * memberships, the open rounds and the person's check-ins in them, the blockers they own, and,
 * for the missions they lead (up to a cap), the last closed round and the indicators' status.
 */
export class HomeService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly indicators: IndicatorService,
  ) {}

  async overview(actor: Actor): Promise<HomeOverview> {
    const { store, clock } = this.ctx;
    const now = clock.now();
    const memberships = await store.members.listByUser(actor);
    const missions = new Map((await store.missions.findByIds(memberships.map((m) => m.missionId))).map((m) => [m.id, m]));
    const mine = memberships.filter((m) => missions.has(m.missionId));
    const open = await store.rounds.findOpenForMissions(mine.map((m) => m.missionId));
    const memberIn = new Map(mine.map((m) => [m.missionId, m]));
    const pending = await Promise.all(
      open.map(async (round) => ({
        round,
        mission: missions.get(round.missionId) as Mission,
        checkin: await store.checkins.get(checkinId(round.id, memberIn.get(round.missionId)?.id ?? '')),
      })),
    );
    const roundOf = new Map(pending.map((p) => [p.mission.id, p]));

    const checkins: HomeCheckin[] = pending
      .filter((p) => !p.checkin)
      .sort((a, b) => a.round.closesAt.getTime() - b.round.closesAt.getTime() || a.mission.slug.localeCompare(b.mission.slug))
      .map(({ mission, round }) => ({
        slug: mission.slug,
        statement: mission.statement,
        roundId: round.id,
        weekKey: round.weekKey,
        closesAt: round.closesAt,
        timeZone: mission.timeZone,
      }));

    const missionList: HomeMission[] = mine
      .map((m): HomeMission => {
        const mission = missions.get(m.missionId) as Mission;
        const round = roundOf.get(m.missionId);
        const checkin = !round ? 'none' : !round.checkin ? 'waiting' : round.checkin.status === 'answered' ? 'answered' : 'skipped';
        return { slug: mission.slug, statement: mission.statement, role: m.role, checkin };
      })
      .sort((a, b) => Number(b.checkin === 'waiting') - Number(a.checkin === 'waiting') || a.slug.localeCompare(b.slug));

    const blockers = await this.ownBlockers(mine, missions, now);
    const led = mine
      .filter((m) => canLead(m.role))
      .sort((a, b) => (missions.get(a.missionId)?.slug ?? '').localeCompare(missions.get(b.missionId)?.slug ?? ''));
    const shownHealth = led.slice(0, HOME_LIMITS.health);
    const health = await Promise.all(shownHealth.map((m) => this.health(missions.get(m.missionId) as Mission, now)));

    const first = mine.map((m) => missions.get(m.missionId)).find((m) => m !== undefined);
    return {
      updatedAt: now,
      timeZone: first?.timeZone ?? DEFAULT_TIME_ZONE,
      missions: missionList,
      checkins,
      blockers,
      health,
      healthMore: led.length - shownHealth.length,
    };
  }

  async message(actor: Actor): Promise<Message> {
    return homeMessage(await this.overview(actor));
  }

  /**
   * `home` typed in chat. In a direct message the overview is the reply; anywhere else others
   * could read it, so it goes to the person's direct message and the reply says so.
   */
  async requested(actor: Actor, where: ConversationRef): Promise<Reply> {
    const message = await this.message(actor);
    if (where.kind === 'dm') return { kind: 'private', message };
    const user: UserRef = { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId };
    await this.ctx.outbox.enqueue({
      key: homeDmKey(user, this.ctx.clock.now()),
      target: { user },
      message,
      context: { kind: 'home overview' },
    });
    return { kind: 'private', message: overviewSentMessage() };
  }

  private async ownBlockers(mine: Member[], missions: Map<string, Mission>, now: Date): Promise<HomeBlocker[]> {
    const lists = await Promise.all(
      mine.map(async (m) => (await this.ctx.store.blockers.listOpen(m.missionId)).filter((b) => b.ownerMemberId === m.id)),
    );
    return lists
      .flat()
      .sort(byUrgency)
      .map((b) => ({
        slug: missions.get(b.missionId)?.slug ?? '',
        text: b.text,
        severity: b.severity,
        ageWeeks: blockerAgeWeeks(b, now),
        helpers: b.helpers.length,
      }));
  }

  private async health(mission: Mission, now: Date): Promise<HomeHealth> {
    const { store } = this.ctx;
    const [recent, indicators, open] = await Promise.all([
      store.rounds.latest(mission.id, 3),
      this.indicators.listWithStatus(mission.id, todayIn(mission.timeZone, now)),
      store.blockers.listOpen(mission.id),
    ]);
    const counts: Partial<Record<IndicatorStatus, number>> = {};
    for (const i of indicators) counts[i.status] = (counts[i.status] ?? 0) + 1;
    const closed = recent.find((r) => r.status === 'closed');
    const base = { slug: mission.slug, indicators: counts, openBlockers: open.length };
    if (!closed) return base;
    const p = participation(memberStatuses(closed, await store.checkins.listByRound(closed)), []);
    return { ...base, lastRound: { weekKey: closed.weekKey, answered: p.answered, asked: p.asked, away: p.away } };
  }
}
