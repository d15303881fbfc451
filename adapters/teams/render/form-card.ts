import type { FieldErrors, Form, FormInput } from '../../../src/messages/model';
import { fitCardToSize } from './card-size';
import { ADAPTIVE_CARD_SCHEMA, type AcElement, type AcInputChoiceSet, type AcInputText, type AdaptiveCardJson } from './card-types';
import { TeamsRenderError } from './errors';
import { escapeCardText, MentionCollector, richMarkdown, sliceText } from './text';

/** Keys of the submit `data`; Teams merges input values beside them, so no input may use one. */
export const FORM_DATA_KEYS = ['mp', 'formId', 'state'] as const;

function errorText(message: string): AcElement {
  return { type: 'TextBlock', text: escapeCardText(message), color: 'Attention', size: 'Small', wrap: true, spacing: 'Small' };
}

function hintText(hint: string): AcElement {
  return { type: 'TextBlock', text: escapeCardText(hint), isSubtle: true, size: 'Small', wrap: true, spacing: 'Small' };
}

function requiredProps(input: FormInput): { isRequired?: true; errorMessage?: string } {
  return input.required ? { isRequired: true, errorMessage: `${input.label || 'This field'} is required.` } : {};
}

function textInput(input: Extract<FormInput, { kind: 'text' }>, value: string | undefined): AcInputText {
  const maxLength = Math.max(1, Math.floor(input.maxLength));
  return {
    type: 'Input.Text',
    id: input.id,
    label: input.label || input.id,
    ...(input.multiline ? { isMultiline: true } : {}),
    maxLength,
    ...(value ? { value: sliceText(value, maxLength) } : {}),
    ...(input.placeholder ? { placeholder: input.placeholder } : {}),
    ...requiredProps(input),
  };
}

function choiceInput(input: Extract<FormInput, { kind: 'choice' }>, value: string | undefined): AcInputChoiceSet {
  if (input.options.length === 0) throw new TeamsRenderError('NO_OPTIONS', `choice ${input.id} has no options`);
  const known = input.options.some((o) => o.value === value);
  return {
    type: 'Input.ChoiceSet',
    id: input.id,
    label: input.label || input.id,
    style: 'compact',
    choices: input.options.map((o) => ({ title: o.label || o.value, value: o.value })),
    ...(known ? { value } : {}),
    placeholder: 'Choose…',
    ...requiredProps(input),
  };
}

function inputElements(input: FormInput, value: string | undefined, error: string | undefined): AcElement[] {
  if ((FORM_DATA_KEYS as readonly string[]).includes(input.id)) {
    throw new TeamsRenderError('RESERVED_INPUT_ID', `input id "${input.id}" is reserved for the submit data`);
  }
  const out: AcElement[] = [input.kind === 'text' ? textInput(input, value) : choiceInput(input, value)];
  if (error) out.push(errorText(error));
  if (input.hint) out.push(hintText(input.hint));
  return out;
}

/**
 * The form as a card: values (else each input's initial) prefilled, and each error in red under
 * its field. Errors for ids that are not inputs are shown above the fields.
 */
export function renderAdaptiveCardFormWithErrors(
  form: Form,
  errors: FieldErrors,
  values: Record<string, string>,
  opts: { withTitle?: boolean; withIntro?: boolean } = {},
): AdaptiveCardJson {
  const mentions = new MentionCollector();
  const ids = new Set(form.inputs.map((i) => i.id));
  const body: AcElement[] = [];
  const title = escapeCardText(form.title.replace(/\s+/g, ' ').trim());
  if (title && opts.withTitle !== false) body.push({ type: 'TextBlock', text: title, size: 'Medium', weight: 'Bolder', wrap: true });
  const intro = form.intro && opts.withIntro !== false ? richMarkdown(form.intro, mentions) : '';
  if (intro.trim()) body.push({ type: 'TextBlock', text: intro, wrap: true });
  for (const [id, message] of Object.entries(errors)) if (!ids.has(id) && message) body.push(errorText(message));
  for (const input of form.inputs) body.push(...inputElements(input, values[input.id] ?? input.initial, errors[input.id]));
  const entities = mentions.entities();
  return fitCardToSize({
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: '1.5',
    fallbackText: form.title,
    body,
    actions: [
      {
        type: 'Action.Submit',
        title: form.submitLabel || 'Submit',
        data: { mp: 'form', formId: form.formId, state: form.state },
        style: 'positive',
      },
    ],
    ...(entities.length > 0 ? { msteams: { entities } } : {}),
  });
}

/** The form as a card with its inputs inline and one submit button. */
export function renderAdaptiveCardForm(form: Form): AdaptiveCardJson {
  return renderAdaptiveCardFormWithErrors(form, {}, {});
}
