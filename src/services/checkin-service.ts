import { checkinId, type Checkin, type CheckinRound } from '../domain/checkin';
import { givenAnswers, type CheckinDraft } from '../domain/checkin-draft';
import { userKey, workspaceKey } from '../domain/identity';
import type { Member, Mission } from '../domain/mission';
import { validateAnswers } from '../domain/questions';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone';
import { forbidden, invalidInput, notFound } from '../errors';
import { checkinForm, chooseMissionMessage, confirmationMessage, noticeMessage, skippedMessage } from '../messages/checkin-messages';
import { checkinText } from '../messages/checkin-texts';
import type { Form } from '../messages/model';
import { extraInputs, type CheckinExtension } from './checkin-extension';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import { todayIn } from './mission-service';
import type { Reply } from './replies';
import { promptKey } from './round-service';

interface RoundAccess {
  round: CheckinRound;
  mission: Mission;
  member: Member;
}

/** What storing a check-in came to: the stored check-in, or errors by input id. */
export type RecordResult =
  | { ok: true; checkin: Checkin; mission: Mission; round: CheckinRound; editable: boolean }
  | { ok: false; errors: Record<string, string>; form: Form; access: RoundAccess; keepAsDraft: boolean };

/** A member's side of the weekly round: open the form, answer, edit, skip, be away. */
export class CheckinService {
  constructor(
    private readonly ctx: ServiceContext,
    /** Features adding inputs to the form; the same list the RoundService prompts with. */
    private readonly extensions: CheckinExtension[] = [],
  ) {}

  private async formFor(mission: Mission, round: CheckinRound, member: Member, answers: Record<string, string>) {
    return checkinForm(mission, round, answers, await extraInputs(this.extensions, mission, round, member));
  }

  private async access(actor: Actor, id: string): Promise<RoundAccess> {
    const { store } = this.ctx;
    const round = await store.rounds.get(id);
    const mission = round ? await store.missions.findById(round.missionId) : undefined;
    if (!round || !mission) throw notFound(checkinText.gone);
    const member = await store.members.find(mission.id, actor);
    if (!member) {
      // Someone outside the mission's workspaces learns nothing, not even that it exists.
      if (!mission.workspaceKeys.includes(workspaceKey(actor))) throw notFound(checkinText.gone);
      throw forbidden(checkinText.notOnMission(mission.slug));
    }
    return { round, mission, member };
  }

  /** Open rounds of the caller's missions in this workspace, newest first. */
  async pending(actor: Actor): Promise<Array<{ mission: Mission; round: CheckinRound; checkin?: Checkin }>> {
    const { store } = this.ctx;
    const memberships = await store.members.listByUser(actor);
    const rounds = await store.rounds.findOpenForMissions(memberships.map((m) => m.missionId));
    const missions = new Map((await store.missions.findByIds(rounds.map((r) => r.missionId))).map((m) => [m.id, m]));
    const out: Array<{ mission: Mission; round: CheckinRound; checkin?: Checkin }> = [];
    for (const round of rounds) {
      const mission = missions.get(round.missionId);
      const member = memberships.find((m) => m.missionId === round.missionId);
      if (!mission || !member) continue;
      const checkin = await store.checkins.get(checkinId(round.id, member.id));
      out.push({ mission, round, ...(checkin ? { checkin } : {}) });
    }
    return out.sort((a, b) => b.round.opensAt.getTime() - a.round.opensAt.getTime());
  }

  /** `/checkin [slug]`: the pending form, or which mission when several are open. */
  async openPending(actor: Actor, slug?: string): Promise<Reply> {
    const all = await this.pending(actor);
    const open = slug ? all.filter((p) => p.mission.slug === slug) : all.filter((p) => p.checkin?.status !== 'answered');
    if (open.length === 0) {
      if (slug) return { kind: 'private', message: noticeMessage(checkinText.noneOpenFor(slug)) };
      const answered = all.filter((p) => p.checkin?.status === 'answered');
      if (answered.length > 0) {
        const p = answered[0];
        return { kind: 'private', message: confirmationMessage(p.mission, p.round, p.checkin!, true) };
      }
      return { kind: 'private', message: noticeMessage(checkinText.noneOpen) };
    }
    if (open.length > 1) return { kind: 'private', message: chooseMissionMessage(open) };
    return this.openForm(actor, open[0].round.id);
  }

  /** The form for one round, prefilled with the member's answers so far. */
  async openForm(actor: Actor, id: string): Promise<Reply> {
    const { round, mission, member } = await this.access(actor, id);
    const existing = await this.ctx.store.checkins.get(checkinId(round.id, member.id));
    if (existing?.status === 'answered' && round.status === 'closed') {
      return { kind: 'private', message: noticeMessage(checkinText.closedForEdits(mission.slug)) };
    }
    // A draft (from replies, or a form sent back with errors) is what the member last said.
    const draft = await this.ctx.store.drafts.live(checkinId(round.id, member.id));
    const answers = draft ? givenAnswers(draft.answers) : existing?.status === 'answered' ? existing.answers : {};
    return { kind: 'form', form: await this.formFor(mission, round, member, answers) };
  }

  /** A submitted form: validated in full before anything is stored. */
  async submit(actor: Actor, id: string, values: Record<string, string>): Promise<Reply> {
    const result = await this.record(actor, id, values);
    if (result.ok) return { kind: 'form-done' };
    if (result.keepAsDraft) await this.keepAsDraft(result.access, values, result.errors);
    return { kind: 'form-errors', errors: result.errors, form: result.form, values };
  }

  /**
   * Validates and stores a check-in, from the form or from replies alike: the same checks, the
   * same history on edits, the same confirmation in place of the prompt. Clears the draft.
   */
  async record(actor: Actor, id: string, values: Record<string, string>): Promise<RecordResult> {
    const access = await this.access(actor, id);
    const { round, mission, member } = access;
    const { store, clock } = this.ctx;
    const form = await this.formFor(mission, round, member, values);
    const { answers, errors } = validateAnswers(round.questions, values);
    for (const ext of this.extensions) Object.assign(errors, await ext.validate(mission, round, member, values));
    const key = checkinId(round.id, member.id);
    if (Object.keys(errors).length > 0) {
      const previous = await store.checkins.get(key);
      return { ok: false, errors, form, access, keepAsDraft: previous?.status !== 'answered' };
    }

    const now = clock.now();
    const closed = round.status === 'closed' || now.getTime() >= round.closesAt.getTime();
    const fresh = {
      id: key,
      roundId: round.id,
      missionId: mission.id,
      memberId: member.id,
      userKey: userKey(member),
      status: 'answered' as const,
      answers,
      late: closed,
      submittedAt: now,
    };
    // Before the check-in: readers find a round's check-ins by who was asked (CheckinRepository.listByRound).
    if (!round.asked.includes(member.id)) await store.rounds.addAsked(round.id, member.id);
    let stored: Checkin;
    if (await store.checkins.insert(fresh)) {
      stored = { ...fresh, history: [] };
    } else {
      const previous = await store.checkins.get(key);
      if (!previous) throw new Error(`check-in ${key} vanished`);
      if (previous.status === 'answered' && closed) {
        return {
          ok: false,
          errors: { [round.questions[0].id]: checkinText.roundClosedField },
          form,
          access,
          keepAsDraft: false,
        };
      }
      if (previous.status === 'answered' && JSON.stringify(previous.answers) === JSON.stringify(answers)) {
        stored = previous; // the same submission again (a double click or a redelivery)
      } else {
        await store.checkins.edit(previous, answers, now);
        stored = {
          ...previous,
          answers,
          status: 'answered',
          editedAt: now,
          late: previous.late,
          history:
            previous.status === 'answered'
              ? [...previous.history, { answers: previous.answers, at: previous.editedAt ?? previous.submittedAt }]
              : previous.history,
        };
      }
    }
    for (const ext of this.extensions) await ext.afterSubmit(mission, round, member, stored, values);
    await store.drafts.clear(key, now);
    await this.replacePrompt(
      mission,
      round,
      member,
      confirmationMessage(mission, round, stored, !closed),
      `confirm:${key}:${stored.history.length}`,
    );
    return { ok: true, checkin: stored, mission, round, editable: !closed };
  }

  /** A form sent back with errors keeps its valid answers, so replies can carry on from there. */
  private async keepAsDraft(
    { round, mission, member }: RoundAccess,
    values: Record<string, string>,
    errors: Record<string, string>,
  ): Promise<void> {
    const kept = Object.fromEntries(
      Object.entries(values)
        .filter(([k, v]) => !errors[k] && v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    if (Object.keys(kept).length === 0) return;
    const at = this.ctx.clock.now();
    const id = checkinId(round.id, member.id);
    await this.ctx.store.drafts.update(id, (d): CheckinDraft => {
      const base: CheckinDraft =
        d && d.status !== 'cleared'
          ? d
          : {
              id,
              roundId: round.id,
              missionId: mission.id,
              memberId: member.id,
              userKey: userKey(member),
              mode: 'new',
              status: 'stopped',
              answers: {},
              position: '',
              recent: [],
              noted: false,
              updatedAt: at,
            };
      return { ...base, answers: { ...base.answers, ...kept }, position: '', lastAnswered: undefined, updatedAt: at };
    });
  }

  async skip(actor: Actor, id: string): Promise<Reply> {
    const { round, mission, member } = await this.access(actor, id);
    const { store, clock } = this.ctx;
    const key = checkinId(round.id, member.id);
    if (!round.asked.includes(member.id)) await store.rounds.addAsked(round.id, member.id);
    const inserted = await store.checkins.insert({
      id: key,
      roundId: round.id,
      missionId: mission.id,
      memberId: member.id,
      userKey: userKey(member),
      status: 'skipped',
      answers: {},
      late: false,
      submittedAt: clock.now(),
    });
    if (!inserted) {
      const existing = await store.checkins.get(key);
      if (existing?.status === 'answered') return { kind: 'private', message: noticeMessage(checkinText.alreadyAnswered(mission.slug)) };
    }
    await this.replacePrompt(mission, round, member, skippedMessage(mission, round), `skipped:${key}`);
    return { kind: 'private', message: noticeMessage(checkinText.skipped(mission.slug)) };
  }

  /** `checkin skip [slug]`. */
  async skipPending(actor: Actor, slug?: string): Promise<Reply> {
    const all = (await this.pending(actor)).filter((p) => !p.checkin && (!slug || p.mission.slug === slug));
    if (all.length === 0) return { kind: 'private', message: noticeMessage(checkinText.noneToSkip(slug)) };
    if (all.length > 1) throw invalidInput(checkinText.sayWhichToSkip(all.map((p) => p.mission.slug)));
    return this.skip(actor, all[0].round.id);
  }

  async away(actor: Actor, until: string): Promise<Reply> {
    // Away dates belong to the person, in all their missions: read in the default zone.
    const today = todayIn(DEFAULT_TIME_ZONE, this.ctx.clock.now());
    if (until <= today) throw invalidInput(checkinText.awayNotAfterToday(nextYearDate(today)));
    if (until > nextYearDate(today)) throw invalidInput(checkinText.awayTooFar);
    await this.ctx.store.people.setAway(actor, until, this.ctx.clock.now());
    return { kind: 'private', message: noticeMessage(checkinText.away(until)) };
  }

  async back(actor: Actor): Promise<Reply> {
    await this.ctx.store.people.setAway(actor, undefined, this.ctx.clock.now());
    return { kind: 'private', message: noticeMessage(checkinText.back) };
  }

  /** Turns the member's prompt into `message` (or sends it, if they were never prompted). */
  private async replacePrompt(
    mission: Mission,
    round: CheckinRound,
    member: Member,
    message: Parameters<ServiceContext['outbox']['enqueue']>[0]['message'],
    key: string,
  ): Promise<void> {
    const prompt = promptKey(round.id, member.id);
    const hasPrompt = (await this.ctx.outboxItems.get(prompt)) != null;
    await this.ctx.outbox.enqueue({
      key,
      missionId: mission.id,
      target: { user: { platform: member.platform, workspaceId: member.workspaceId, userId: member.userId } },
      message,
      ...(hasPrompt ? { updates: prompt } : {}),
      context: { kind: 'confirmation', round: round.id, member: member.id },
    });
  }
}

function nextYearDate(today: string): string {
  return `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
}
