import { actionTooLong, commandTooLong, formTooLong, INBOUND_LIMITS, messageTooLong } from '../../../src/services/inbound-limits';
import type { Message } from '../../../src/messages/model';

/** The door: what each kind of inbound text may carry, and what a person is told when it is over. */

const said = (m: Message | undefined): string => m?.summary ?? '';

describe('the limits at the door', () => {
  it('a Slack message is read up to Slack’s 40,000 characters; one more is refused, saying how long it was', () => {
    expect(messageTooLong('slack', 'x'.repeat(40_000))).toBeUndefined();
    const refused = messageTooLong('slack', 'x'.repeat(40_001));
    expect(said(refused?.message)).toBe(
      'That message is too long for me to read (40,001 characters; the most is 40,000). Nothing was saved; please send a shorter one.',
    );
  });

  it('a Teams message is measured in bytes, as Teams measures it: 28 KB of letters pass, 8,000 emoji of 4 bytes each do not', () => {
    expect(messageTooLong('teams', 'x'.repeat(28 * 1024))).toBeUndefined();
    expect(messageTooLong('teams', 'x'.repeat(28 * 1024 + 1))).toBeDefined();
    // 8,000 characters that are 4 bytes each: 31.25 KB.
    const emoji = '\u{1F600}'.repeat(8_000);
    expect(said(messageTooLong('teams', emoji)?.message)).toMatch(/too long for me to read \(32 KB; the most is 28 KB\)/);
  });

  it('a command’s text may carry twice what the grammar reads, for Slack’s markup; past that it is refused in the grammar’s words', () => {
    expect(INBOUND_LIMITS.commandChars).toBe(8_000);
    expect(commandTooLong('a'.repeat(8_000))).toBeUndefined();
    expect(said(commandTooLong('a'.repeat(8_001))?.message)).toBe('the command is too long: keep it under 4,000 characters');
  });

  it('a button carrying more than Slack’s 2,000-character value or 255-character id is refused', () => {
    expect(actionTooLong('checkin.open', 'v'.repeat(2_000))).toBeUndefined();
    expect(said(actionTooLong('checkin.open', 'v'.repeat(2_001))?.message)).toMatch(/button could not be read.*Nothing was changed/);
    expect(actionTooLong('a'.repeat(256), 'v')).toBeDefined();
  });

  it('a form field up to twice the longest answer is left to the form’s own checks; beyond, it is refused on that field', () => {
    expect(formTooLong('checkin', 'state', { moved: 'm'.repeat(6_000), next: 'ok' })).toBeUndefined();
    const refused = formTooLong('checkin', 'state', { next: 'ok', moved: 'm'.repeat(6_001) });
    expect(refused?.field).toEqual({
      id: 'moved',
      error: 'This answer is too long (6,001 characters; the most any answer can be is 3,000). Nothing was saved.',
    });
    expect(said(refused?.message)).toMatch(/Please shorten it and submit the form again/);
  });

  it('a form with more fields, a longer state or longer ids than any form the bot draws is refused whole', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'x']));
    for (const refused of [
      formTooLong('checkin', 'state', many),
      formTooLong('checkin', 's'.repeat(3_001), {}),
      formTooLong('c'.repeat(256), 'state', {}),
      formTooLong('checkin', 'state', { ['k'.repeat(256)]: 'x' }),
    ]) {
      expect(refused?.field).toBeUndefined();
      expect(said(refused?.message)).toMatch(/form could not be read.*Nothing was saved/);
    }
  });
});
