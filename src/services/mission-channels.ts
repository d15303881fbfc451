import { workspaceKey, type ConversationRef } from '../domain/identity';
import type { Mission } from '../domain/mission';
import type { Store } from '../store/store';

/** The channels one workspace of a mission chose: the home workspace's, or a linked one's. */
export interface WorkspaceChannels {
  workspaceKey: string;
  home: boolean;
  digest?: ConversationRef;
  alert?: ConversationRef;
}

/**
 * Every workspace that sees the mission with its digest and alert channels, home first. A
 * mission with no linked workspace costs no read; links are `_id` lookups from `workspaceKeys`,
 * so a workspace unlinked a moment ago is never included.
 */
export async function missionChannels(store: Store, mission: Mission): Promise<WorkspaceChannels[]> {
  const homeKey = workspaceKey(mission.home);
  const home: WorkspaceChannels = {
    workspaceKey: homeKey,
    home: true,
    ...(mission.digestChannel ? { digest: mission.digestChannel } : {}),
    ...(mission.alertChannel ? { alert: mission.alertChannel } : {}),
  };
  const linkedKeys = mission.workspaceKeys.filter((k) => k !== homeKey);
  if (linkedKeys.length === 0) return [home];
  const links = await store.missionLinks.listForMission(mission.id, linkedKeys);
  return [
    home,
    ...links.map((l) => ({
      workspaceKey: l.workspaceKey,
      home: false,
      ...(l.digestChannel ? { digest: l.digestChannel } : {}),
      ...(l.alertChannel ? { alert: l.alertChannel } : {}),
    })),
  ];
}

export type WithDigest = WorkspaceChannels & { digest: ConversationRef };

/** The workspaces that chose a digest channel. */
export function withDigest(places: WorkspaceChannels[]): WithDigest[] {
  return places.filter((p): p is WithDigest => p.digest !== undefined);
}

/** The digest's outbox key in one workspace: the home one keeps the key it always had. */
export function perWorkspaceKey(base: string, place: Pick<WorkspaceChannels, 'workspaceKey' | 'home'>): string {
  return place.home ? base : `${base}:${place.workspaceKey}`;
}
