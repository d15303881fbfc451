import type { MissionPulseClient } from '../../../src/cli/client';

/** One GET through the CLI's openapi-fetch client with any documented path (tests loop over paths). */
export type AnyResult = { data?: unknown; error?: unknown; response: Response };
export type Params = { path?: Record<string, string>; query?: Record<string, string | number> };

export function get(api: MissionPulseClient, path: string, params: Params = {}, parseAs?: 'text' | 'arrayBuffer'): Promise<AnyResult> {
  const untyped = api.GET as unknown as (p: string, init: { params: Params; parseAs?: 'text' | 'arrayBuffer' }) => Promise<AnyResult>;
  return untyped(path, { params, ...(parseAs ? { parseAs } : {}) });
}

/** The token-guarded operations of a mission, with ids that exist in the reporting world. */
export function missionRoutes(ids: { mission: string; blockerId: string }): Array<{ path: string; params: Params; list: boolean }> {
  const m = { mission: ids.mission };
  return [
    { path: '/missions/{mission}', params: { path: m }, list: false },
    { path: '/missions/{mission}/members', params: { path: m }, list: true },
    { path: '/missions/{mission}/rounds', params: { path: m }, list: true },
    { path: '/missions/{mission}/rounds/{week}', params: { path: { ...m, week: '2026-W48' } }, list: false },
    { path: '/missions/{mission}/checkins', params: { path: m }, list: true },
    { path: '/missions/{mission}/blockers', params: { path: m }, list: true },
    { path: '/missions/{mission}/blockers/{blockerId}', params: { path: { ...m, blockerId: ids.blockerId } }, list: false },
    { path: '/missions/{mission}/indicators', params: { path: m }, list: true },
    { path: '/missions/{mission}/indicators/{key}', params: { path: { ...m, key: 'youth-claimants' } }, list: false },
    { path: '/missions/{mission}/indicators/{key}/readings', params: { path: { ...m, key: 'youth-claimants' } }, list: true },
    { path: '/missions/{mission}/budget', params: { path: m }, list: true },
    { path: '/missions/{mission}/digests', params: { path: m }, list: true },
    { path: '/missions/{mission}/digests/{week}', params: { path: { ...m, week: '2026-W48' } }, list: false },
  ];
}
