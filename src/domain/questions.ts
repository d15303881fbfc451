/**
 * Check-in questions. Each mission has an ordered list (at most 10); every round keeps a copy,
 * so editing the questions never changes what past answers meant.
 */
export const QUESTION_KINDS = ['text', 'long-text', 'scale', 'choice'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Question {
  /** Stable id used as the form input id and the answer key. */
  id: string;
  kind: QuestionKind;
  prompt: string;
  required: boolean;
  /** For `choice` questions. */
  options?: string[];
  /** What the answer means for the product: blockers become blocker records, confidence feeds trends. */
  role?: 'moved' | 'next' | 'blocker' | 'blocker-severity' | 'blocker-help' | 'confidence' | 'story';
}

export const MAX_QUESTIONS = 10;
export const MAX_PROMPT_LENGTH = 200;
/** A choice question offers 2 to 10 choices, each under 75 characters. */
export const MAX_CHOICES = 10;
export const MAX_CHOICE_LENGTH = 75;
export const MAX_ANSWER_LENGTH = 3000;
export const MAX_SHORT_ANSWER_LENGTH = 300;
export const BLOCKER_SEVERITIES = ['low', 'medium', 'high'] as const;
export type BlockerSeverity = (typeof BLOCKER_SEVERITIES)[number];

export const SCALE_LABELS: Record<string, string> = {
  '1': '1 — very unlikely',
  '2': '2 — unlikely',
  '3': '3 — unsure',
  '4': '4 — likely',
  '5': '5 — very likely',
};

export const DEFAULT_QUESTIONS: Question[] = [
  { id: 'moved', kind: 'long-text', prompt: 'What moved this week toward the mission?', required: true, role: 'moved' },
  { id: 'next', kind: 'long-text', prompt: "What's next?", required: true, role: 'next' },
  { id: 'blocker', kind: 'long-text', prompt: 'Anything blocking you? (leave empty if not)', required: false, role: 'blocker' },
  {
    id: 'blocker_severity',
    kind: 'choice',
    prompt: 'How serious is the blocker?',
    required: false,
    options: [...BLOCKER_SEVERITIES],
    role: 'blocker-severity',
  },
  { id: 'blocker_help', kind: 'text', prompt: 'Who could help with it?', required: false, role: 'blocker-help' },
  {
    id: 'confidence',
    kind: 'scale',
    prompt: 'How confident are you that the mission is on track? (1–5)',
    required: true,
    role: 'confidence',
  },
  { id: 'story', kind: 'long-text', prompt: 'A story or lesson worth sharing (optional)', required: false, role: 'story' },
];

export function maxLengthOf(q: Question): number {
  return q.kind === 'text' ? MAX_SHORT_ANSWER_LENGTH : MAX_ANSWER_LENGTH;
}

/** The allowed values of a scale or choice question. */
export function optionsOf(q: Question): string[] {
  if (q.kind === 'scale') return ['1', '2', '3', '4', '5'];
  if (q.kind === 'choice') return q.options ?? [];
  return [];
}

export type Answers = Record<string, string>;

/**
 * Checks a submission against the questions: required answers present, lengths, allowed
 * options. Returns errors by question id; an empty object means valid.
 */
export function validateAnswers(
  questions: Question[],
  raw: Record<string, string | undefined>,
): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const value = (raw[q.id] ?? '').trim();
    if (value === '') {
      if (q.required) errors[q.id] = 'This question needs an answer.';
      continue;
    }
    if (value.length > maxLengthOf(q)) {
      errors[q.id] = `Please keep this under ${maxLengthOf(q)} characters (it is ${value.length}).`;
      continue;
    }
    const options = optionsOf(q);
    if (options.length > 0 && !options.includes(value)) {
      errors[q.id] = `Choose one of: ${options.join(', ')}.`;
      continue;
    }
    answers[q.id] = value;
  }
  const blocker = questions.find((q) => q.role === 'blocker');
  const severity = questions.find((q) => q.role === 'blocker-severity');
  if (blocker && severity && answers[blocker.id] && !answers[severity.id]) {
    errors[severity.id] = 'Say how serious the blocker is: low, medium or high.';
  }
  return { answers, errors };
}
