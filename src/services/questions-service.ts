import {
  MAX_CHOICE_LENGTH,
  MAX_CHOICES,
  MAX_PROMPT_LENGTH,
  MAX_QUESTIONS,
  QUESTION_KINDS,
  type Question,
  type QuestionKind,
} from '../domain/questions';
import type { Mission } from '../domain/mission';
import { notFound } from '../errors';
import {
  questionInputId as input,
  questionsForm,
  questionsSavedMessage,
  questionsText,
  type QuestionsFormState as FormState,
} from '../messages/questions-messages';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { MissionService } from './mission-service';
import type { Reply } from './replies';

/** `mission questions <slug>`: one form to edit, add, remove and reorder the questions. */
export class QuestionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
  ) {}

  async open(actor: Actor, slug: string): Promise<Reply> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    return { kind: 'form', form: questionsForm(mission) };
  }

  async submit(actor: Actor, rawState: string, values: Record<string, string>): Promise<Reply> {
    const state = parseState(rawState);
    const mission = state ? await this.ctx.store.missions.findById(state.missionId) : undefined;
    if (!state || !mission) throw notFound(questionsText.outOfDate);
    // Tenancy and role, from the actor, never the form. Slugs are per workspace: another
    // workspace's mission of the same slug must not let its admins write this one.
    const mine = await this.missions.asAdmin(actor, mission.slug);
    if (mine.mission.id !== mission.id) throw notFound(questionsText.outOfDate);
    const form = questionsForm(mission);
    const { questions, errors } = readQuestions(mission, state, values);
    if (Object.keys(errors).length > 0) return { kind: 'form-errors', errors, form, values };
    const now = this.ctx.clock.now();
    await this.ctx.store.missions.setQuestions(mission.id, questions, now);
    await this.ctx.store.audit.record(mission.id, actor, 'mission.questions', now, mission.questions, questions);
    return { kind: 'form-done', message: questionsSavedMessage(mission, questions.length) };
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
    const prompt = (values[input(n, 'prompt')] ?? '').trim();
    if (!prompt) continue;
    const kind = (values[input(n, 'kind')] || 'long-text') as QuestionKind;
    if (!QUESTION_KINDS.includes(kind)) errors[input(n, 'kind')] = questionsText.kindOneOf;
    if (prompt.length > MAX_PROMPT_LENGTH) errors[input(n, 'prompt')] = questionsText.promptTooLong;
    const options = (values[input(n, 'options')] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    if (kind === 'choice' && (options.length < 2 || options.length > MAX_CHOICES)) errors[input(n, 'options')] = questionsText.choiceCount;
    if (options.some((o) => o.length > MAX_CHOICE_LENGTH)) errors[input(n, 'options')] = questionsText.choiceTooLong;
    const position = Number(values[input(n, 'position')] || n);
    const previous = known.get(state.ids[i] ?? '');
    const id = previous?.id ?? `q_${mission.id.slice(-4)}_${n}_${Date.now().toString(36)}`;
    slots.push({
      q: {
        id,
        kind,
        prompt,
        required: values[input(n, 'required')] === 'yes',
        ...(kind === 'choice' ? { options } : {}),
        ...(previous?.role && previous.kind === kind ? { role: previous.role } : {}),
      },
      position: Number.isFinite(position) ? position : n,
      moved: Number.isFinite(position) && position !== n,
      slot: n,
    });
  }
  if (slots.length === 0) errors[input(1, 'prompt')] = questionsText.keepOne;
  // A question the admin moved goes before one left at the same position.
  const questions = slots.sort((a, b) => a.position - b.position || Number(b.moved) - Number(a.moved) || a.slot - b.slot).map((s) => s.q);
  return { questions, errors };
}
