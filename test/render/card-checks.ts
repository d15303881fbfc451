import type * as AdaptiveCards from 'adaptivecards';
import type { AcAction, AcElement, AdaptiveCardJson } from '../../adapters/teams/render';
import { validateAdaptiveCard } from '../support/published-schemas';

// The package's lib/ is untranspiled ESM that Node cannot load; its UMD bundle is the same code.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/**
 * Schema errors of the card. `msteams` is Teams' host extension, which the published 1.5
 * schema does not list; it is checked separately by the tests.
 */
export function schemaErrors(card: AdaptiveCardJson): string[] {
  const portable: Partial<AdaptiveCardJson> = { ...card };
  delete portable.msteams;
  return validateAdaptiveCard(portable).errors;
}

/** Every parse and validation event Microsoft's own library raises, under Teams' six-action host config. */
export function parserWarnings(card: AdaptiveCardJson): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = new AC.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) events.push(e.message);
  return events;
}

/** Depth-first walk over every element, including those inside ShowCard cards. */
export function allElements(card: AdaptiveCardJson): AcElement[] {
  const out: AcElement[] = [];
  const visitActions = (actions: AcAction[] | undefined) => {
    for (const a of actions ?? []) if (a.type === 'Action.ShowCard') visitCard(a.card);
  };
  const visit = (elements: AcElement[]) => {
    for (const el of elements) {
      out.push(el);
      if (el.type === 'Container') visit(el.items);
      if (el.type === 'ColumnSet') for (const c of el.columns) visit(c.items);
      if (el.type === 'ActionSet') visitActions(el.actions);
    }
  };
  const visitCard = (c: AdaptiveCardJson) => {
    visit(c.body);
    visitActions(c.actions);
  };
  visitCard(card);
  return out;
}

/** Every card in the tree: the card itself and each ShowCard's card. */
export function allCards(card: AdaptiveCardJson): AdaptiveCardJson[] {
  const cards = [card];
  const fromActions = (actions: AcAction[] | undefined) => {
    for (const a of actions ?? []) if (a.type === 'Action.ShowCard') cards.push(...allCards(a.card));
  };
  fromActions(card.actions);
  for (const el of card.body) if (el.type === 'ActionSet') fromActions(el.actions);
  return cards;
}

/** Actions a reader sees on this card without opening anything. */
export function visibleActions(card: AdaptiveCardJson): AcAction[] {
  return [...(card.actions ?? []), ...card.body.flatMap((el) => (el.type === 'ActionSet' ? el.actions : []))];
}
