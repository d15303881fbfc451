import type { ConversationRef, UserRef, WorkspaceRef } from './identity';

/**
 * A second workspace (a Slack team or a Teams tenant) taking part in a mission that belongs to
 * another. Its key is in `Mission.workspaceKeys`; this record holds who linked it and the
 * channels that workspace chose for the digest and alerts.
 */
export interface MissionLink {
  missionId: string;
  workspace: WorkspaceRef;
  workspaceKey: string;
  linkedBy: UserRef;
  linkedByName: string;
  linkedAt: Date;
  /** The home admin whose code was used. */
  invitedBy?: UserRef;
  digestChannel?: ConversationRef;
  alertChannel?: ConversationRef;
}

/** An invite code as stored: only its hash, never the code. */
export interface MissionInvite {
  /** The hash of the code. */
  id: string;
  missionId: string;
  createdBy: UserRef;
  createdByName: string;
  createdAt: Date;
  expiresAt: Date;
}

/** The one use of an invite code. */
export interface InviteClaim {
  id: string;
  missionId: string;
  workspaceKey: string;
  claimedBy: UserRef;
  at: Date;
}

/** Partners on a mission are few; more links than this is a mistake or abuse. */
export const MAX_LINKED_WORKSPACES = 10;

export function missionLinkId(missionId: string, workspaceKey: string): string {
  return `${missionId}:${workspaceKey}`;
}

/** How a workspace is named to people: the platforms do not tell the bot workspace names. */
export function workspaceLabel(ws: WorkspaceRef): string {
  return ws.platform === 'slack' ? `Slack workspace ${ws.workspaceId}` : `Teams tenant ${ws.workspaceId}`;
}
