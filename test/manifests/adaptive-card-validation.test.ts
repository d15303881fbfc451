import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { publishedCardSchema, validateAdaptiveCard } from '../support/published-schemas';

const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });

describe('validateAdaptiveCard', () => {
  it('accepts a minimal card', () => {
    expect(validateAdaptiveCard(card([{ type: 'TextBlock', text: 'Hello', wrap: true }]))).toEqual({ valid: true, errors: [] });
  });

  it('accepts a check-in style form with labelled, required inputs and a submit action', () => {
    const form = card(
      [
        { type: 'TextBlock', text: 'Weekly check-in', size: 'Large', weight: 'Bolder', wrap: true },
        {
          type: 'Input.Text',
          id: 'moved',
          label: 'What moved?',
          isMultiline: true,
          isRequired: true,
          errorMessage: 'Tell us what moved',
          maxLength: 2000,
        },
        {
          type: 'Input.ChoiceSet',
          id: 'confidence',
          label: 'Confidence',
          style: 'expanded',
          choices: [1, 2, 3, 4, 5].map((n) => ({ title: String(n), value: String(n) })),
        },
        { type: 'Image', url: 'https://pulse.council.gov.uk/charts/1.png', altText: 'Confidence trend' },
      ],
      { actions: [{ type: 'Action.Submit', title: 'Send', data: { formId: 'checkin' } }] },
    );
    expect(validateAdaptiveCard(form)).toEqual({ valid: true, errors: [] });
  });

  it('rejects an element missing a required property, naming only that problem', () => {
    expect(
      validateAdaptiveCard(
        card([
          { type: 'TextBlock', text: 'ok' },
          { type: 'TextBlock', wrap: true },
        ]),
      ),
    ).toEqual({
      valid: false,
      errors: ["/body/1: must have required property 'text'"],
    });
  });

  it('finds mistakes inside containers, columns and cards shown by an action', () => {
    const nested = card(
      [{ type: 'Container', items: [{ type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Image' }] }] }] }],
      {
        actions: [
          { type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', label: 'No id' }] } },
        ],
      },
    );
    expect(validateAdaptiveCard(nested).errors.sort()).toEqual([
      "/actions/0/card/body/0: must have required property 'id'",
      "/body/0/items/0/columns/0/items/0: must have required property 'url'",
    ]);
  });

  it('rejects an unknown element type, listing the known ones', () => {
    const { valid, errors } = validateAdaptiveCard(card([{ type: 'Paragraph', text: 'x' }]));
    expect(valid).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\/body\/0\/type: must be one of .*"TextBlock"/);
  });

  it('rejects misspelt properties and wrong value types', () => {
    expect(validateAdaptiveCard(card([{ type: 'TextBlock', text: 'x', colour: 'Good' }])).errors).toEqual([
      '/body/0: unknown property "colour"',
    ]);
    expect(validateAdaptiveCard(card([{ type: 'Input.Text', id: 'a', label: 'A', isRequired: 'yes' }])).valid).toBe(false);
  });

  it('rejects a top-level card without type AdaptiveCard or a version Teams renders', () => {
    expect(validateAdaptiveCard({ body: [] }).errors).toEqual([
      '(root): must have a version, e.g. "1.5"',
      '(root): type must be "AdaptiveCard"',
    ]);
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.6', body: [] }).valid).toBe(false);
    expect(validateAdaptiveCard('not a card').valid).toBe(false);
  });

  it('is fast enough to call in every test once warmed up', () => {
    const sample = card([{ type: 'TextBlock', text: 'Hello' }], { actions: [{ type: 'Action.Submit', title: 'Go' }] });
    validateAdaptiveCard(sample);
    const started = performance.now();
    for (let i = 0; i < 500; i++) validateAdaptiveCard(sample);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('validateAdaptiveCard compared with the published schema as is', () => {
  const ajv = new Ajv({ strict: false, logger: false });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  const original = ajv.compile(publishedCardSchema());

  const samples: unknown[] = [
    card([]),
    card([{ type: 'TextBlock', text: 'x' }]),
    card([{ type: 'TextBlock' }]),
    card([{ type: 'Nope' }]),
    card([{}]),
    card([{ type: 'FactSet', facts: [{ title: 'Due', value: 'Friday' }] }]),
    card([{ type: 'FactSet', facts: [{ title: 'Due' }] }]),
    card([{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://example.org' }] }]),
    card([{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open' }] }]),
    card([{ type: 'Container', selectAction: { type: 'Action.ShowCard', card: card([]) }, items: [] }]),
    card([{ type: 'Input.Toggle', id: 't', title: 'Away', label: 'Away' }]),
    card([{ type: 'Input.Toggle', id: 't' }]),
    card([{ type: 'Image', url: 'https://example.org/a.png', fallback: 'drop' }]),
    card([{ type: 'Image', url: 'https://example.org/a.png', fallback: { type: 'TextBlock' } }]),
    card([{ type: 'RichTextBlock', inlines: ['plain', { type: 'TextRun', text: 'run' }] }]),
  ];

  it.each(samples.map((sample, i) => [i, sample]))('sample %i: accepts exactly what the published schema accepts', (_, sample) => {
    expect(validateAdaptiveCard(sample).valid).toBe(original(sample));
  });
});
