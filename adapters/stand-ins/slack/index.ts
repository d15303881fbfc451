export { startSlackStandIn, DEFAULT_SLACK_BOT_TOKEN, DEFAULT_SLACK_TEAM_ID, type SlackStandIn } from './stand-in';
export { SLACK_LIMITS, validateBlocks, validateView, type SlackSurface } from './block-limits';
export type { ChannelState, Workspace } from './state';
export * from './types';
export * from './signing';
export * from './payloads';
export * from './send-to-bolt';
export {
  SlackOAuth,
  DEFAULT_OAUTH_CLIENT_ID,
  DEFAULT_OAUTH_CLIENT_SECRET,
  type SlackOAuthOptions,
  type InstallSeed,
  type CompletedInstall,
} from './oauth';
