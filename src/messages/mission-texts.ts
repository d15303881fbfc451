import type { Member } from '../domain/mission';

/** What the mission service refuses with, in words (thrown, and shown by `safely`). */

/** The people to ask, by name; a mission always has an admin, but an old one may have none left. */
export function namesOf(members: Member[]): string {
  const names = members.map((m) => m.displayName);
  return names.length > 0 ? names.join(', ') : 'its creator';
}

const admins = (members: Member[]): string => namesOf(members.filter((m) => m.role === 'admin'));

export const missionText = {
  noSuchMission: (slug: string): string => `No such mission: "${slug}". Type \`mission list\` to see the missions you belong to.`,
  notOnMission: (slug: string, members: Member[]): string =>
    `You are not on the mission "${slug}". Ask one of its admins to add you: ${admins(members)}.`,
  adminsOnly: (slug: string, members: Member[]): string => `Only the admins of "${slug}" can change it. Ask ${admins(members)}.`,
  lastAdminKept: (name: string, slug: string): string => `${name} is the only admin of "${slug}". Make someone else an admin first.`,
  notOnMissionToRemove: (slug: string): string => `That person is not on "${slug}".`,
  lastAdminRemoved: (name: string, slug: string): string =>
    `${name} is the only admin of "${slug}". Add another admin before removing them.`,
  channelInDm: (slug: string, which: 'digest' | 'alerts'): string =>
    `Run \`mission channel ${slug} ${which}\` in the channel that should get the ${which === 'digest' ? 'weekly digest' : 'blocker alerts'}, not in a direct message.`,
  otherWorkspace: 'That conversation belongs to another workspace.',
  /** Shown for an owner or helper who has since left the mission. */
  formerMember: 'someone no longer on the mission',
};
