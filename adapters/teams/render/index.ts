export { renderAdaptiveCard, CHART_TOO_LARGE } from './message-card';
export { renderAdaptiveCardForm, renderAdaptiveCardFormWithErrors, FORM_DATA_KEYS } from './form-card';
export { readTeamsSubmitData, type TeamsSubmit } from './submit-data';
export { toTeamsAttachment, ADAPTIVE_CARD_CONTENT_TYPE } from './attachment';
export { cardByteSize, fitCardToSize, CARD_BYTE_BUDGET } from './card-size';
export { MAX_VISIBLE_ACTIONS } from './actions';
export { escapeCardText, escapeCardInline } from './text';
export { TeamsRenderError, type TeamsRenderReason } from './errors';
export * from './card-types';
