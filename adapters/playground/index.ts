export {
  startPlayground,
  wantsPlayground,
  playgroundEnv,
  PLAYGROUND_SIGNING_SECRET,
  type PlaygroundOptions,
  type RunningPlayground,
} from './start-playground';
export { seedDemo, DEMO_SLUG, DEMO_STATEMENT, DEMO_MISSION_ID, type DemoSeedResult } from './demo-seed';
export { PERSONAS, SLACK_CHANNEL, TEAMS_CHANNEL, TEAMS_TENANT_ID, type Persona } from './personas';
export type { PlaygroundState, ShownConversation, ShownHome, ShownMessage } from './view-model';
