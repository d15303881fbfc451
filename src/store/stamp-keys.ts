/**
 * Change-stamp keys (stamps.ts) that more than one repository bumps or reads. Keys only one
 * repository uses stay in that repository.
 */

/** One mission's document and its roster: MissionRepository and MemberRepository bump it, one check serves both. */
export const missionKey = (id: string): string => `mission:${id}`;

/** A round's check-ins: CheckinRepository bumps it after every write; WeekPointRepository keeps its figures against it. */
export const checkinStampKey = (roundId: string): string => `checkins:${roundId}`;
