/**
 * What the check-in service says besides its messages: refusals (thrown, and shown by
 * `safely`), short notices and the error on a form sent after its round closed.
 */
export const checkinText = {
  gone: 'That check-in no longer exists.',
  notOnMission: (slug: string): string => `You are not on the mission "${slug}", so there is no check-in for you there.`,
  noneOpenFor: (slug: string): string => `No check-in is open for ${slug} right now.`,
  noneOpen: 'No check-in is open for you right now. You will get a direct message when the next one opens.',
  closedForEdits: (slug: string): string => `The check-in for ${slug} has closed, so answers can no longer be edited.`,
  roundClosedField: 'This round has closed, so answers can no longer be edited.',
  alreadyAnswered: (slug: string): string => `You already answered the check-in for ${slug}; use Edit to change it.`,
  skipped: (slug: string): string => `Skipped this week's check-in for ${slug}.`,
  noneToSkip: (slug?: string): string =>
    slug ? `No unanswered check-in is open for ${slug}.` : 'No unanswered check-in is open for you right now.',
  sayWhichToSkip: (slugs: string[]): string => `You have check-ins open for ${slugs.join(', ')}. Say which one: \`checkin skip <slug>\`.`,
  awayNotAfterToday: (example: string): string => `until must be a date after today, like ${example}.`,
  awayTooFar: 'until must be within a year; run `checkin back` when you return.',
  away: (until: string): string =>
    `You're away until ${until}: no check-ins or reminders until then. Run \`checkin back\` to return early.`,
  back: "Welcome back: you'll get check-ins again from the next round.",
};
