import {
  cardByteSize,
  readTeamsSubmitData,
  renderAdaptiveCard,
  toTeamsAttachment,
  type AcSubmitAction,
  type AcTextBlock,
} from '../../adapters/teams/render';
import type { Message } from '../../src/messages/model';
import { allCards, allElements, parserWarnings, schemaErrors, visibleActions } from './card-checks';
import { ASHA, HOSTILE_MESSAGE, LIST_ITEMS, THIRTY_BUTTONS } from './fixtures';

const card = renderAdaptiveCard(HOSTILE_MESSAGE);
const elements = allElements(card);
const textBlocks = elements.filter((e): e is AcTextBlock => e.type === 'TextBlock');
const MENTION = `<at>${ASHA.name}</at>`;

describe('renderAdaptiveCard', () => {
  it('is a 1.5 card that the published schema accepts', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    expect(schemaErrors(card)).toEqual([]);
  });

  it('parses without a single warning in the adaptivecards library', () => {
    expect(parserWarnings(card)).toEqual([]);
  });

  it('stays under 28 KB', () => {
    expect(cardByteSize(card)).toBeLessThanOrEqual(28 * 1024);
  });

  it('renders header, facts, list with "and N more", progress bar, image, subtle context and a separator', () => {
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', size: 'Large', weight: 'Bolder', wrap: true });
    const facts = elements.find((e) => e.type === 'FactSet');
    expect(facts?.type === 'FactSet' && facts.facts).toHaveLength(12);
    // The fixture is larger than a card may be: the list keeps whole items and ends with "…".
    const list = textBlocks.find((t) => t.text.startsWith('- **Item 1**'));
    const lines = list?.text.split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.length).toBeLessThanOrEqual(LIST_ITEMS.length);
    if (lines.length < LIST_ITEMS.length) expect(lines[lines.length - 1]).toBe('…');
    expect(textBlocks.some((t) => t.text === 'and 12 more' && t.isSubtle)).toBe(true);
    expect(textBlocks.some((t) => t.text === '▓▓▓▓▓░░░░░ 50%')).toBe(true);
    expect(elements).toContainEqual({ type: 'Image', url: 'https://charts.example/trend.png', altText: 'Confidence trend: 3.1 to 3.6' });
    expect(textBlocks.some((t) => t.text.startsWith(`Sent by ${MENTION}`) && t.isSubtle && t.size === 'Small')).toBe(true);
    const afterDivider = card.body.find((e) => e.separator);
    expect(afterDivider?.type).toBe('Container'); // the list, which followed the divider
  });

  it('shows at most six actions on any card and keeps all 30 buttons reachable in order', () => {
    const cards = allCards(card);
    for (const c of cards) expect(visibleActions(c).length).toBeLessThanOrEqual(6);
    const submits = cards.flatMap(visibleActions).filter((a): a is AcSubmitAction => a.type === 'Action.Submit');
    expect(submits.map((a) => a.data)).toEqual(THIRTY_BUTTONS.map((b) => ({ mp: 'action', actionId: b.actionId, value: b.value })));
    expect(submits[0].style).toBe('positive');
    expect(submits[1].style).toBe('destructive');
  });

  it('mentions only the deliberate {user}, with a matching msteams entity', () => {
    expect(card.msteams?.entities).toEqual([{ type: 'mention', text: MENTION, mentioned: { id: ASHA.userId, name: ASHA.name } }]);
    const all = textBlocks.map((t) => t.text).join('\n');
    expect(all.split(MENTION).join('')).not.toMatch(/<at>|<\/at>/);
    expect(all).toContain(MENTION);
  });

  it('gives two people of one name distinct mentions, each paired with the right id', () => {
    const sam1 = { userId: '29:sam-one', name: 'Sam' };
    const sam2 = { userId: '29:sam-two', name: 'Sam' };
    const out = renderAdaptiveCard({
      summary: 's',
      blocks: [{ kind: 'text', text: [{ user: sam1 }, ' and ', { user: sam2 }, ' and ', { user: sam1 }] }],
    });
    expect((out.body[0] as AcTextBlock).text).toBe('<at>Sam</at> and <at>Sam (2)</at> and <at>Sam</at>');
    expect(out.msteams?.entities.map((e) => [e.text, e.mentioned.id])).toEqual([
      ['<at>Sam</at>', '29:sam-one'],
      ['<at>Sam (2)</at>', '29:sam-two'],
    ]);
  });

  it('leaves member text unable to link, emphasise or start a heading, quote or list', () => {
    const all = textBlocks.map((t) => t.text).join('\n');
    expect(all).not.toContain('](');
    expect(all.split(MENTION).join('')).not.toMatch(/<[^\u200B]/);
    const memberText = textBlocks.filter((t) => !t.text.startsWith('- ')).map((t) => t.text);
    for (const text of memberText) {
      for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*(#|>|[-+*] |\d+[.)] )/);
      expect(text.replace(/\*\*(Item \d+|star∗ed @channel)\*\*/g, '')).not.toContain('*');
    }
    const list = textBlocks.find((t) => t.text.startsWith('- '));
    for (const line of (list?.text.split('\n') ?? []).filter((l) => l !== '…')) expect(line).toMatch(/^- \*\*Item \d+\*\* \S/);
    expect(all).toContain('**star∗ed @channel**');
    expect(all).toContain('＿under＿');
  });

  it('keeps an underscore inside a word, as in a URL path', () => {
    const out = renderAdaptiveCard({ summary: 's', blocks: [{ kind: 'text', text: ['see https://x.gov.uk/some_page'] }] });
    expect((out.body[0] as AcTextBlock).text).toBe('see https://x.gov.uk/some_page');
  });

  it('cuts the longest text to fit ~26 KB, keeping the mention it can', () => {
    const huge: Message = {
      summary: 'big',
      blocks: [
        { kind: 'text', text: [{ user: ASHA }, ' wrote: ', 'word '.repeat(12_000)] },
        { kind: 'text', text: ['A short line stays whole.'] },
      ],
    };
    const out = renderAdaptiveCard(huge);
    expect(cardByteSize(out)).toBeLessThanOrEqual(26 * 1024);
    const [first, second] = out.body as AcTextBlock[];
    expect(first.text.startsWith(`${MENTION} wrote: word`)).toBe(true);
    expect(first.text.endsWith('…')).toBe(true);
    expect(second.text).toBe('A short line stays whole.');
    expect(out.msteams?.entities).toHaveLength(1);
    expect(schemaErrors(out)).toEqual([]);
  });

  it('wraps the card as a Teams attachment', () => {
    expect(toTeamsAttachment(card)).toEqual({ contentType: 'application/vnd.microsoft.card.adaptive', content: card });
  });
});

describe('readTeamsSubmitData on a button click', () => {
  it('recovers the action id and value from a submit action the card produced', () => {
    const submit = visibleActions(card).find((a): a is AcSubmitAction => a.type === 'Action.Submit');
    expect(readTeamsSubmitData(submit?.data)).toEqual({ kind: 'action', actionId: THIRTY_BUTTONS[0].actionId, value: 'blocker-1' });
  });
});

describe('the card checks used above', () => {
  it('catch what Teams would reject: seven visible actions, an unknown property', () => {
    const seven = renderAdaptiveCard({
      summary: 's',
      blocks: [{ kind: 'actions', buttons: THIRTY_BUTTONS.slice(0, 6) }],
    });
    const broken = { ...seven, body: [...seven.body, { type: 'TextBlock', text: 'x', colour: 'red' }] } as typeof seven;
    (broken.body[0] as { actions: unknown[] }).actions.push({ type: 'Action.Submit', title: '7', data: {} });
    expect(schemaErrors(broken)).toContainEqual(expect.stringContaining('colour'));
    expect(parserWarnings(broken).length).toBeGreaterThan(0);
  });
});
