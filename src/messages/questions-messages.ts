import type { Mission } from '../domain/mission';
import { MAX_CHOICE_LENGTH, MAX_CHOICES, MAX_PROMPT_LENGTH, MAX_QUESTIONS, QUESTION_KINDS, type QuestionKind } from '../domain/questions';
import { noticeMessage } from './checkin-messages';
import type { Form, FormInput, Message } from './model';

/** `mission questions <slug>`: the form that edits, adds, removes and reorders the questions, and what it answers. */

export const QUESTIONS_FORM_ID = 'questions';
const MAX_CHOICES_TEXT = 500;

const KIND_LABELS: Record<QuestionKind, string> = { text: 'Short text', 'long-text': 'Long text', scale: '1–5 scale', choice: 'Choice' };

/** Carried through the platform and back: the question id in each slot, so edits keep ids (and what the answers meant). */
export interface QuestionsFormState {
  missionId: string;
  ids: string[];
}

export type QuestionField = 'prompt' | 'kind' | 'required' | 'options' | 'position';

/** The input for one field of slot `n` (1-based), like `q3_prompt`. */
export const questionInputId = (n: number, field: QuestionField): string => `q${n}_${field}`;

export function questionsForm(mission: Mission): Form {
  const inputs: FormInput[] = [];
  const ids: string[] = [];
  for (let i = 0; i < MAX_QUESTIONS; i++) {
    const q = mission.questions[i];
    ids.push(q?.id ?? '');
    const n = i + 1;
    inputs.push(
      {
        kind: 'text',
        id: questionInputId(n, 'prompt'),
        label: `Question ${n}`,
        required: false,
        maxLength: MAX_PROMPT_LENGTH,
        ...(q ? { initial: q.prompt } : {}),
        hint: n === 1 ? 'Leave a question empty to remove it.' : undefined,
      },
      {
        kind: 'choice',
        id: questionInputId(n, 'kind'),
        label: `Question ${n}: kind`,
        required: false,
        options: QUESTION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
        initial: q?.kind ?? 'long-text',
      },
      {
        kind: 'choice',
        id: questionInputId(n, 'required'),
        label: `Question ${n}: required?`,
        required: false,
        options: [
          { value: 'yes', label: 'Required' },
          { value: 'no', label: 'Optional' },
        ],
        initial: q ? (q.required ? 'yes' : 'no') : 'no',
      },
      {
        kind: 'text',
        id: questionInputId(n, 'options'),
        label: `Question ${n}: choices (for Choice, separated by commas)`,
        required: false,
        maxLength: MAX_CHOICES_TEXT,
        ...(q?.options ? { initial: q.options.join(', ') } : {}),
      },
      {
        kind: 'choice',
        id: questionInputId(n, 'position'),
        label: `Question ${n}: position`,
        required: false,
        options: Array.from({ length: MAX_QUESTIONS }, (_, k) => ({ value: String(k + 1), label: String(k + 1) })),
        initial: String(n),
      },
    );
  }
  const state: QuestionsFormState = { missionId: mission.id, ids };
  return {
    formId: QUESTIONS_FORM_ID,
    title: 'Check-in questions',
    submitLabel: 'Save',
    state: JSON.stringify(state),
    intro: [`Questions for ${mission.slug}. Changes apply from the next round.`],
    inputs,
  };
}

export function questionsSavedMessage(mission: Mission, count: number): Message {
  return noticeMessage(`Saved ${count} questions for ${mission.slug}. They apply from the next round.`);
}

/** The refusal and the errors shown on the form's fields. */
export const questionsText = {
  outOfDate: 'That form is out of date. Run `mission questions <slug>` again.',
  kindOneOf: `Choose one of: ${QUESTION_KINDS.join(', ')}.`,
  promptTooLong: `Keep a question under ${MAX_PROMPT_LENGTH} characters.`,
  choiceCount: `A choice question needs 2 to ${MAX_CHOICES} choices, separated by commas.`,
  choiceTooLong: `Keep each choice under ${MAX_CHOICE_LENGTH} characters.`,
  keepOne: 'Keep at least one question.',
};
