import { JOIN_WINDOW_MS, REVIEW, type CheckinDraft } from '../domain/checkin-draft';
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

const quote = (s: string): string => `“${s.length > 60 ? `${s.slice(0, 59)}…` : s}”`;

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
  const resumed = draft.status === 'stopped' ? 'Carrying on with your check-in. ' : '';
  if (input.kind === 'text') return answer(d, input.text, steps, now, { fresh, resumed });

  d.lastAnswered = undefined;
  const ask = (note?: string, words = false): Turn => ({
    draft: d,
    outcome: { kind: 'ask', ...(resumed || note ? { note: `${resumed}${note ?? ''}`.trim() } : {}), words: words || resumed !== '' },
  });
  const step = stepAt(steps, d.answers, d.position);
  switch (input.word.word) {
    case 'skip-week': // handled by the service before a turn is taken
    case 'help':
      return { draft: { ...d, status: draft.status }, outcome: { kind: 'help' } };
    case 'resume':
      return ask(fresh ? `Let's do your check-in by reply, one question at a time.` : resumed ? '' : 'Here is where you are.', true);
    case 'stop':
      return { draft: { ...d, status: 'stopped' }, outcome: { kind: 'saved' } };
    case 'skip': {
      if (!step) return ask('There is no question to skip here. Reply `done` to send your check-in.');
      if (mustAnswer(step, steps, d.answers)) {
        return ask(
          step.required
            ? 'This question needs an answer, so it cannot be skipped. (To skip the whole week, type `checkin skip`.)'
            : 'Say how serious the blocker is, or go `back` and answer `no` to the blocker question.',
        );
      }
      d.answers[step.id] = '';
      d.position = nextPosition(steps, d.answers, step.id, d.mode);
      return ask();
    }
    case 'next': {
      if (!step) return ask('That was the last question. Reply `done` to send your check-in.');
      if (!(d.answers[step.id] ?? '').trim()) {
        if (mustAnswer(step, steps, d.answers)) return ask('This question needs an answer before moving on.');
        d.answers[step.id] = '';
      }
      d.position = nextPosition(steps, d.answers, step.id, d.mode);
      return ask();
    }
    case 'back': {
      const previous = previousPosition(steps, d.answers, d.position);
      if (!previous) return ask('This is the first question.');
      d.position = previous;
      return ask();
    }
    case 'edit': {
      const list = applicable(steps, d.answers);
      const n = input.word.number ?? 1;
      if (n < 1 || n > list.length) return ask(`There is no question ${n}: pick one from 1 to ${list.length}.`);
      d.position = list[n - 1].id;
      return ask();
    }
    case 'done': {
      const missing = applicable(steps, d.answers).find((s) => mustAnswer(s, steps, d.answers) && !(d.answers[s.id] ?? '').trim());
      if (missing) {
        d.position = missing.id;
        return ask(`Not quite yet: ${quote(missing.prompt)} still needs an answer.`);
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
      ...(ctx.resumed || note ? { note: `${ctx.resumed}${note ?? ''}`.trim() } : {}),
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
      return ask(
        `That would make your answer to ${quote(last.prompt)} longer than ${last.maxLength.toLocaleString('en-GB')} characters, so I left it out.`,
      );
    }
    d.answers[last.id] = joined;
    return ask(`Added that to your answer to ${quote(last.prompt)}.`);
  }

  const step = stepAt(steps, d.answers, d.position);
  if (!step) {
    d.lastAnswered = undefined;
    return ask('Every question has an answer, so I did not take that as one.');
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
  if (ctx.fresh) return ask(`Thanks, I've taken that as your answer to ${quote(step.prompt)}. I'll ask the rest one at a time.`, true);
  const option = step.options.find((o) => o.value === read.value);
  if (option) return ask(`Got it: ${option.label}.`);
  if (step.role === 'blocker' && read.value === '') return ask('No blocker, noted.');
  return ask();
}
