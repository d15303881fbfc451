import { JOIN_WINDOW_MS, REVIEW, type CheckinDraft } from '../domain/checkin-draft';
import { conversationNote as say } from '../messages/conversation-notes';
import {
  applicable,
  firstOpen,
  isFreeText,
  mustAnswer,
  nextPosition,
  previousPosition,
  readAnswer,
  stepAt,
  type Step,
} from './checkin-steps';
import type { Word } from './conversation-words';

/**
 * One reply applied to a draft: a pure function, so that it can run again on a newer version of
 * the draft when another reply got stored first.
 */

export type TurnInput = { kind: 'word'; word: Word } | { kind: 'text'; text: string };

export type Outcome =
  /** Ask the question at the draft's position (or show the review). */
  | { kind: 'ask'; note?: string; words?: boolean }
  | { kind: 'saved' }
  /** Every required question is answered and the member said `done`. */
  | { kind: 'submit' }
  | { kind: 'help' };

export interface Turn {
  draft: CheckinDraft;
  outcome: Outcome;
}

/** The position a draft is really at: a stale or empty one becomes the first open question. */
export function settledPosition(d: CheckinDraft, steps: Step[]): string {
  if (d.position === REVIEW) return REVIEW;
  if (d.position && stepAt(steps, d.answers, d.position)) return d.position;
  return firstOpen(steps, d.answers);
}

export function takeTurn(draft: CheckinDraft, input: TurnInput, steps: Step[], now: Date): Turn {
  const fresh = draft.recent.length === 0 && Object.keys(draft.answers).length === 0 && draft.mode === 'new';
  const d: CheckinDraft = {
    ...draft,
    answers: { ...draft.answers },
    position: settledPosition(draft, steps),
    status: 'active',
    updatedAt: now,
  };
  const resumed = draft.status === 'stopped' ? say.resumed : '';
  if (input.kind === 'text') return answer(d, input.text, steps, now, { fresh, resumed });

  d.lastAnswered = undefined;
  const ask = (note?: string, words = false): Turn => ({
    draft: d,
    outcome: { kind: 'ask', ...(resumed || note ? { note: joinNotes(resumed, note) } : {}), words: words || resumed !== '' },
  });
  const step = stepAt(steps, d.answers, d.position);
  switch (input.word.word) {
    case 'skip-week': // handled by the service before a turn is taken
    case 'help':
      return { draft: { ...d, status: draft.status }, outcome: { kind: 'help' } };
    case 'resume':
      return ask(fresh ? say.start : resumed ? '' : say.whereYouAre, true);
    case 'stop':
      return { draft: { ...d, status: 'stopped' }, outcome: { kind: 'saved' } };
    case 'skip': {
      if (!step) return ask(say.nothingToSkip);
      if (mustAnswer(step, steps, d.answers)) return ask(step.required ? say.cannotSkipRequired : say.cannotSkipSeverity);
      d.answers[step.id] = '';
      d.position = nextPosition(steps, d.answers, step.id, d.mode);
      return ask();
    }
    case 'next': {
      if (!step) return ask(say.lastQuestion);
      if (!(d.answers[step.id] ?? '').trim()) {
        if (mustAnswer(step, steps, d.answers)) return ask(say.needsAnswer);
        d.answers[step.id] = '';
      }
      d.position = nextPosition(steps, d.answers, step.id, d.mode);
      return ask();
    }
    case 'back': {
      const previous = previousPosition(steps, d.answers, d.position);
      if (!previous) return ask(say.firstQuestion);
      d.position = previous;
      return ask();
    }
    case 'edit': {
      const list = applicable(steps, d.answers);
      const n = input.word.number ?? 1;
      if (n < 1 || n > list.length) return ask(say.noSuchQuestion(n, list.length));
      d.position = list[n - 1].id;
      return ask();
    }
    case 'done': {
      const missing = applicable(steps, d.answers).find((s) => mustAnswer(s, steps, d.answers) && !(d.answers[s.id] ?? '').trim());
      if (missing) {
        d.position = missing.id;
        return ask(say.stillNeeded(missing.prompt));
      }
      return { draft: d, outcome: { kind: 'submit' } };
    }
  }
}

function answer(d: CheckinDraft, text: string, steps: Step[], now: Date, ctx: { fresh: boolean; resumed: string }): Turn {
  const ask = (note?: string, words = false): Turn => ({
    draft: d,
    outcome: {
      kind: 'ask',
      ...(ctx.resumed || note ? { note: joinNotes(ctx.resumed, note) } : {}),
      words: words || ctx.resumed !== '',
    },
  });

  // A quick follow-up is the rest of the previous answer, not the answer to the next question.
  const last = d.lastAnswered ? steps.find((s) => s.id === d.lastAnswered) : undefined;
  const quick = d.lastMessageAt !== undefined && now.getTime() - d.lastMessageAt.getTime() < JOIN_WINDOW_MS;
  if (last && isFreeText(last) && quick && (d.answers[last.id] ?? '') !== '') {
    const joined = `${d.answers[last.id]}\n${text.trim()}`;
    d.lastMessageAt = now;
    if (joined.length > last.maxLength) {
      d.lastAnswered = undefined;
      return ask(say.joinedTooLong(last.prompt, last.maxLength));
    }
    d.answers[last.id] = joined;
    return ask(say.joined(last.prompt));
  }

  const step = stepAt(steps, d.answers, d.position);
  if (!step) {
    d.lastAnswered = undefined;
    return ask(say.allAnswered);
  }
  const read = readAnswer(step, text);
  if (!read.ok) {
    d.lastAnswered = undefined;
    return ask(read.hint);
  }
  d.answers[step.id] = read.value;
  d.lastAnswered = read.value !== '' && isFreeText(step) ? step.id : undefined;
  d.lastMessageAt = now;
  d.position = nextPosition(steps, d.answers, step.id, d.mode);
  if (ctx.fresh) return ask(say.firstAnswer(step.prompt), true);
  const option = step.options.find((o) => o.value === read.value);
  if (option) return ask(say.gotOption(option.label));
  if (step.role === 'blocker' && read.value === '') return ask(say.noBlocker);
  return ask();
}

/** "Carrying on with your check-in." before the note, when the member had said `stop`. */
function joinNotes(resumed: string, note: string | undefined): string {
  return [resumed, note].filter(Boolean).join(' ');
}
