import type { Checkin, CheckinRound } from '../domain/checkin';
import type { IndicatorReading } from '../domain/indicator';
import { parseNumber } from '../domain/indicator-rules';
import { latestReading, valueNeededNow } from '../domain/indicator-status';
import type { Member, Mission } from '../domain/mission';
import { indicatorValueError, indicatorValueInput } from '../messages/checkin-extra-inputs';
import type { FormInput } from '../messages/model';
import type { StoredIndicator } from '../store/indicator-repository';
import type { CheckinExtension } from './checkin-extension';
import type { ServiceContext } from './context';
import type { IndicatorService } from './indicator-service';
import { todayIn } from './mission-service';

export const INDICATOR_INPUT_PREFIX = 'ind_';
export const indicatorInputId = (key: string): string => `${INDICATOR_INPUT_PREFIX}${key}`;

/** Long enough for "1,250,000.75" and a stray space or two. */
const MAX_VALUE_LENGTH = 30;

/**
 * Asks each indicator's owner, in their weekly check-in, for its latest value (optional). A
 * number becomes a reading dated the day of the submission, recorded by the owner.
 */
export class IndicatorCheckinExtension implements CheckinExtension {
  readonly prefix = INDICATOR_INPUT_PREFIX;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly indicators: IndicatorService,
  ) {}

  async inputsFor(mission: Mission, round: CheckinRound, members: Member[]): Promise<Map<string, FormInput[]>> {
    const out = new Map<string, FormInput[]>();
    const asked = new Set(members.map((m) => m.id));
    const owned = (await this.ctx.store.indicators.listByMission(mission.id)).filter((i) => i.ownerMemberId && asked.has(i.ownerMemberId));
    if (owned.length === 0) return out;
    const readings = await this.ctx.store.indicators.readings.listForMission(mission.id);
    const today = todayIn(mission.timeZone, this.ctx.clock.now());
    for (const ind of owned) {
      const owner = ind.ownerMemberId as string;
      out.set(owner, [...(out.get(owner) ?? []), this.input(ind, readings.get(ind.uid) ?? [], round, owner, today)]);
    }
    return out;
  }

  private input(ind: StoredIndicator, readings: IndicatorReading[], round: CheckinRound, owner: string, today: string): FormInput {
    const latest = latestReading(readings);
    // Editing the check-in shows the value they gave in this round, not an empty box.
    const mine = latest && latest.recordedBy === owner && latest.recordedAt.getTime() >= round.opensAt.getTime() ? latest : undefined;
    return indicatorValueInput({
      id: indicatorInputId(ind.key),
      indicator: ind,
      maxLength: MAX_VALUE_LENGTH,
      neededNow: valueNeededNow(ind, today),
      ...(latest ? { latest: { value: latest.value, date: latest.date } } : {}),
      ...(mine ? { initial: mine.value } : {}),
    });
  }

  /** The member's own indicators: only their inputs are read, whatever else is submitted. */
  private async ownedBy(mission: Mission, member: Member): Promise<StoredIndicator[]> {
    return (await this.ctx.store.indicators.listByMission(mission.id)).filter((i) => i.ownerMemberId === member.id);
  }

  async validate(mission: Mission, _round: CheckinRound, member: Member, values: Record<string, string>): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    for (const ind of await this.ownedBy(mission, member)) {
      const id = indicatorInputId(ind.key);
      const raw = (values[id] ?? '').trim();
      if (raw === '') continue;
      if (raw.length > MAX_VALUE_LENGTH || parseNumber(raw) === undefined) {
        errors[id] = indicatorValueError(ind.baseline.value);
      }
    }
    return errors;
  }

  async afterSubmit(
    mission: Mission,
    _round: CheckinRound,
    member: Member,
    _checkin: Checkin,
    values: Record<string, string>,
  ): Promise<void> {
    const owned = await this.ownedBy(mission, member);
    if (owned.length === 0) return;
    const today = todayIn(mission.timeZone, this.ctx.clock.now());
    for (const ind of owned) {
      const value = parseNumber((values[indicatorInputId(ind.key)] ?? '').trim());
      if (value === undefined) continue;
      const sameDay = (await this.ctx.store.indicators.readings.list(ind.uid)).find((r) => r.date === today);
      // Re-submitting the check-in unchanged must not pile up superseded copies.
      if (sameDay && sameDay.value === value && sameDay.recordedBy === member.id) continue;
      await this.indicators.recordReading(mission, ind, { value, date: today }, member, member);
    }
  }
}
