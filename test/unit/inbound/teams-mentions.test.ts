import { normaliseTeamsText } from '../../../adapters/teams/teams-inbound';

/**
 * Teams names each mentioned person in an entity that says which text to replace. Entities come
 * with the activity, so they are input like any other: only tags in Teams' own form, naming ids
 * the command grammar can read, are replaced, and the text never grows by more than a bounded
 * factor, however the entities are written.
 */
describe('Teams mentions', () => {
  const activity = (text: string, entities: Array<{ type: string; [key: string]: unknown }>) => ({
    text,
    recipient: { id: '28:bot', name: 'Mission Pulse' },
    entities,
  });

  it('entities that are not a mention tag, or name an id the grammar cannot read, change nothing', () => {
    const text = 'mission list <at>Raj</at>';
    const out = normaliseTeamsText(
      activity(text, [
        { type: 'mention', text: '', mentioned: { id: '29:a', name: 'A' } },
        { type: 'mention', text: 'i', mentioned: { id: '29:b', name: 'B' } },
        { type: 'mention', text: '<at>Raj</at>', mentioned: { id: '<at>Raj</at><at>Raj</at>', name: 'Raj' } },
      ]),
    );
    expect(out.text).toBe(text);
  });

  it('however the entities are written, the text grows by a bounded factor', () => {
    const text = '<at>A0</at> '.repeat(200);
    // Each entity's id holds the next one's tag twice: replaced in turn, they would double the text ten times.
    const chain = Array.from({ length: 10 }, (_, i) => ({
      type: 'mention',
      text: `<at>A${i}</at>`,
      mentioned: { id: `<at>A${i + 1}</at><at>A${i + 1}</at>`, name: 'A' },
    }));
    const many = Array.from({ length: 60 }, (_, i) => ({
      type: 'mention',
      text: '<at>A0</at>',
      mentioned: { id: `29:${'a'.repeat(120)}${i}`, name: 'A' },
    }));
    const out = normaliseTeamsText(activity(text, [...chain, ...many]));
    expect(out.text.length).toBeLessThan(text.length * 15);
    expect(out.text.startsWith(`<@29:${'a'.repeat(120)}0>`)).toBe(true);
  });
});
