import type { Mission } from '../domain/mission';
import { describeSchedule, type Schedule } from '../domain/schedule';
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
    const parsed = parseScheduleArgs(args, mission.schedule);
    if (!parsed.ok) throw invalidInput(parsed.message);
    return this.apply(actor, mission, parsed.value, 'mission.schedule');
  }

  async setPaused(actor: Actor, slug: string, paused: boolean): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    if (mission.schedule.paused === paused) return noticeMessage(cycleText.alreadyInState(slug, paused));
    return this.apply(actor, mission, { ...mission.schedule, paused }, paused ? 'mission.pause' : 'mission.resume');
  }

  private async apply(actor: Actor, mission: Mission, schedule: Schedule, action: string): Promise<Message> {
    const now = this.ctx.clock.now();
    const next = this.rounds.nextOpenAt({ ...mission, schedule }, now);
    await this.ctx.store.missions.setSchedule(mission.id, schedule, next, now);
    await this.ctx.store.audit.record(mission.id, actor, action, now, mission.schedule, schedule);
    return noticeMessage(cycleText.scheduleSet(mission.slug, describeSchedule(schedule), next));
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
