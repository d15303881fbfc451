import type { Mission } from '../domain/mission';
import { describeSchedule, type ZonedSchedule } from '../domain/schedule';
import { parseScheduleArgs } from '../domain/schedule-input';
import { invalidInput } from '../errors';
import { roundClosedMessage, roundOpenedMessage, noticeMessage } from '../messages/checkin-messages';
import { cycleText } from '../messages/cycle-texts';
import type { Message } from '../messages/model';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { MissionService } from './mission-service';
import type { RoundService } from './round-service';

/** The admins' controls of the weekly cycle: schedule, pause, resume, open or close a round now. */
export class CycleAdminService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
    private readonly rounds: RoundService,
  ) {}

  async schedule(
    actor: Actor,
    slug: string,
    args: { day?: string; time?: string; tz?: string; remind?: string; close?: string },
  ): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    const parsed = parseScheduleArgs(args, { schedule: mission.schedule, timeZone: mission.timeZone });
    if (!parsed.ok) throw invalidInput(parsed.message);
    return this.apply(actor, mission, parsed.value, 'mission.schedule');
  }

  async setPaused(actor: Actor, slug: string, paused: boolean): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    if (mission.schedule.paused === paused) return noticeMessage(cycleText.alreadyInState(slug, paused));
    const next = { schedule: { ...mission.schedule, paused }, timeZone: mission.timeZone };
    return this.apply(actor, mission, next, paused ? 'mission.pause' : 'mission.resume');
  }

  private async apply(actor: Actor, mission: Mission, next: ZonedSchedule, action: string): Promise<Message> {
    const now = this.ctx.clock.now();
    const opensAt = this.rounds.nextOpenAt({ ...mission, ...next }, now);
    await this.ctx.store.missions.setSchedule(mission.id, next, opensAt, now);
    // The audit entry shows the zone beside the schedule: `tz=` changes it with the rest.
    const before = { ...mission.schedule, timeZone: mission.timeZone };
    await this.ctx.store.audit.record(mission.id, actor, action, now, before, { ...next.schedule, timeZone: next.timeZone });
    return noticeMessage(cycleText.scheduleSet(mission.slug, describeSchedule(next.schedule, next.timeZone), opensAt, next.timeZone));
  }

  async checkinNow(actor: Actor, slug: string): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    const open = await this.ctx.store.rounds.findOpen(mission.id);
    if (open) throw invalidInput(cycleText.alreadyOpen(slug, open.weekKey));
    const { round, opened } = await this.rounds.openNow(mission);
    if (!opened) throw invalidInput(cycleText.alreadyRan(slug, round.weekKey));
    await this.ctx.store.audit.record(mission.id, actor, 'round.open-now', this.ctx.clock.now(), undefined, { round: round.id });
    return roundOpenedMessage(mission, round, round.asked.length, round.away.length);
  }

  async closeNow(actor: Actor, slug: string): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    const open = await this.ctx.store.rounds.findOpen(mission.id);
    if (!open) throw invalidInput(cycleText.noneOpen(slug));
    await this.rounds.close(mission, open);
    await this.ctx.store.audit.record(mission.id, actor, 'round.close-now', this.ctx.clock.now(), undefined, { round: open.id });
    const answered = (await this.ctx.store.checkins.listByRound(open)).filter((c) => c.status === 'answered').length;
    return roundClosedMessage(mission, open, answered, open.asked.length);
  }
}
