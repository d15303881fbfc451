import { MAX_RESOLUTION_LENGTH, type Blocker } from '../domain/blocker';

/**
 * What the blocker service says besides its messages: refusals (thrown, and shown by
 * `safely`), short notices, form errors, and the notes it keeps on a closed blocker.
 */
export const blockerText = {
  gone: 'That blocker no longer exists.',
  notOnMissionToHelp: (slug: string): string =>
    `You are not on the mission "${slug}", so you cannot offer help here. Ask one of its admins to add you.`,
  ownBlocker: 'This is your own blocker. Press Resolved once it is sorted.',
  helpOffered: (owner: string, fresh: boolean): string =>
    fresh ? `Thank you. ${owner} has been told that you can help.` : `You have already offered to help; ${owner} knows.`,
  notOpen: (b: Pick<Blocker, 'status' | 'resolvedBy' | 'ownerName'>): string =>
    b.status === 'resolved'
      ? `This blocker was already resolved${b.resolvedBy ? ` by ${b.resolvedBy}` : ''}.`
      : `${b.ownerName} withdrew this blocker: it is no longer in their check-in.`,
  mayNotResolve: (owner: string, slug: string): string =>
    `Only ${owner} (who raised it) or a lead or admin of "${slug}" can mark this blocker resolved. If you can help, press I can help.`,
  resolutionMissing: 'Say in a line how it was resolved.',
  resolutionTooLong: (length: number): string => `Keep it to one line, under ${MAX_RESOLUTION_LENGTH} characters (it is ${length}).`,
  /** The note on a blocker its owner marked Resolved in a later check-in. */
  resolvedInCheckin: 'resolved in check-in',
  /** The note on a blocker whose owner emptied the blocker answer of their check-in. */
  withdrawn: 'taken out of the check-in by its owner',
};

/** Where a blocker alert goes, in words for the person who raised it and for delivery notices. */
export const ALERT_PLACE = {
  alertChannel: 'the alert channel',
  digestChannel: 'the digest channel',
  admins: "the mission's admins",
} as const;
