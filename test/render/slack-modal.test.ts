import type { InputBlock, PlainTextInput, SectionBlock, StaticSelect } from '@slack/types';
import { readSlackViewValues, renderSlackModal, SlackRenderError, type SlackViewStateValues } from '../../adapters/slack/render';
import { ANSWERS, ASHA, CHECKIN_FORM } from './fixtures';

const view = renderSlackModal(CHECKIN_FORM);
const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');

describe('renderSlackModal', () => {
  it('carries the form id and state, with title and buttons cut to 24 characters', () => {
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe('checkin');
    expect(view.private_metadata).toBe(CHECKIN_FORM.state);
    for (const t of [view.title, view.submit, view.close]) expect(t?.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text).toBe('Weekly check-in for the…');
    expect(view.submit?.text.endsWith('…')).toBe(true);
  });

  it('opens with the intro as inert mrkdwn carrying the one deliberate mention', () => {
    const intro = view.blocks[0] as SectionBlock;
    expect(intro.type).toBe('section');
    expect(intro.text?.text).toContain(`Hi <@${ASHA.userId}>. *Week 7*`);
    expect((intro.text?.text ?? '').split(`<@${ASHA.userId}>`).join('')).not.toMatch(/[<>]|[@!](channel|here|everyone)|\]\(/i);
  });

  it('makes one input block per input whose block_id and action_id are the input id', () => {
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(inputs.map((b) => b.block_id)).toEqual(CHECKIN_FORM.inputs.map((i) => i.id));
    expect(inputs.map((b) => b.element.action_id)).toEqual(CHECKIN_FORM.inputs.map((i) => i.id));
    expect(inputs.map((b) => b.optional)).toEqual([false, true, false, true]);
    for (const b of inputs) {
      expect(b.label.text.length).toBeLessThanOrEqual(2_000);
      expect(b.hint?.text.length ?? 0).toBeLessThanOrEqual(2_000);
    }
  });

  it('renders text inputs with multiline, max_length (at most 3,000), initial value, placeholder and hint', () => {
    const moved = inputs[0].element as PlainTextInput;
    expect(moved).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 2_000, initial_value: 'Two placements agreed' });
    expect(moved.placeholder?.text).toBe('A sentence or two');
    expect(inputs[0].hint?.text).toBe('Members of other organisations will read this.');
    const next = inputs[1].element as PlainTextInput;
    expect(next.max_length).toBe(3_000);
    expect(next.placeholder?.text.length).toBeLessThanOrEqual(150);
  });

  it('renders choices as a static select of at most 100 options with short texts and the initial option', () => {
    const select = inputs[2].element as StaticSelect;
    expect(select.type).toBe('static_select');
    expect(select.options).toHaveLength(100);
    for (const o of select.options ?? []) expect(o.text.text.length).toBeLessThanOrEqual(75);
    expect(select.initial_option?.value).toBe('c3');
    expect(select.options).toContainEqual(select.initial_option);
    expect((inputs[3].element as StaticSelect).initial_option).toBeUndefined();
  });

  it('refuses a state Slack could not carry back whole', () => {
    expect(() => renderSlackModal({ ...CHECKIN_FORM, state: 's'.repeat(3_001) })).toThrow(SlackRenderError);
  });
});

describe('readSlackViewValues', () => {
  /** What Slack sends in view.state.values when the member submits this modal with ANSWERS. */
  function submittedState(): SlackViewStateValues {
    const state: SlackViewStateValues = {};
    for (const b of inputs) {
      const id = b.element.action_id ?? '';
      state[b.block_id ?? ''] = {
        [id]:
          b.element.type === 'static_select'
            ? { type: 'static_select', selected_option: { value: ANSWERS[id] } }
            : { type: 'plain_text_input', value: ANSWERS[id] },
      };
    }
    return state;
  }

  it('recovers every input of a submitted modal', () => {
    expect(readSlackViewValues(submittedState())).toEqual(ANSWERS);
  });

  it('reads cleared and missing inputs as empty strings', () => {
    const state = submittedState();
    state.next.next = { type: 'plain_text_input', value: null };
    state.away.away = { type: 'static_select', selected_option: null };
    delete state.moved;
    const values = readSlackViewValues(
      state,
      CHECKIN_FORM.inputs.map((i) => i.id),
    );
    expect(values).toEqual({ moved: '', next: '', confidence: 'c4', away: '' });
  });

  it('reads entries that are not objects, as a forged payload may hold, as empty rather than failing', () => {
    const forged = { moved: { moved: 5 }, next: { next: 'text' } } as unknown as SlackViewStateValues;
    expect(readSlackViewValues(forged)).toEqual({ moved: '', next: '' });
  });
});
