import type { Message } from './model';
import { noticeMessage } from './checkin-messages';

/**
 * What a mission's admins are told when the bot could not deliver something: a member it
 * cannot reach, with what to ask them to do, or a message that failed after every retry.
 */

export function unreachableNoticeMessage(who: string | undefined, slug: string, platform: string): Message {
  const how =
    platform === 'teams'
      ? 'Mission Pulse is not installed for them in Teams. Ask them to open Teams, go to Apps, search for "Mission Pulse" and select Add'
      : 'Slack would not let Mission Pulse message them. Check that their account is active and that they have not blocked the app';
  return noticeMessage(
    `${who ?? 'A member'} cannot be reached for ${slug}'s check-ins. ${how}; they will be asked as soon as they can be reached.`,
  );
}

/** What was sent, by the outbox item's kind, where the kind alone would not read as words. */
const SENT: Record<string, string> = {
  'by-reply': 'a check-in question',
  'export-failed': 'a note that an export failed',
  'file-link': 'a download link',
  'invite used': 'a note that an invite code was used',
};

function sentThing(kind: string | undefined): string {
  const what = kind ?? 'message';
  return SENT[what] ?? `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}

export interface FailedDelivery {
  /** The outbox item's kind ("prompt", "blocker alert"...). */
  kind?: string;
  /** Who or where it was for. */
  to?: string;
  slug: string;
  attempts: number;
  reason?: string;
}

export function deliveryFailedMessage(f: FailedDelivery): Message {
  const to = f.to ? ` to ${f.to}` : '';
  const why = f.reason ? ` (${f.reason})` : '';
  return noticeMessage(
    `Mission Pulse could not deliver ${sentThing(f.kind)}${to} for ${f.slug} after ${f.attempts} attempts${why}. Nothing else was affected; you may want to let them know.`,
  );
}
