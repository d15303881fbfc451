import { z } from 'zod';

export type TeamsSubmit =
  { kind: 'action'; actionId: string; value: string } | { kind: 'form'; formId: string; state: string; values: Record<string, string> };

const actionData = z.object({ mp: z.literal('action'), actionId: z.string().min(1), value: z.string() });
const formData = z.object({ mp: z.literal('form'), formId: z.string().min(1), state: z.string() });
const FORM_KEYS = new Set(['mp', 'formId', 'state']);

/**
 * An Action.Submit's `activity.value` -> what was clicked or submitted; null for anything this
 * bot's cards did not produce. Teams puts input values as top-level keys beside the data.
 */
export function readTeamsSubmitData(value: unknown): TeamsSubmit | null {
  const action = actionData.safeParse(value);
  if (action.success) return { kind: 'action', actionId: action.data.actionId, value: action.data.value };
  const form = formData.safeParse(value);
  if (!form.success) return null;
  const values: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (FORM_KEYS.has(key)) continue;
    if (typeof v === 'string') values[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') values[key] = String(v);
  }
  return { kind: 'form', formId: form.data.formId, state: form.data.state, values };
}
