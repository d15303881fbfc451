import { readNumber, simplify } from '../domain/answer-parsing';
import { checkinId, type Checkin, type CheckinRound } from '../domain/checkin';
import { isLive, JOIN_WINDOW_MS, RECENT_MESSAGES, REVIEW, type CheckinDraft } from '../domain/checkin-draft';
import { userKey } from '../domain/identity';
import type { Member, Mission } from '../domain/mission';
import { SCALE_LABELS } from '../domain/questions';
import { confirmationMessage } from '../messages/checkin-messages';
import {
  alreadyAnsweredMessage,
  answeringByReplyMessage,
  conversationHelpMessage,
  draftSavedMessage,
  noOpenCheckinMessage,
  noticeText,
  questionMessage,
  reviewMessage,
  whichCheckinMessage,
  type MissionChoice,
} from '../messages/conversation-messages';
import { conversationNote } from '../messages/conversation-notes';
import type { Message } from '../messages/model';
import { extraInputs, type CheckinExtension } from './checkin-extension';
import { settledPosition, takeTurn, type Outcome, type Turn, type TurnInput } from './checkin-conversation-turn';
import type { CheckinService } from './checkin-service';
import { applicable, buildSteps, progressOf, stepAt, type Step } from './checkin-steps';
import type { ServiceContext } from './context';
import { parseWord } from './conversation-words';
import type { DirectMessageEvent } from './inbound-events';
import { NO_REPLY, type Reply } from './replies';
import { promptKey } from './round-service';

/**
 * A message taken in but not answered for this long is assumed lost with a crashed process: its
 * redelivery is handled again (the draft's applied ids keep that from counting twice).
 */
export const STALE_MESSAGE_MS = 30_000;

type Pending = { mission: Mission; round: CheckinRound; checkin?: Checkin };

interface Subject {
  mission: Mission;
  round: CheckinRound;
  checkin?: Checkin;
  member: Member;
  id: string;
  steps: Step[];
}

const say = (message: Message): Reply => ({ kind: 'private', message });

/**
 * Check-ins answered by replying in the direct message: one question at a time, in the same
 * draft the form uses, stored through the same CheckinService.record as a form submission.
 */
export class CheckinConversation {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly checkins: CheckinService,
    /** The same list the form is built with, so replies ask what the form shows. */
    private readonly extensions: CheckinExtension[],
  ) {}

  /** A direct message to the bot. Each platform message is handled once, however often it is delivered. */
  async onMessage(ev: DirectMessageEvent): Promise<Reply> {
    const { store, clock } = this.ctx;
    const key = ev.messageId ? `${ev.actor.platform}:${ev.actor.workspaceId}:${ev.messageId}` : undefined;
    if (key && (await store.conversations.claimMessage(key, clock.now(), STALE_MESSAGE_MS)) === 'duplicate') return NO_REPLY;
    const reply = await this.handle(ev);
    if (key) await store.conversations.finishMessage(key);
    return reply;
  }

  private async handle(ev: DirectMessageEvent): Promise<Reply> {
    const { store, clock } = this.ctx;
    const text = ev.text.trim();
    const now = clock.now();
    // A message with no text (a file, a sticker) answers nothing: say where things stand.
    const word = text === '' ? { word: 'resume' as const } : parseWord(text);
    const input: TurnInput = word ? { kind: 'word', word } : { kind: 'text', text };
    const pending = await this.checkins.pending(ev.actor);
    if (pending.length === 0) return say(noOpenCheckinMessage());

    const person = userKey(ev.actor);
    const focus = await store.conversations.getFocus(person);
    const offered = (focus?.choosing ?? [])
      .map((id) => pending.find((p) => p.round.id === id))
      .filter((p): p is Pending => p !== undefined);
    if (focus && offered.length > 0) {
      const picked = pickMission(text, offered);
      if (picked) {
        await store.conversations.setFocus({ userKey: person, roundId: picked.round.id, choosing: [], updatedAt: now });
        const held: TurnInput = focus.held ? { kind: 'text', text: focus.held } : { kind: 'word', word: { word: 'resume' } };
        return this.converse(ev, picked, held, conversationNote.picked(picked.mission.slug));
      }
      if (word?.word === 'stop') {
        await store.conversations.setFocus({ userKey: person, choosing: [], updatedAt: now });
        return say(noticeText(conversationNote.pickLater));
      }
      if (!word && focus.held && focus.heldAt && now.getTime() - focus.heldAt.getTime() < JOIN_WINDOW_MS) {
        await store.conversations.setFocus({ ...focus, held: `${focus.held}\n${text}`, heldAt: now, updatedAt: now });
        return say(whichCheckinMessage(choices(offered), conversationNote.heldMore));
      }
      return say(whichCheckinMessage(choices(offered), conversationNote.notAMission));
    }

    const subject = await this.currentFor(ev, focus?.roundId, pending);
    if (subject === 'ask') {
      const unanswered = pending.filter((p) => p.checkin?.status !== 'answered');
      const list = unanswered.length > 0 ? unanswered : pending;
      await store.conversations.setFocus({
        userKey: person,
        choosing: list.map((p) => p.round.id),
        ...(word ? {} : { held: text, heldAt: now }),
        updatedAt: now,
      });
      return say(whichCheckinMessage(choices(list)));
    }
    if (focus?.roundId !== subject.round.id)
      await store.conversations.setFocus({ userKey: person, roundId: subject.round.id, choosing: [], updatedAt: now });
    return this.converse(ev, subject, input);
  }

  /** The check-in replies are about, or 'ask' when several are open and none is under way. */
  private async currentFor(ev: DirectMessageEvent, focusRound: string | undefined, pending: Pending[]): Promise<Pending | 'ask'> {
    const focused = pending.find((p) => p.round.id === focusRound);
    if (focused) {
      const member = await this.ctx.store.members.find(focused.mission.id, ev.actor);
      const draft = member ? await this.ctx.store.drafts.live(checkinId(focused.round.id, member.id)) : undefined;
      if (draft?.status === 'active') return focused;
    }
    const unanswered = pending.filter((p) => p.checkin?.status !== 'answered');
    const candidates = unanswered.length > 0 ? unanswered : pending;
    return candidates.length === 1 ? candidates[0] : 'ask';
  }

  private async subject(ev: DirectMessageEvent, p: Pending): Promise<Subject | undefined> {
    const member = await this.ctx.store.members.find(p.mission.id, ev.actor);
    if (!member) return undefined;
    const steps = buildSteps(p.round.questions, await extraInputs(this.extensions, p.mission, p.round, member));
    return { ...p, member, id: checkinId(p.round.id, member.id), steps };
  }

  /** Applies one reply to the member's draft of `p` and answers with what comes next. */
  private async converse(ev: DirectMessageEvent, p: Pending, input: TurnInput, lead?: string): Promise<Reply> {
    const s = await this.subject(ev, p);
    if (!s) return say(noOpenCheckinMessage());
    const { store, clock } = this.ctx;
    const now = clock.now();
    const answered = s.checkin?.status === 'answered';
    const editing = input.kind === 'word' && input.word.word === 'edit';
    if (input.kind === 'word' && input.word.word === 'skip-week') return this.checkins.skip(ev.actor, s.round.id);

    let turn: Turn | undefined;
    let duplicate = false;
    let alreadyIn = false;
    let startedEdit = false;
    let note = false;
    const result = await store.drafts.update(s.id, (current) => {
      turn = undefined;
      duplicate = alreadyIn = startedEdit = note = false;
      if (ev.messageId && current?.recent.includes(ev.messageId)) {
        duplicate = true;
        return undefined;
      }
      let base: CheckinDraft;
      if (current && isLive(current)) base = current;
      else if (!answered) base = this.freshDraft(s, 'new', {}, now, current?.recent ?? []);
      else if (editing) {
        base = this.freshDraft(s, 'edit', s.checkin?.answers ?? {}, now, current?.recent ?? []);
        startedEdit = true;
      } else {
        alreadyIn = true;
        return undefined;
      }
      turn = takeTurn(base, input, s.steps, now);
      if (turn.outcome.kind === 'submit') return undefined; // stored below; record() clears the draft
      note = turn.draft.mode === 'new' && !turn.draft.noted;
      return {
        ...turn.draft,
        noted: turn.draft.noted || note,
        recent: ev.messageId ? [...base.recent, ev.messageId].slice(-RECENT_MESSAGES) : base.recent,
      };
    });

    if (duplicate) return NO_REPLY;
    if (alreadyIn || !turn) return say(alreadyAnsweredMessage(s.mission, s.round));
    if (note) await this.markPromptAnsweringByReply(s);
    const applied = turn as Turn;
    if (applied.outcome.kind === 'submit') return this.submit(ev, s, applied.draft);
    const draft = result.draft ?? applied.draft;
    const prefix = [lead, startedEdit ? conversationNote.editing : undefined].filter(Boolean).join(' ');
    return say(this.render(s, draft, applied.outcome, prefix));
  }

  private freshDraft(s: Subject, mode: CheckinDraft['mode'], answers: Record<string, string>, now: Date, recent: string[]): CheckinDraft {
    return {
      id: s.id,
      roundId: s.round.id,
      missionId: s.mission.id,
      memberId: s.member.id,
      userKey: userKey(s.member),
      mode,
      status: 'active',
      answers: { ...answers },
      position: '',
      recent,
      noted: mode === 'edit',
      updatedAt: now,
    };
  }

  /** `done` with every required answer: stored exactly as a form submission would be. */
  private async submit(ev: DirectMessageEvent, s: Subject, draft: CheckinDraft): Promise<Reply> {
    const { store, clock } = this.ctx;
    const asked = new Set(applicable(s.steps, draft.answers).map((x) => x.id));
    const values = Object.fromEntries(s.steps.map((x) => [x.id, asked.has(x.id) ? (draft.answers[x.id] ?? '') : '']));
    const result = await this.checkins.record(ev.actor, s.round.id, values);
    if (result.ok) {
      const focus = await store.conversations.getFocus(draft.userKey);
      if (focus?.roundId === s.round.id)
        await store.conversations.setFocus({ userKey: draft.userKey, choosing: [], updatedAt: clock.now() });
      return say(confirmationMessage(result.mission, result.round, result.checkin, result.editable));
    }
    const bad = applicable(s.steps, draft.answers).find((x) => result.errors[x.id]);
    const why = bad ? result.errors[bad.id] : Object.values(result.errors).join(' ');
    const { draft: kept } = await store.drafts.update(s.id, (d) =>
      d && isLive(d)
        ? {
            ...d,
            position: bad?.id ?? d.position,
            lastAnswered: undefined,
            recent: ev.messageId ? [...d.recent, ev.messageId].slice(-RECENT_MESSAGES) : d.recent,
            updatedAt: clock.now(),
          }
        : undefined,
    );
    return say(this.render(s, kept ?? draft, { kind: 'ask', note: why }, ''));
  }

  private render(s: Subject, draft: CheckinDraft, outcome: Outcome, lead: string): Message {
    const withLead = (note?: string): string | undefined => [lead, note].filter(Boolean).join(' ') || undefined;
    if (outcome.kind === 'saved') {
      const given = applicable(s.steps, draft.answers).filter((x) => (draft.answers[x.id] ?? '').trim() !== '').length;
      return draftSavedMessage(s.mission, s.round, given, applicable(s.steps, draft.answers).length);
    }
    if (outcome.kind === 'help') return conversationHelpMessage(this.where(s, draft));
    if (outcome.kind === 'submit') return this.where(s, draft);
    return this.where(s, draft, withLead(outcome.note), outcome.words);
  }

  /** The question the draft is at, or the review once every question has had its turn. */
  private where(s: Subject, draft: CheckinDraft, note?: string, words?: boolean): Message {
    const position = settledPosition(draft, s.steps);
    const step = position === REVIEW ? undefined : stepAt(s.steps, draft.answers, position);
    if (!step) {
      const rows = applicable(s.steps, draft.answers)
        .filter((x) => (draft.answers[x.id] ?? '').trim() !== '')
        .map((x) => ({ label: x.prompt, value: display(x, draft.answers[x.id]) }));
      return reviewMessage(s.mission, s.round, rows, note);
    }
    const { number, total } = progressOf(s.steps, draft.answers, step.id);
    const current = (draft.answers[step.id] ?? '').trim();
    return questionMessage({
      mission: s.mission,
      question: {
        prompt: step.prompt,
        kind: step.kind,
        required: step.required,
        options: step.options,
        ...(step.hint ? { hint: step.hint } : {}),
        ...(step.role === 'blocker' ? { blocker: true } : {}),
      },
      number,
      total,
      ...(note ? { note } : {}),
      ...(current ? { current: display(step, current) } : {}),
      ...(words ? { words } : {}),
    });
  }

  /**
   * Once replies start, the prompt (which on Teams carries an empty inline form) becomes "answering
   * by reply" with a button to the prefilled form. Once per check-in, and only if it was sent.
   */
  private async markPromptAnsweringByReply(s: Subject): Promise<void> {
    const prompt = promptKey(s.round.id, s.member.id);
    if ((await this.ctx.outboxItems.get(prompt)) == null) return;
    await this.ctx.outbox.enqueue({
      key: `by-reply:${s.id}`,
      missionId: s.mission.id,
      target: { user: { platform: s.member.platform, workspaceId: s.member.workspaceId, userId: s.member.userId } },
      message: answeringByReplyMessage(s.mission, s.round),
      updates: prompt,
      context: { kind: 'by-reply', round: s.round.id, member: s.member.id },
    });
  }
}

function display(step: Step, value: string): string {
  if (step.kind === 'scale') return SCALE_LABELS[value] ?? value;
  return step.options.find((o) => o.value === value)?.label ?? value;
}

function choices(list: Pending[]): MissionChoice[] {
  return list.map((p) => ({ mission: p.mission, round: p.round, answered: p.checkin?.status === 'answered' }));
}

/** "2", "two", the slug, or an unambiguous start of it. */
function pickMission(text: string, offered: Pending[]): Pending | undefined {
  const n = readNumber(text);
  if (n !== undefined) return n >= 1 && n <= offered.length ? offered[n - 1] : undefined;
  const s = simplify(text);
  if (s.length < 2) return undefined;
  const exact = offered.find((p) => p.mission.slug.toLowerCase() === s);
  if (exact) return exact;
  const starts = offered.filter((p) => p.mission.slug.toLowerCase().startsWith(s));
  return starts.length === 1 ? starts[0] : undefined;
}

/** How long direct-message ids are remembered: platforms stop redelivering within minutes. */
const SEEN_FOR_MS = 7 * 24 * 3600_000;

/** When a round closes its drafts can no longer be sent: they and old message ids are dropped. */
export async function forgetDrafts(ctx: ServiceContext, roundId: string): Promise<void> {
  await ctx.store.drafts.deleteRound(roundId);
  await ctx.store.conversations.purgeSeen(new Date(ctx.clock.now().getTime() - SEEN_FOR_MS));
}
