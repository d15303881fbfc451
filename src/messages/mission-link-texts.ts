import { MAX_LINKED_WORKSPACES } from '../domain/mission-link';

/** What linking a mission across workspaces refuses with, in words (thrown, and shown by `safely`). */
export const missionLinkText = {
  notACode: "That is not an invite code. Codes look like MP-7K3Q-9XWD-M2HT: ask the mission's admin for one.",
  unknownCode: "That invite code is not valid. Check it for typing mistakes, or ask the mission's admin for a new one.",
  usedCode: "That invite code has already been used. Each code works once: ask the mission's admin for a new one.",
  expiredCode: "That invite code has expired (codes last 48 hours). Ask the mission's admin for a new one.",
  unknownWorkspace: (key: string): string => `Unknown workspace ${key}.`,
  homeAdminsInvite: (slug: string, home: string): string =>
    `Only the admins in the home workspace of "${slug}" (${home}) can invite another workspace.`,
  tooManyLinks: (slug: string): string => `"${slug}" is already linked to ${MAX_LINKED_WORKSPACES} other workspaces, the most it can have.`,
  missionGone: 'The mission this code was for no longer exists.',
  alreadyHome: (slug: string): string =>
    `"${slug}" already belongs to this workspace: the code is for an admin in another Slack workspace or Teams tenant.`,
  alreadyLinked: (slug: string): string => `This workspace is already linked to "${slug}". Type \`mission show ${slug}\` to see it.`,
  slugTaken: (slug: string): string =>
    `This workspace already has a mission called "${slug}", so the two could not be told apart. Ask the mission's admin to contact support.`,
  unlinkOwnOnly: (slug: string): string => `From a linked workspace you can only unlink your own: \`mission unlink ${slug}\`.`,
  notLinked: (slug: string): string => `"${slug}" is not linked to any other workspace.`,
  sayWhichToUnlink: (slug: string, linked: string[]): string =>
    `"${slug}" is linked to ${linked.length} workspaces: ${linked.join(', ')}. Say which, like \`mission unlink ${slug} ${linked[0]}\`.`,
  notLinkedNamed: (named: string, slug: string, linked: string[]): string =>
    `"${named}" is not linked to "${slug}". Linked: ${linked.join(', ')}.`,
};
