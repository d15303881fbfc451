import type { SlackParams } from './params';
import type { SlackState, Workspace } from './state';

export interface MethodContext {
  ws: Workspace;
  params: SlackParams;
  token: string;
  state: SlackState;
  /** http://127.0.0.1:PORT (no trailing slash) */
  baseUrl: string;
  strictTriggerIds: boolean;
}

export type MethodResult = Record<string, unknown>;
export type MethodHandler = (ctx: MethodContext) => MethodResult;
