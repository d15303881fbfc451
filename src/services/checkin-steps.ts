import { matchOption, saysNothing, type AnswerOption } from '../domain/answer-parsing';
import { REVIEW } from '../domain/checkin-draft';
import { maxLengthOf, optionsOf, SCALE_LABELS, type Question } from '../domain/questions';
import { conversationNote as say } from '../messages/conversation-notes';
import type { FormInput } from '../messages/model';

/**
 * The check-in as a sequence of things to ask one at a time: the round's questions, then the
 * inputs check-in extensions add (asked as optional). The form shows the same list at once.
 */
export interface Step {
  id: string;
  kind: 'text' | 'long-text' | 'choice' | 'scale';
  prompt: string;
  required: boolean;
  options: AnswerOption[];
  maxLength: number;
  role?: Question['role'];
  hint?: string;
}

export function buildSteps(questions: Question[], extra: FormInput[]): Step[] {
  const fromQuestions = questions.map((q): Step => ({
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    required: q.required,
    options: optionsOf(q).map((v) => ({ value: v, label: q.kind === 'scale' ? (SCALE_LABELS[v] ?? v) : v })),
    maxLength: maxLengthOf(q),
    ...(q.role ? { role: q.role } : {}),
  }));
  const fromExtensions = extra.map((i): Step =>
    i.kind === 'choice'
      ? {
          id: i.id,
          kind: 'choice',
          prompt: i.label,
          required: false,
          options: i.options,
          maxLength: 150,
          ...(i.hint ? { hint: i.hint } : {}),
        }
      : {
          id: i.id,
          kind: i.multiline ? 'long-text' : 'text',
          prompt: i.label,
          required: false,
          options: [],
          maxLength: i.maxLength,
          ...(i.hint ? { hint: i.hint } : {}),
        },
  );
  return [...fromQuestions, ...fromExtensions];
}

const isFollowUp = (s: Step): boolean => s.role === 'blocker-severity' || s.role === 'blocker-help';

/** Steps to ask given the answers so far: how serious a blocker is, only when there is one. */
export function applicable(steps: Step[], answers: Record<string, string>): Step[] {
  const blocker = steps.find((s) => s.role === 'blocker');
  const hasBlocker = blocker !== undefined && (answers[blocker.id] ?? '').trim() !== '';
  return steps.filter((s) => !isFollowUp(s) || !blocker || hasBlocker);
}

/** A step that cannot be left out: required, or how serious a blocker is once one is named. */
export function mustAnswer(step: Step, steps: Step[], answers: Record<string, string>): boolean {
  if (step.required) return true;
  return step.role === 'blocker-severity' && applicable(steps, answers).some((s) => s.id === step.id);
}

export function isFreeText(step: Step | undefined): boolean {
  return step !== undefined && (step.kind === 'text' || step.kind === 'long-text');
}

/** Position within the steps asked now: "2 of 5". */
export function progressOf(steps: Step[], answers: Record<string, string>, id: string): { number: number; total: number } {
  const list = applicable(steps, answers);
  return { number: list.findIndex((s) => s.id === id) + 1, total: list.length };
}

/** The first step without an answer (not even a deliberate blank), or REVIEW when all have one. */
export function firstOpen(steps: Step[], answers: Record<string, string>): string {
  return applicable(steps, answers).find((s) => answers[s.id] === undefined)?.id ?? REVIEW;
}

/**
 * Where to go after `fromId`. New check-ins go to the next question still without an answer
 * (wrapping round to any left behind), edits walk through every question in order.
 */
export function nextPosition(steps: Step[], answers: Record<string, string>, fromId: string, mode: 'new' | 'edit'): string {
  const list = applicable(steps, answers);
  const at = list.findIndex((s) => s.id === fromId);
  const after = list.slice(at + 1);
  if (mode === 'edit') return after[0]?.id ?? REVIEW;
  return after.find((s) => answers[s.id] === undefined)?.id ?? firstOpen(steps, answers);
}

export function previousPosition(steps: Step[], answers: Record<string, string>, fromId: string): string | undefined {
  const list = applicable(steps, answers);
  if (fromId === REVIEW) return list[list.length - 1]?.id;
  const at = list.findIndex((s) => s.id === fromId);
  return at > 0 ? list[at - 1].id : undefined;
}

/** The step at `position`, if it is one that is asked now (a position may go stale). */
export function stepAt(steps: Step[], answers: Record<string, string>, position: string): Step | undefined {
  return applicable(steps, answers).find((s) => s.id === position);
}

export type ReadAnswer = { ok: true; value: string } | { ok: false; hint: string };

/** Reads a reply as the answer to `step`; a reply that does not fit gets a hint saying why. */
export function readAnswer(step: Step, text: string): ReadAnswer {
  const value = text.trim();
  if (step.kind === 'scale' || step.kind === 'choice') {
    const m = matchOption(value, step.options);
    if (m.ok) return { ok: true, value: m.option.value };
    return { ok: false, hint: optionHint(step, value, m.reason) };
  }
  if (step.role === 'blocker' && saysNothing(value)) return { ok: true, value: '' };
  if (value.length > step.maxLength) {
    return { ok: false, hint: say.tooLong(value.length, step.maxLength) };
  }
  return { ok: true, value };
}

function optionHint(step: Step, value: string, reason: 'no-match' | 'out-of-range' | 'ambiguous'): string {
  if (step.kind === 'scale') {
    const lo = step.options[0];
    const hi = step.options[step.options.length - 1];
    const range = say.scaleRange(lo, hi);
    return reason === 'out-of-range' ? say.offScale(value, range) : say.isScale(range);
  }
  return reason === 'ambiguous' ? say.ambiguousOption(value, step.options) : say.pickOption(step.options);
}
