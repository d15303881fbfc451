import type { UserRef } from '../domain/identity';

/**
 * A token for the read-only reporting API. It grants read access to one mission, with the
 * rights of the admin who issued it: it stops working when revoked, or when that person is no
 * longer an admin of the mission. The secret itself is never stored.
 */
export interface ApiToken {
  id: string;
  missionId: string;
  /** "slack:T1": the workspace it was issued in; the mission must still be visible from it. */
  workspaceKey: string;
  label?: string;
  createdBy: UserRef;
  createdByName?: string;
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
  /** Display name of whoever revoked it. */
  revokedBy?: string;
}

export const MAX_TOKEN_LABEL_LENGTH = 60;
/** Live tokens per mission: enough for a BI tool, a script and a spare, per admin. */
export const MAX_LIVE_TOKENS_PER_MISSION = 20;
