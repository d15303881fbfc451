import { isAway, roundId, type CheckinRound } from '../domain/checkin';
import { sameWorkspace, userKey, type ConversationRef } from '../domain/identity';
import type { Member, Mission } from '../domain/mission';
import { nextOpening, type RoundTimes } from '../domain/schedule';
import { weekKey } from '../domain/week-key';
import { promptMessage } from '../messages/checkin-messages';
import type { FormInput } from '../messages/model';
import type { EnqueueInput } from '../outbox';
import type { Person } from '../store/person-repository';
import type { CheckinExtension } from './checkin-extension';
import type { ServiceContext } from './context';
import { todayIn } from './mission-service';

/**
 * The member's stored DM, when `people` has it: saves the outbox a lookup per prompt at send
 * time (a Teams conversation reference), 10,000 of them when a county's rounds open together.
 */
function knownDm(m: Member, people: Map<string, Person> | undefined): ConversationRef | undefined {
  const dm = people?.get(userKey(m))?.dm;
  return dm && sameWorkspace(dm, m) ? dm : undefined;
}

export const promptKey = (round: string, memberId: string): string => `prompt:${round}:${memberId}`;
export const reminderKey = (round: string, memberId: string): string => `reminder:${round}:${memberId}`;

/**
 * Opens, reminds and closes weekly rounds. Every step is safe to run on many replicas at once:
 * the round is a unique insert, reminders and closes are claimed, and every message has a
 * dedupe key in the outbox.
 */
export class RoundService {
  /** Called when a round closes (digests hook in here). */
  readonly onClosed: Array<(mission: Mission, round: CheckinRound) => Promise<void>> = [];
  /** Features that add inputs to the check-in form (shared with CheckinService). */
  readonly extensions: CheckinExtension[] = [];

  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Opens the round of `week` unless it exists; returns it and whether this call opened it.
   * `preloaded` members and people save two reads per mission when many open at once.
   */
  async open(
    mission: Mission,
    week: string,
    times: RoundTimes,
    preloaded?: { members: Member[]; people: Map<string, Person> },
  ): Promise<{ round: CheckinRound; opened: boolean }> {
    const { store, clock } = this.ctx;
    const members = preloaded?.members ?? (await store.members.listByMission(mission.id));
    const today = todayIn(mission.timeZone, clock.now());
    const people = preloaded?.people ?? (await store.people.getMany(members.map((m) => userKey(m))));
    const away = members.filter((m) => isAway(people.get(userKey(m))?.awayUntil, today));
    const awayIds = new Set(away.map((m) => m.id));
    const round: CheckinRound = {
      id: roundId(mission.id, week),
      missionId: mission.id,
      weekKey: week,
      status: 'open',
      ...times,
      questions: mission.questions,
      asked: members.filter((m) => !awayIds.has(m.id)).map((m) => m.id),
      away: [...awayIds],
    };
    const opened = await store.rounds.insert(round);
    const current = opened ? round : await store.rounds.get(round.id);
    if (!current) throw new Error(`round ${round.id} vanished after insert`);
    // Enqueue even when another replica opened it: dedupe keys make this idempotent, and it
    // finishes a fan-out that a crashed replica left half done.
    if (current.status === 'open') await this.finishFanOut(mission, current, members, people);
    if (opened)
      this.ctx.logger.info({ missionId: mission.id, round: round.id, asked: round.asked.length, away: round.away.length }, 'round opened');
    return { round: current, opened };
  }

  /**
   * Enqueues every asked member's prompt (idempotent), then records that the fan-out is complete.
   * `people`, when the caller has them, give each member's stored DM to the outbox.
   */
  async finishFanOut(mission: Mission, round: CheckinRound, members?: Member[], people?: Map<string, Person>): Promise<void> {
    const all = members ?? (await this.ctx.store.members.listByMission(mission.id));
    const asked = new Set(round.asked);
    await this.prompt(
      mission,
      round,
      all.filter((m) => asked.has(m.id)),
      people,
    );
    await this.ctx.store.rounds.markFannedOut(round.id);
  }

  async prompt(mission: Mission, round: CheckinRound, members: Member[], people?: Map<string, Person>): Promise<void> {
    const extras = await this.extrasFor(mission, round, members);
    // Members without extra inputs get the same message: one object, which the outbox stores
    // (and keeps in memory until sent) as one string rather than one copy per member.
    const plain = promptMessage(mission, round, false);
    const items: EnqueueInput[] = members.map((m) => {
      const dm = knownDm(m, people);
      const extra = extras.get(m.id) ?? [];
      return {
        key: promptKey(round.id, m.id),
        missionId: mission.id,
        target: { user: { platform: m.platform, workspaceId: m.workspaceId, userId: m.userId } },
        message: extra.length > 0 ? promptMessage(mission, round, false, extra) : plain,
        context: { kind: 'prompt', round: round.id, member: m.id, name: m.displayName },
        ...(dm ? { dm } : {}),
      };
    });
    for (let i = 0; i < items.length; i += 500) await this.ctx.outbox.enqueueMany(items.slice(i, i + 500));
  }

  private async extrasFor(mission: Mission, round: CheckinRound, members: Member[]): Promise<Map<string, FormInput[]>> {
    const out = new Map<string, FormInput[]>();
    for (const ext of this.extensions) {
      for (const [id, inputs] of await ext.inputsFor(mission, round, members)) out.set(id, [...(out.get(id) ?? []), ...inputs]);
    }
    return out;
  }

  /** Prompts one member who joined, or became reachable, while a round is open. */
  async promptLate(mission: Mission, round: CheckinRound, member: Member): Promise<void> {
    if (!round.asked.includes(member.id)) await this.ctx.store.rounds.addAsked(round.id, member.id);
    await this.prompt(mission, round, [member]);
  }

  /** One reminder to each asked member who has neither answered nor skipped and is not away. */
  async remind(mission: Mission, round: CheckinRound): Promise<number> {
    const { store, clock } = this.ctx;
    if (!(await store.jobs.claim(`remind:${round.id}`, clock.now()))) return 0;
    const [checkins, members] = await Promise.all([store.checkins.listByRound(round.id), store.members.listByMission(mission.id)]);
    const done = new Set(checkins.map((c) => c.memberId));
    const asked = new Set(round.asked);
    const today = todayIn(mission.timeZone, clock.now());
    const people = await store.people.getMany(members.map((m) => userKey(m)));
    const due = members.filter((m) => asked.has(m.id) && !done.has(m.id) && !isAway(people.get(userKey(m))?.awayUntil, today));
    const extras = await this.extrasFor(mission, round, due);
    await this.ctx.outbox.enqueueMany(
      due.map((m) => ({
        key: reminderKey(round.id, m.id),
        missionId: mission.id,
        target: { user: { platform: m.platform, workspaceId: m.workspaceId, userId: m.userId } },
        message: promptMessage(mission, round, true, extras.get(m.id) ?? []),
        context: { kind: 'reminder', round: round.id, member: m.id, name: m.displayName },
      })),
    );
    await store.rounds.markReminded(round.id);
    return due.length;
  }

  /** Closes a round once, whoever asks first. */
  async close(mission: Mission, round: CheckinRound): Promise<boolean> {
    const { store, clock } = this.ctx;
    if (!(await store.jobs.claim(`close:${round.id}`, clock.now()))) return false;
    await store.rounds.markClosed(round.id, clock.now());
    const closed: CheckinRound = { ...round, status: 'closed', closedAt: clock.now() };
    this.ctx.logger.info({ missionId: mission.id, round: round.id }, 'round closed');
    for (const hook of this.onClosed) await hook(mission, closed);
    return true;
  }

  /** `mission checkin-now`: this week's round, opened now with the mission's durations. */
  async openNow(mission: Mission): Promise<{ round: CheckinRound; opened: boolean }> {
    const now = this.ctx.clock.now();
    const week = weekKey(now, mission.timeZone);
    const minute = 60_000;
    return this.open(mission, week, {
      opensAt: now,
      remindAt: new Date(now.getTime() + mission.schedule.remindAfterMinutes * minute),
      closesAt: new Date(now.getTime() + mission.schedule.closeAfterMinutes * minute),
    });
  }

  /** When the mission's next round opens after `after` (undefined while paused). */
  nextOpenAt(mission: Mission, after: Date): Date | undefined {
    return mission.schedule.paused ? undefined : nextOpening(mission.schedule, mission.timeZone, after).opensAt;
  }
}
