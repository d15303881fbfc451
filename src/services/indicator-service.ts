import type { BudgetCommand, IndicatorCommand } from '../commands/indicators';
import { alignedShare, financialYear } from '../domain/budget-rules';
import type { UserRef } from '../domain/identity';
import type { Indicator, IndicatorReading, IndicatorStatus } from '../domain/indicator';
import { definitionProblem, inferDirection, MAX_INDICATORS_PER_MISSION } from '../domain/indicator-rules';
import { assess, latestReading, valueNeededNow } from '../domain/indicator-status';
import { canLead, memberId, type Member, type Mission } from '../domain/mission';
import { conflict, forbidden, invalidInput, notFound } from '../errors';
import {
  budgetRecordedMessage,
  budgetTrendMessage,
  indicatorAddedMessage,
  indicatorEditedMessage,
  indicatorListMessage,
  indicatorRemovedMessage,
  readingRecordedMessage,
  type BudgetPoint,
  type IndicatorView,
} from '../messages/indicator-messages';
import { indicatorText } from '../messages/indicator-texts';
import { missionText } from '../messages/mission-texts';
import type { Message } from '../messages/model';
import type { IndicatorChange, StoredIndicator } from '../store/indicator-repository';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import { todayIn, type MissionService } from './mission-service';

/** One indicator with everything the list, the digest and the chart show. */
export interface IndicatorWithStatus {
  indicator: StoredIndicator;
  /** The reading the status is measured at (latest date). */
  latest?: IndicatorReading;
  status: IndicatorStatus;
  /** The trajectory today: what a reading today must be, at least as good as, to be on track. */
  expectedNow: number;
  /** The trajectory on the latest reading's date. */
  expectedAtLatest?: number;
  /** How far the latest reading is behind the trajectory, as a share of the planned change. */
  shortfall?: number;
  /** The readings that count (one per date), oldest first. */
  readings: IndicatorReading[];
}

export type { BudgetPoint };

export interface ReadingInput {
  value: number;
  date: string;
  note?: string;
}

/** Definitions as the audit log keeps them. */
const auditable = (i: Indicator) => ({
  key: i.key,
  name: i.name,
  unit: i.unit,
  direction: i.direction,
  baseline: i.baseline,
  target: i.target,
  ownerMemberId: i.ownerMemberId,
});

/** Mission indicators (definitions, readings, status) and budget alignment. */
export class IndicatorService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
  ) {}

  // ---- commands -------------------------------------------------------------------------

  async handle(actor: Actor, cmd: IndicatorCommand, mentionNames: Record<string, string> = {}): Promise<Message> {
    switch (cmd.action) {
      case 'add':
        return this.add(actor, cmd, mentionNames);
      case 'edit':
        return this.edit(actor, cmd, mentionNames);
      case 'remove':
        return this.remove(actor, cmd.slug, cmd.key);
      case 'record':
        return this.record(actor, cmd);
    }
  }

  private async add(
    actor: Actor,
    cmd: Extract<IndicatorCommand, { action: 'add' }>,
    mentionNames: Record<string, string>,
  ): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission, members } = await this.missions.asAdmin(actor, cmd.slug);
    const owner = cmd.owner === undefined ? undefined : this.ownerMember(actor, mission, members, cmd.owner, mentionNames);
    if (await store.indicators.get(mission.id, cmd.key)) {
      throw conflict(indicatorText.keyTaken(mission.slug, cmd.key));
    }
    if ((await store.indicators.countByMission(mission.id)) >= MAX_INDICATORS_PER_MISSION) {
      throw invalidInput(indicatorText.tooMany(mission.slug));
    }
    const direction = cmd.direction ?? inferDirection(cmd.baseline.value, cmd.target.value);
    if (!direction) throw invalidInput(indicatorText.noDirection);
    const definition: Indicator = {
      key: cmd.key,
      name: cmd.indicatorName,
      direction,
      baseline: cmd.baseline,
      target: cmd.target,
      ...(cmd.unit ? { unit: cmd.unit } : {}),
      ...(owner ? { ownerMemberId: owner.id } : {}),
    };
    const at = clock.now();
    const stored = await store.indicators.insert(mission.id, definition, at);
    await store.audit.record(mission.id, actor, 'indicator.add', at, undefined, auditable(stored));
    return indicatorAddedMessage(mission, stored, owner?.displayName, valueNeededNow(stored, todayIn(mission.timeZone, at)));
  }

  private async edit(
    actor: Actor,
    cmd: Extract<IndicatorCommand, { action: 'edit' }>,
    mentionNames: Record<string, string>,
  ): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission, members } = await this.missions.asAdmin(actor, cmd.slug);
    const current = await this.existing(mission, cmd.key);
    const owner =
      cmd.owner === undefined || cmd.owner === null ? cmd.owner : this.ownerMember(actor, mission, members, cmd.owner, mentionNames);
    const baseline = cmd.baseline ?? current.baseline;
    const target = cmd.target ?? current.target;
    const problem = definitionProblem({ baseline, target });
    if (problem) throw invalidInput(`${problem[0].toUpperCase()}${problem.slice(1)}.`);
    // A new baseline or target re-infers the direction unless it is given (or the values tie).
    const reinferred = cmd.baseline || cmd.target ? inferDirection(baseline.value, target.value) : undefined;
    const direction = cmd.direction ?? reinferred ?? current.direction;

    const change: IndicatorChange = {};
    if (cmd.indicatorName !== undefined && cmd.indicatorName !== current.name) change.name = cmd.indicatorName;
    if (cmd.unit !== undefined && (cmd.unit ?? undefined) !== current.unit) change.unit = cmd.unit;
    if (direction !== current.direction) change.direction = direction;
    if (cmd.baseline && JSON.stringify(cmd.baseline) !== JSON.stringify(current.baseline)) change.baseline = cmd.baseline;
    if (cmd.target && JSON.stringify(cmd.target) !== JSON.stringify(current.target)) change.target = cmd.target;
    if (owner !== undefined && (owner?.id ?? undefined) !== current.ownerMemberId) change.ownerMemberId = owner?.id ?? null;

    const ownerName = (id: string | undefined) =>
      id ? (members.find((m) => m.id === id)?.displayName ?? missionText.formerMember) : undefined;
    if (Object.keys(change).length === 0) {
      return indicatorEditedMessage(current, current, ownerName(current.ownerMemberId), ownerName(current.ownerMemberId));
    }
    const at = clock.now();
    const updated = await store.indicators.update(current, change, at);
    if (!updated) throw notFound(indicatorText.goneNow(mission.slug, cmd.key));
    await store.audit.record(mission.id, actor, 'indicator.edit', at, auditable(current), auditable(updated));
    return indicatorEditedMessage(current, updated, ownerName(current.ownerMemberId), ownerName(updated.ownerMemberId));
  }

  private async remove(actor: Actor, slug: string, key: string): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission } = await this.missions.asAdmin(actor, slug);
    const current = await this.existing(mission, key);
    const readings = await store.indicators.readings.list(current.uid);
    const at = clock.now();
    // Audit first: once the readings are deleted the log is the only record of them.
    await store.audit.record(
      mission.id,
      actor,
      'indicator.remove',
      at,
      { ...auditable(current), readings: readings.map((r) => ({ date: r.date, value: r.value, recordedBy: r.recordedBy, note: r.note })) },
      undefined,
    );
    if (!(await store.indicators.remove(current))) throw notFound(indicatorText.goneNow(mission.slug, key));
    return indicatorRemovedMessage(mission, current, readings.length);
  }

  private async record(actor: Actor, cmd: Extract<IndicatorCommand, { action: 'record' }>): Promise<Message> {
    const { mission, me, members } = await this.missions.asMember(actor, cmd.slug);
    if (!canLead(me.role)) throw forbidden(indicatorText.leadsRecord(mission.slug, members));
    const indicator = await this.existing(mission, cmd.key);
    const today = todayIn(mission.timeZone, this.ctx.clock.now());
    const date = cmd.date ?? today;
    if (date > today) throw invalidInput(indicatorText.futureDate(today, mission.timeZone));
    const { reading, replaced } = await this.recordReading(mission, indicator, { value: cmd.value, date, note: cmd.note }, actor, me);
    const readings = await this.ctx.store.indicators.readings.list(indicator.uid);
    const view = this.view(indicator, readings, today);
    return readingRecordedMessage(mission, { ...view, latest: view.latest ?? reading }, reading, replaced);
  }

  /** Stores a reading by `recorder` (a lead's command, or the owner's check-in) and audits it. */
  async recordReading(
    mission: Mission,
    indicator: StoredIndicator,
    input: ReadingInput,
    actor: UserRef,
    recorder: Member,
  ): Promise<{ reading: IndicatorReading; replaced?: IndicatorReading }> {
    const at = this.ctx.clock.now();
    const result = await this.ctx.store.indicators.readings.record(
      indicator,
      { ...input, recordedBy: recorder.id, recordedByName: recorder.displayName },
      at,
    );
    await this.ctx.store.audit.record(mission.id, actor, 'indicator.record', at, result.replaced, {
      ...result.reading,
      key: indicator.key,
    });
    return result;
  }

  /** `mission indicators <slug>`: every member may look. */
  async list(actor: Actor, slug: string): Promise<Message> {
    const { mission, members } = await this.missions.asMember(actor, slug);
    const today = todayIn(mission.timeZone, this.ctx.clock.now());
    const all = await this.listWithStatus(mission.id, today);
    const byId = new Map(members.map((m) => [m.id, m.displayName]));
    return indicatorListMessage(
      mission,
      all.map((x) => ({
        ...x,
        ownerName: x.indicator.ownerMemberId ? (byId.get(x.indicator.ownerMemberId) ?? missionText.formerMember) : undefined,
      })),
    );
  }

  /** `mission budget <slug> [total= aligned= period=]`: admins record, every member may look. */
  async budget(actor: Actor, cmd: BudgetCommand): Promise<Message> {
    if (cmd.action === 'show') {
      const { mission } = await this.missions.asMember(actor, cmd.slug);
      return budgetTrendMessage(mission, await this.budgetTrend(mission.id));
    }
    const { mission, me } = await this.missions.asAdmin(actor, cmd.slug);
    const at = this.ctx.clock.now();
    const entry = {
      missionId: mission.id,
      period: cmd.period ?? financialYear(todayIn(mission.timeZone, at)),
      total: cmd.total,
      aligned: cmd.aligned,
      recordedBy: me.id,
      recordedAt: at,
    };
    const { previous } = await this.ctx.store.budgets.record(entry);
    await this.ctx.store.audit.record(mission.id, actor, 'budget.record', at, previous, entry);
    return budgetRecordedMessage(mission, entry, previous, await this.budgetTrend(mission.id));
  }

  // ---- for the digest and the chart -----------------------------------------------------

  /**
   * Every indicator of a mission in the order added, with its readings, latest reading, status
   * and the value needed today. `today` is YYYY-MM-DD (a Date is read as its UTC date).
   */
  async listWithStatus(missionId: string, today: string | Date): Promise<IndicatorWithStatus[]> {
    const day = typeof today === 'string' ? today : today.toISOString().slice(0, 10);
    const [indicators, readings] = await Promise.all([
      this.ctx.store.indicators.listByMission(missionId),
      this.ctx.store.indicators.readings.listForMission(missionId),
    ]);
    return indicators.map((ind) => this.view(ind, readings.get(ind.uid) ?? [], day));
  }

  /** Budget alignment per period, in period order (natural sort of the labels). */
  async budgetTrend(missionId: string): Promise<BudgetPoint[]> {
    const entries = await this.ctx.store.budgets.list(missionId);
    return entries.map((e) => ({ period: e.period, total: e.total, aligned: e.aligned, share: alignedShare(e.total, e.aligned) }));
  }

  private view(indicator: StoredIndicator, readings: IndicatorReading[], today: string): IndicatorWithStatus & IndicatorView {
    const latest = latestReading(readings);
    const a = assess(indicator, latest);
    return {
      indicator,
      readings,
      status: a.status,
      expectedNow: valueNeededNow(indicator, today),
      ...(latest ? { latest } : {}),
      ...(a.expected !== undefined ? { expectedAtLatest: a.expected } : {}),
      ...(a.shortfall !== undefined ? { shortfall: a.shortfall } : {}),
    };
  }

  private async existing(mission: Mission, key: string): Promise<StoredIndicator> {
    const found = await this.ctx.store.indicators.get(mission.id, key);
    if (!found) throw notFound(indicatorText.noSuchKey(mission.slug, key));
    return found;
  }

  /** The mentioned owner, who must be on the mission (people are mentioned in the caller's workspace). */
  private ownerMember(actor: Actor, mission: Mission, members: Member[], userId: string, mentionNames: Record<string, string>): Member {
    const id = memberId(mission.id, { platform: actor.platform, workspaceId: actor.workspaceId, userId });
    const found = members.find((m) => m.id === id);
    if (!found) throw invalidInput(indicatorText.ownerNotOnMission(mentionNames[userId], mission.slug));
    return found;
  }
}
