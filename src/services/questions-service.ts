import { MAX_QUESTIONS, QUESTION_KINDS, type Question, type QuestionKind } from '../domain/questions';
import type { Mission } from '../domain/mission';
import { notFound } from '../errors';
import { noticeMessage } from '../messages/checkin-messages';
import type { Form, FormInput } from '../messages/model';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { MissionService } from './mission-service';
import type { Reply } from './replies';

export const QUESTIONS_FORM_ID = 'questions';
const MAX_PROMPT = 200;
const KIND_LABELS: Record<QuestionKind, string> = { text: 'Short text', 'long-text': 'Long text', scale: '1–5 scale', choice: 'Choice' };

interface FormState {
  missionId: string;
  /** Question id in each slot, so edits keep ids (and what the answers meant). */
  ids: string[];
}

/** `mission questions <slug>`: one form to edit, add, remove and reorder the questions. */
export class QuestionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
  ) {}

  async open(actor: Actor, slug: string): Promise<Reply> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    return { kind: 'form', form: this.form(mission) };
  }

  form(mission: Mission): Form {
    const inputs: FormInput[] = [];
    const ids: string[] = [];
    for (let i = 0; i < MAX_QUESTIONS; i++) {
      const q = mission.questions[i];
      ids.push(q?.id ?? '');
      const n = i + 1;
      inputs.push(
        {
          kind: 'text',
          id: `q${n}_prompt`,
          label: `Question ${n}`,
          required: false,
          maxLength: MAX_PROMPT,
          ...(q ? { initial: q.prompt } : {}),
          hint: n === 1 ? 'Leave a question empty to remove it.' : undefined,
        },
        {
          kind: 'choice',
          id: `q${n}_kind`,
          label: `Question ${n}: kind`,
          required: false,
          options: QUESTION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
          initial: q?.kind ?? 'long-text',
        },
        {
          kind: 'choice',
          id: `q${n}_required`,
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
          id: `q${n}_options`,
          label: `Question ${n}: choices (for Choice, separated by commas)`,
          required: false,
          maxLength: 500,
          ...(q?.options ? { initial: q.options.join(', ') } : {}),
        },
        {
          kind: 'choice',
          id: `q${n}_position`,
          label: `Question ${n}: position`,
          required: false,
          options: Array.from({ length: MAX_QUESTIONS }, (_, k) => ({ value: String(k + 1), label: String(k + 1) })),
          initial: String(n),
        },
      );
    }
    const state: FormState = { missionId: mission.id, ids };
    return {
      formId: QUESTIONS_FORM_ID,
      title: 'Check-in questions',
      submitLabel: 'Save',
      state: JSON.stringify(state),
      intro: [`Questions for ${mission.slug}. Changes apply from the next round.`],
      inputs,
    };
  }

  async submit(actor: Actor, rawState: string, values: Record<string, string>): Promise<Reply> {
    const state = parseState(rawState);
    const mission = state ? await this.ctx.store.missions.findById(state.missionId) : undefined;
    if (!state || !mission) throw notFound('That form is out of date. Run `mission questions <slug>` again.');
    // Tenancy and role, from the actor, never the form. Slugs are per workspace: another
    // workspace's mission of the same slug must not let its admins write this one.
    const mine = await this.missions.asAdmin(actor, mission.slug);
    if (mine.mission.id !== mission.id) throw notFound('That form is out of date. Run `mission questions <slug>` again.');
    const form = this.form(mission);
    const { questions, errors } = readQuestions(mission, state, values);
    if (Object.keys(errors).length > 0) return { kind: 'form-errors', errors, form, values };
    const now = this.ctx.clock.now();
    await this.ctx.store.missions.setQuestions(mission.id, questions, now);
    await this.ctx.store.audit.record(mission.id, actor, 'mission.questions', now, mission.questions, questions);
    return {
      kind: 'form-done',
      message: noticeMessage(`Saved ${questions.length} questions for ${mission.slug}. They apply from the next round.`),
    };
  }
}

function parseState(raw: string): FormState | undefined {
  try {
    const s = JSON.parse(raw) as Partial<FormState>;
    if (typeof s.missionId === 'string' && Array.isArray(s.ids) && s.ids.every((x) => typeof x === 'string'))
      return { missionId: s.missionId, ids: s.ids };
  } catch {
    // fall through: an unreadable state is an out-of-date form
  }
  return undefined;
}

/** Reads the slots into questions in their chosen order; errors are keyed by input id. */
export function readQuestions(
  mission: Mission,
  state: FormState,
  values: Record<string, string>,
): { questions: Question[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const slots: Array<{ q: Question; position: number; moved: boolean; slot: number }> = [];
  const known = new Map(mission.questions.map((q) => [q.id, q]));
  for (let i = 0; i < MAX_QUESTIONS; i++) {
    const n = i + 1;
    const prompt = (values[`q${n}_prompt`] ?? '').trim();
    if (!prompt) continue;
    const kind = (values[`q${n}_kind`] || 'long-text') as QuestionKind;
    if (!QUESTION_KINDS.includes(kind)) errors[`q${n}_kind`] = `Choose one of: ${QUESTION_KINDS.join(', ')}.`;
    if (prompt.length > MAX_PROMPT) errors[`q${n}_prompt`] = `Keep a question under ${MAX_PROMPT} characters.`;
    const options = (values[`q${n}_options`] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    if (kind === 'choice' && (options.length < 2 || options.length > 10))
      errors[`q${n}_options`] = 'A choice question needs 2 to 10 choices, separated by commas.';
    if (options.some((o) => o.length > 75)) errors[`q${n}_options`] = 'Keep each choice under 75 characters.';
    const position = Number(values[`q${n}_position`] || n);
    const previous = known.get(state.ids[i] ?? '');
    const id = previous?.id ?? `q_${mission.id.slice(-4)}_${n}_${Date.now().toString(36)}`;
    slots.push({
      q: {
        id,
        kind,
        prompt,
        required: values[`q${n}_required`] === 'yes',
        ...(kind === 'choice' ? { options } : {}),
        ...(previous?.role && previous.kind === kind ? { role: previous.role } : {}),
      },
      position: Number.isFinite(position) ? position : n,
      moved: Number.isFinite(position) && position !== n,
      slot: n,
    });
  }
  if (slots.length === 0) errors.q1_prompt = 'Keep at least one question.';
  // A question the admin moved goes before one left at the same position.
  const questions = slots.sort((a, b) => a.position - b.position || Number(b.moved) - Number(a.moved) || a.slot - b.slot).map((s) => s.q);
  return { questions, errors };
}
