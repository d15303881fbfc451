import { deliveryFailedMessage, unreachableNoticeMessage } from '../../../src/messages/delivery-notice-messages';

/** What admins read when the bot could not deliver something: plain words, never the outbox's kinds. */
describe('failed-delivery notices', () => {
  it('names what was sent in words, with the right article', () => {
    const said = (kind: string | undefined) =>
      deliveryFailedMessage({ kind, to: 'Ben', slug: 'jobs', attempts: 5, reason: 'channel_not_found' }).summary;
    expect(said('export-failed')).toMatch(/^Mission Pulse could not deliver a note that an export failed to Ben for jobs after 5 attempts/);
    expect(said('file-link')).toMatch(/could not deliver a download link to Ben/);
    expect(said('by-reply')).toMatch(/could not deliver a check-in question to Ben/);
    expect(said('invite used')).toMatch(/could not deliver a note that an invite code was used to Ben/);
    expect(said('unlink notice')).toMatch(/could not deliver an unlink notice to Ben/);
    expect(said('prompt')).toMatch(/could not deliver a prompt to Ben for jobs after 5 attempts \(channel_not_found\)\./);
    expect(said(undefined)).toMatch(/could not deliver a message to Ben/);
  });

  it('says what to ask an unreachable member to do, by platform', () => {
    expect(unreachableNoticeMessage('Ben', 'jobs', 'teams').summary).toMatch(/^Ben cannot be reached for jobs's check-ins\. .*select Add;/);
    expect(unreachableNoticeMessage(undefined, 'jobs', 'slack').summary).toMatch(/^A member cannot be reached .*blocked the app;/);
  });
});
