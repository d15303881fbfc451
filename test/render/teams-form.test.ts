import {
  readTeamsSubmitData,
  renderAdaptiveCardForm,
  renderAdaptiveCardFormWithErrors,
  TeamsRenderError,
  type AcElement,
  type AcInputChoiceSet,
  type AcInputText,
  type AcSubmitAction,
} from '../../adapters/teams/render';
import { parserWarnings, schemaErrors } from './card-checks';
import { ANSWERS, ASHA, CHECKIN_FORM } from './fixtures';

const card = renderAdaptiveCardForm(CHECKIN_FORM);
const isInput = (e: AcElement): e is AcInputText | AcInputChoiceSet => e.type === 'Input.Text' || e.type === 'Input.ChoiceSet';
const inputs = card.body.filter(isInput);

describe('renderAdaptiveCardForm', () => {
  it('validates against the schema and parses without warnings', () => {
    expect(schemaErrors(card)).toEqual([]);
    expect(parserWarnings(card)).toEqual([]);
  });

  it('puts every input inline with a label; required ones carry isRequired and an error message', () => {
    expect(inputs.map((i) => i.id)).toEqual(CHECKIN_FORM.inputs.map((i) => i.id));
    for (const [n, input] of inputs.entries()) {
      expect(input.label).toBeTruthy();
      if (CHECKIN_FORM.inputs[n].required) {
        expect(input.isRequired).toBe(true);
        expect(input.errorMessage).toBeTruthy();
      } else {
        expect(input.isRequired).toBeUndefined();
      }
    }
  });

  it('renders text inputs with multiline, maxLength, value and placeholder, and the hint beneath', () => {
    expect(inputs[0]).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      maxLength: 2_000,
      value: 'Two placements agreed',
      placeholder: 'A sentence or two',
    });
    const afterMoved = card.body[card.body.indexOf(inputs[0]) + 1];
    expect(afterMoved).toMatchObject({ type: 'TextBlock', text: 'Members of other organisations will read this.', isSubtle: true });
  });

  it('renders choices as a compact choice set with the initial value', () => {
    const confidence = inputs[2] as AcInputChoiceSet;
    expect(confidence).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', value: 'c3' });
    expect(confidence.choices).toHaveLength(120);
    expect(confidence.choices[0]).toEqual({ title: `Option 1 ${'o'.repeat(100)}`, value: 'c1' });
    expect((inputs[3] as AcInputChoiceSet).value).toBeUndefined();
  });

  it('has one submit button titled with the submit label, carrying form id and state', () => {
    expect(card.actions).toEqual([
      {
        type: 'Action.Submit',
        title: CHECKIN_FORM.submitLabel,
        data: { mp: 'form', formId: 'checkin', state: CHECKIN_FORM.state },
        style: 'positive',
      },
    ]);
  });

  it('mentions only the deliberate {user} in the intro', () => {
    const intro = card.body[1];
    expect(intro.type === 'TextBlock' && intro.text.startsWith(`Hi <at>${ASHA.name}</at>. **Week 7**`)).toBe(true);
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: `<at>${ASHA.name}</at>`, mentioned: { id: ASHA.userId, name: ASHA.name } },
    ]);
  });

  it('refuses an input id that would collide with the submit data', () => {
    const bad = { ...CHECKIN_FORM, inputs: [{ ...CHECKIN_FORM.inputs[3], id: 'state' }] };
    expect(() => renderAdaptiveCardForm(bad)).toThrow(TeamsRenderError);
  });
});

describe('renderAdaptiveCardFormWithErrors', () => {
  const errors = { moved: 'Tell us what moved <at>Boss</at>', confidence: 'Pick one', round: 'This round has closed' };
  const values = { moved: '', next: 'Meet the college', confidence: 'c4', away: 'yes' };
  const withErrors = renderAdaptiveCardFormWithErrors(CHECKIN_FORM, errors, values);
  const body = withErrors.body;

  it('keeps the values typed before', () => {
    const byId = Object.fromEntries(body.filter(isInput).map((i) => [i.id, i.value]));
    expect(byId).toEqual({ moved: undefined, next: 'Meet the college', confidence: 'c4', away: 'yes' });
  });

  it('shows each error in red right under its field, and others above the fields', () => {
    for (const id of ['moved', 'confidence']) {
      const at = body.findIndex((e) => isInput(e) && e.id === id);
      expect(body[at + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
    }
    const movedError = body[body.findIndex((e) => isInput(e) && e.id === 'moved') + 1];
    expect(movedError.type === 'TextBlock' && movedError.text).toBe('Tell us what moved <\u200Bat\u200B>Boss<\u200B/at\u200B>');
    const firstInput = body.findIndex(isInput);
    expect(body.slice(0, firstInput)).toContainEqual(expect.objectContaining({ color: 'Attention', text: 'This round has closed' }));
  });

  it('still validates and parses cleanly', () => {
    expect(schemaErrors(withErrors)).toEqual([]);
    expect(parserWarnings(withErrors)).toEqual([]);
  });
});

describe('readTeamsSubmitData on a form', () => {
  it('recovers form id, state and every value from what Teams sends on submit', () => {
    const data = card.actions?.[0] as AcSubmitAction;
    const activityValue = { ...data.data, ...ANSWERS };
    expect(readTeamsSubmitData(activityValue)).toEqual({ kind: 'form', formId: 'checkin', state: CHECKIN_FORM.state, values: ANSWERS });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'checkin'],
    ['an array', [{ mp: 'form', formId: 'checkin', state: '' }]],
    ['another bot’s data', { action: 'approve', id: 7 }],
    ['an unknown kind', { mp: 'poll', formId: 'checkin', state: '' }],
    ['a form without its id', { mp: 'form', state: 's' }],
    ['a form whose state is not text', { mp: 'form', formId: 'checkin', state: { round: 1 } }],
    ['an action without a value', { mp: 'action', actionId: 'help' }],
    ['an action with an empty id', { mp: 'action', actionId: '', value: 'v' }],
  ])('rejects %s', (_label, junk) => {
    expect(readTeamsSubmitData(junk)).toBeNull();
  });
});
