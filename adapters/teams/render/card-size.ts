import type { AcAction, AcElement, AdaptiveCardJson } from './card-types';
import { cutCardText } from './text';

/** Teams refuses a card (with its activity) above 28 KB; stay clear of it. */
export const CARD_BYTE_BUDGET = 26 * 1024;
const MIN_TEXT = 40;

export function cardByteSize(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

interface TextSlot {
  get(): string;
  set(text: string): void;
}

function slotsOfActions(actions: AcAction[] | undefined, out: TextSlot[]): void {
  for (const a of actions ?? []) if (a.type === 'Action.ShowCard') slotsOfCard(a.card, out);
}

function slotsOfElements(elements: AcElement[], out: TextSlot[]): void {
  for (const el of elements) {
    switch (el.type) {
      case 'TextBlock':
        out.push({ get: () => el.text, set: (t) => (el.text = t) });
        break;
      case 'FactSet':
        for (const fact of el.facts) out.push({ get: () => fact.value, set: (t) => (fact.value = t) });
        break;
      case 'Container':
        slotsOfElements(el.items, out);
        break;
      case 'ColumnSet':
        for (const column of el.columns) slotsOfElements(column.items, out);
        break;
      case 'ActionSet':
        slotsOfActions(el.actions, out);
        break;
      default:
        break;
    }
  }
}

function slotsOfCard(card: AdaptiveCardJson, out: TextSlot[]): TextSlot[] {
  slotsOfElements(card.body, out);
  slotsOfActions(card.actions, out);
  return out;
}

/**
 * Cut the longest texts (with "…") until the card fits the budget, then drop mention entities
 * whose `<at>` text was cut away. Mutates and returns the card. Button data is never cut (that
 * would misroute a click), so a card whose actions alone exceed the budget stays over it.
 */
export function fitCardToSize(card: AdaptiveCardJson, budget: number = CARD_BYTE_BUDGET): AdaptiveCardJson {
  let size = cardByteSize(card);
  if (size <= budget) return card;
  const slots = slotsOfCard(card, []);
  while (size > budget) {
    const longest = slots.reduce<TextSlot | undefined>((best, s) => (!best || s.get().length > best.get().length ? s : best), undefined);
    const text = longest?.get() ?? '';
    if (!longest || text.length <= MIN_TEXT) break;
    const excess = size - budget;
    longest.set(cutCardText(text, Math.max(MIN_TEXT, Math.min(text.length - excess, Math.floor(text.length * 0.9)))));
    size = cardByteSize(card);
  }
  if (card.msteams) {
    const texts = slots.map((s) => s.get());
    const entities = card.msteams.entities.filter((e) => texts.some((t) => t.includes(e.text)));
    if (entities.length > 0) card.msteams = { entities };
    else delete card.msteams;
  }
  return card;
}
