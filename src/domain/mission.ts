import type { ConversationRef, UserRef, WorkspaceRef } from './identity';
import type { Question } from './questions';
import type { Schedule } from './schedule';

export const ROLES = ['member', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Mission {
  id: string;
  home: WorkspaceRef;
  /** Workspace keys ("slack:T1") allowed to see this mission: the home one and any linked. */
  workspaceKeys: string[];
  slug: string;
  statement: string;
  /** YYYY-MM-DD */
  targetDate?: string;
  place?: string;
  /**
   * The mission's one IANA zone (parseTimeZone in time-zone.ts reads what people type): its
   * rounds open on this wall clock, and every date and time shown or exported is read in it.
   */
  timeZone: string;
  digestChannel?: ConversationRef;
  alertChannel?: ConversationRef;
  schedule: Schedule;
  questions: Question[];
  /** When the next round opens (absent while paused): the scheduler's indexed due-time. */
  nextOpenAt?: Date;
  /** Blockers open for more than this many weeks are escalated to the leads (default 2). */
  escalateAfterWeeks?: number;
  /** Check-in answers older than this many months are deleted nightly (aggregates kept). */
  retentionMonths?: number;
  createdBy: UserRef;
  createdAt: Date;
  updatedAt: Date;
}

export interface Member extends UserRef {
  /** Deterministic: `${missionId}:${platform}:${workspaceId}:${userId}`. */
  id: string;
  missionId: string;
  displayName: string;
  organisation?: string;
  role: Role;
  joinedAt: Date;
}

export function memberId(missionId: string, user: UserRef): string {
  return `${missionId}:${user.platform}:${user.workspaceId}:${user.userId}`;
}

/** Admins change a mission; leads read digests and handle blockers; members check in. */
export function canConfigure(role: Role | undefined): boolean {
  return role === 'admin';
}

export function canLead(role: Role | undefined): boolean {
  return role === 'admin' || role === 'lead';
}

/** Members grouped by organisation, organisations in alphabetical order, "No organisation" last. */
export function membersByOrganisation(members: Member[]): Array<{ organisation: string; members: Member[] }> {
  const groups = new Map<string, Member[]>();
  for (const m of members) {
    const key = m.organisation ?? '';
    const list = groups.get(key) ?? [];
    list.push(m);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([organisation, list]) => ({
      organisation: organisation || 'No organisation',
      members: list.sort((x, y) => x.displayName.localeCompare(y.displayName)),
    }));
}
