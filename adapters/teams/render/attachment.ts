import type { AdaptiveCardJson } from './card-types';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The Bot Framework attachment that carries a card in an activity. */
export function toTeamsAttachment(card: AdaptiveCardJson): { contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCardJson } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
