import type { InputBlock, KnownBlock, ModalView, PlainTextElement, PlainTextOption, StaticSelect } from '@slack/types';
import type { Form, FormInput } from '../../../src/messages/model';
import { SlackRenderError } from './errors';
import { SLACK_LIMITS as L } from './limits';
import { cutMrkdwn, cutPlain, richMrkdwn, sliceText } from './text';

function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: cutPlain(text, max), emoji: true };
}

function checkId(id: string, what: string): string {
  if (!id || id.length > L.actionId) throw new SlackRenderError('ID_TOO_LONG', `${what} "${id.slice(0, 40)}" is empty or too long`);
  return id;
}

function selectElement(input: Extract<FormInput, { kind: 'choice' }>): StaticSelect {
  if (input.options.length === 0) throw new SlackRenderError('NO_OPTIONS', `choice ${input.id} has no options`);
  const options: PlainTextOption[] = input.options.slice(0, L.selectOptions).map((o) => {
    if (o.value.length > L.optionValue) throw new SlackRenderError('VALUE_TOO_LONG', `option value in ${input.id} too long`);
    return { text: plain(o.label || o.value, L.optionText), value: o.value };
  });
  const initial = options.find((o) => o.value === input.initial);
  return {
    type: 'static_select',
    action_id: input.id,
    options,
    placeholder: plain('Choose…', L.placeholder),
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** block_id and action_id are both the input id, so a submission maps straight back. */
function inputBlock(input: FormInput): InputBlock {
  checkId(input.id, 'input id');
  const base = {
    type: 'input' as const,
    block_id: input.id,
    label: plain(input.label || input.id, L.inputLabel),
    optional: !input.required,
    ...(input.hint ? { hint: plain(input.hint, L.inputHint) } : {}),
  };
  if (input.kind === 'choice') return { ...base, element: selectElement(input) };
  const maxLength = Math.min(L.inputMaxLength, Math.max(1, Math.floor(input.maxLength)));
  return {
    ...base,
    element: {
      type: 'plain_text_input',
      action_id: input.id,
      multiline: input.multiline ?? false,
      max_length: maxLength,
      ...(input.initial ? { initial_value: sliceText(input.initial, maxLength) } : {}),
      ...(input.placeholder ? { placeholder: plain(input.placeholder, L.placeholder) } : {}),
    },
  };
}

/** Neutral form -> modal view for views.open / views.update. */
export function renderSlackModal(form: Form): ModalView {
  checkId(form.formId, 'form id');
  if (form.state.length > L.privateMetadata) {
    throw new SlackRenderError('STATE_TOO_LONG', `form state longer than ${L.privateMetadata} characters`);
  }
  const blocks: KnownBlock[] = [];
  const intro = form.intro ? richMrkdwn(form.intro) : '';
  if (intro.trim()) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cutMrkdwn(intro, L.sectionText), verbatim: true } });
  blocks.push(...form.inputs.map(inputBlock));
  if (blocks.length > L.modalBlocks) throw new SlackRenderError('TOO_MANY_INPUTS', `a modal holds at most ${L.modalBlocks} blocks`);
  return {
    type: 'modal',
    callback_id: form.formId,
    private_metadata: form.state,
    title: plain(form.title.trim() || 'Mission Pulse', L.modalTitle),
    submit: plain(form.submitLabel.trim() || 'Submit', L.modalButton),
    close: plain('Cancel', L.modalButton),
    blocks,
  };
}
