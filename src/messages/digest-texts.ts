/** What sending and reading digests on request refuses or answers with, in words. */
export const digestText = {
  leadsOnly: (slug: string): string => `Only the leads and admins of "${slug}" can send its digest.`,
  noChannel: (slug: string): string =>
    `"${slug}" has no digest channel yet. Run \`mission channel ${slug} digest\` in the channel that should get it.`,
  noRound: (slug: string): string =>
    `No check-in has run for "${slug}" yet, so there is nothing to digest. Try \`mission checkin-now ${slug}\`.`,
  sentTooOften: (week: string, times: number): string => `The digest for ${week} has been sent ${times} times already.`,
  /** `title` is the digest's title (`digestTitle`); `places` how many workspaces got it. */
  sent: (title: string, places: number): string => {
    const where = places === 1 ? 'the digest channel' : `the digest channel in each of its ${places} workspaces`;
    return `Sent the digest for ${title} to ${where}.`;
  },
  gone: 'That digest is no longer available.',
  membersOnly: (slug: string): string => `Only members of "${slug}" can see the full details of its digest.`,
};
