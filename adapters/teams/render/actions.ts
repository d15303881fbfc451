import type { Button } from '../../../src/messages/model';
import type { AcAction, AcSubmitAction } from './card-types';

/** Teams shows at most six actions on a card (store validation checklist). */
export const MAX_VISIBLE_ACTIONS = 6;

export function submitAction(b: Button): AcSubmitAction {
  return {
    type: 'Action.Submit',
    title: b.label || b.actionId,
    data: { mp: 'action', actionId: b.actionId, value: b.value },
    // A button is not the form's submit: it never carries (or waits for) the card's inputs.
    associatedInputs: 'none',
    ...(b.style ? { style: b.style === 'primary' ? 'positive' : 'destructive' } : {}),
  };
}

function moreAction(rest: Button[]): AcAction {
  return {
    type: 'Action.ShowCard',
    title: `More (${rest.length})`,
    card: { type: 'AdaptiveCard', body: [], actions: actionChain(rest) },
  };
}

/** Up to six buttons as they are; beyond that five plus "More (n)", which opens the rest the same way. */
export function actionChain(buttons: Button[]): AcAction[] {
  if (buttons.length <= MAX_VISIBLE_ACTIONS) return buttons.map(submitAction);
  const shown = buttons.slice(0, MAX_VISIBLE_ACTIONS - 1);
  return [...shown.map(submitAction), moreAction(buttons.slice(MAX_VISIBLE_ACTIONS - 1))];
}

/**
 * Lay out every actions block of a message so the whole card shows at most six actions: blocks
 * keep their place until five buttons are shown, then the one where the budget runs out gets a
 * "More" holding its remaining buttons and those of all later blocks (which then render empty).
 */
export function layoutActionGroups(groups: Button[][]): AcAction[][] {
  const total = groups.reduce((n, g) => n + g.length, 0);
  if (total <= MAX_VISIBLE_ACTIONS) return groups.map((g) => g.map(submitAction));
  let budget = MAX_VISIBLE_ACTIONS - 1;
  let overflowed = false;
  return groups.map((group, i) => {
    if (overflowed) return [];
    const shown = group.slice(0, budget);
    budget -= shown.length;
    const actions: AcAction[] = shown.map(submitAction);
    const rest = [...group.slice(shown.length), ...groups.slice(i + 1).flat()];
    if (budget === 0 && rest.length > 0) {
      actions.push(moreAction(rest));
      overflowed = true;
    }
    return actions;
  });
}
