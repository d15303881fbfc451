export * from './token-issuer';
export { startBotConnector, type BotConnectorStandIn } from './bot-connector';
export * from './connector-types';
export { checkOutgoingActivity, TEAMS_MAX_MESSAGE_BYTES, ADAPTIVE_CARD_CONTENT_TYPE, type ActivityProblem } from './card-limits';
export * from './activities';
export * from './post-activity';
export { personalConversationId, channelThreadId } from './ids';
export { loopbackNetworkModule } from './msal-network';
