import {
  DEFAULT_SCHEDULE,
  currentOrNextRound,
  describeSchedule,
  dueRound,
  nextOpening,
  openingFor,
  roundTimes,
  type Schedule,
} from '../../../src/domain/schedule';

const iso = (date: Date): string => date.toISOString();
const at = (text: string): Date => new Date(text);
const LONDON = 'Europe/London';

function schedule(changes: Partial<Schedule>): Schedule {
  return { ...DEFAULT_SCHEDULE, ...changes };
}

describe('default schedule', () => {
  it('opens Fridays at 10:00 London time, reminds after 24h and closes after 72h', () => {
    expect(DEFAULT_SCHEDULE).toEqual({
      day: 5,
      time: '10:00',
      remindAfterMinutes: 1440,
      closeAfterMinutes: 4320,
      paused: false,
    });
  });

  it('opens at 10:00Z in winter (GMT) and 09:00Z in summer (BST)', () => {
    expect(iso(openingFor(DEFAULT_SCHEDULE, LONDON, '2026-W03'))).toBe('2026-01-16T10:00:00.000Z');
    expect(iso(openingFor(DEFAULT_SCHEDULE, LONDON, '2026-W27'))).toBe('2026-07-03T09:00:00.000Z');
  });

  it('opens the round of the 53rd week of 2026 on New Year’s Day 2027', () => {
    expect(iso(openingFor(DEFAULT_SCHEDULE, LONDON, '2026-W53'))).toBe('2027-01-01T10:00:00.000Z');
  });

  it('refuses a week that does not exist', () => {
    expect(() => openingFor(DEFAULT_SCHEDULE, LONDON, '2027-W53')).toThrow(/week key/);
  });
});

describe('London clock changes (29 Mar and 25 Oct 2026)', () => {
  const sunday0130 = schedule({ day: 7, time: '01:30' });
  const monday0900 = schedule({ day: 1, time: '09:00' });

  it('opens a time the clocks skip at the moment they jump forward (02:00 BST)', () => {
    expect(iso(openingFor(sunday0130, LONDON, '2026-W12'))).toBe('2026-03-22T01:30:00.000Z');
    expect(iso(openingFor(sunday0130, LONDON, '2026-W13'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(openingFor(sunday0130, LONDON, '2026-W14'))).toBe('2026-04-05T00:30:00.000Z');
  });

  it('opens a time the clocks show twice at its first showing (01:30 BST)', () => {
    expect(iso(openingFor(sunday0130, LONDON, '2026-W43'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(openingFor(sunday0130, LONDON, '2026-W44'))).toBe('2026-11-01T01:30:00.000Z');
  });

  it('keeps a Monday 09:00 round at 09:00 local either side of each change', () => {
    expect(iso(openingFor(monday0900, LONDON, '2026-W13'))).toBe('2026-03-23T09:00:00.000Z');
    expect(iso(openingFor(monday0900, LONDON, '2026-W14'))).toBe('2026-03-30T08:00:00.000Z');
    expect(iso(openingFor(monday0900, LONDON, '2026-W43'))).toBe('2026-10-19T08:00:00.000Z');
    expect(iso(openingFor(monday0900, LONDON, '2026-W44'))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('counts reminder and close in real hours, so a 72h round over the change closes at 09:00 GMT', () => {
    expect(roundTimes(DEFAULT_SCHEDULE, LONDON, '2026-W43')).toEqual({
      opensAt: at('2026-10-23T09:00:00Z'),
      remindAt: at('2026-10-24T09:00:00Z'),
      closesAt: at('2026-10-26T09:00:00Z'),
    });
    expect(roundTimes(DEFAULT_SCHEDULE, LONDON, '2026-W13')).toEqual({
      opensAt: at('2026-03-27T10:00:00Z'),
      remindAt: at('2026-03-28T10:00:00Z'),
      closesAt: at('2026-03-30T10:00:00Z'),
    });
  });

  it('closes a maximal round before the next one opens in the week that loses an hour', () => {
    const longest = schedule({ day: 7, time: '01:30', closeAfterMinutes: 6 * 1440 + 23 * 60 });
    const round = roundTimes(longest, LONDON, '2026-W12');
    expect(round.closesAt.getTime()).toBeLessThanOrEqual(openingFor(longest, LONDON, '2026-W13').getTime());
    expect(dueRound(longest, LONDON, at('2026-03-29T01:00:00Z'))?.weekKey).toBe('2026-W13');
  });
});

describe('other zones', () => {
  it('is 5 hours behind London most weeks and 4 in the weeks the US changes clocks first', () => {
    expect(iso(openingFor(DEFAULT_SCHEDULE, 'America/New_York', '2026-W10'))).toBe('2026-03-06T15:00:00.000Z');
    expect(iso(openingFor(DEFAULT_SCHEDULE, LONDON, '2026-W10'))).toBe('2026-03-06T10:00:00.000Z');
    expect(iso(openingFor(DEFAULT_SCHEDULE, 'America/New_York', '2026-W11'))).toBe('2026-03-13T14:00:00.000Z');
    expect(iso(openingFor(DEFAULT_SCHEDULE, LONDON, '2026-W11'))).toBe('2026-03-13T10:00:00.000Z');
    expect(iso(openingFor(DEFAULT_SCHEDULE, 'America/New_York', '2026-W44'))).toBe('2026-10-30T14:00:00.000Z');
    expect(iso(openingFor(DEFAULT_SCHEDULE, LONDON, '2026-W44'))).toBe('2026-10-30T10:00:00.000Z');
  });

  it('applies the gap and overlap rules on New York’s own change days (8 Mar, 1 Nov 2026)', () => {
    const sunday0230 = schedule({ day: 7, time: '02:30' });
    expect(iso(openingFor(sunday0230, 'America/New_York', '2026-W10'))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    const sunday0130 = schedule({ day: 7, time: '01:30' });
    expect(iso(openingFor(sunday0130, 'America/New_York', '2026-W44'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });

  it('follows Sydney’s southern-hemisphere summer time, even when that is the day before in UTC', () => {
    expect(iso(openingFor(DEFAULT_SCHEDULE, 'Australia/Sydney', '2026-W03'))).toBe('2026-01-15T23:00:00.000Z'); // AEDT +11
    expect(iso(openingFor(DEFAULT_SCHEDULE, 'Australia/Sydney', '2026-W27'))).toBe('2026-07-03T00:00:00.000Z'); // AEST +10
    const sunday0230 = schedule({ day: 7, time: '02:30' });
    expect(iso(openingFor(sunday0230, 'Australia/Sydney', '2026-W40'))).toBe('2026-10-03T16:00:00.000Z'); // gap: 03:00 AEDT
    expect(iso(openingFor(sunday0230, 'Australia/Sydney', '2026-W14'))).toBe('2026-04-04T15:30:00.000Z'); // overlap: 02:30 AEDT
  });

  it('handles a half-hour offset (Asia/Kolkata, +05:30)', () => {
    expect(iso(openingFor(DEFAULT_SCHEDULE, 'Asia/Kolkata', '2026-W03'))).toBe('2026-01-16T04:30:00.000Z');
    expect(iso(openingFor(DEFAULT_SCHEDULE, 'Asia/Kolkata', '2026-W27'))).toBe('2026-07-03T04:30:00.000Z');
  });
});

describe('nextOpening', () => {
  it('is this week’s opening until it has happened, then next week’s', () => {
    expect(nextOpening(DEFAULT_SCHEDULE, LONDON, at('2026-01-16T09:59:59Z'))).toEqual({
      weekKey: '2026-W03',
      opensAt: at('2026-01-16T10:00:00Z'),
    });
    expect(nextOpening(DEFAULT_SCHEDULE, LONDON, at('2026-01-16T10:00:00Z'))).toEqual({
      weekKey: '2026-W04',
      opensAt: at('2026-01-23T10:00:00Z'),
    });
  });

  it('crosses into the next ISO year', () => {
    expect(nextOpening(DEFAULT_SCHEDULE, LONDON, at('2026-12-26T00:00:00Z'))).toEqual({
      weekKey: '2026-W53',
      opensAt: at('2027-01-01T10:00:00Z'),
    });
    expect(nextOpening(DEFAULT_SCHEDULE, LONDON, at('2027-01-01T10:00:00Z')).weekKey).toBe('2027-W01');
  });

  it('finds this week’s Sunday opening on the spring-forward morning', () => {
    const sunday0130 = schedule({ day: 7, time: '01:30' });
    expect(nextOpening(sunday0130, LONDON, at('2026-03-29T00:59:00Z'))).toEqual({
      weekKey: '2026-W13',
      opensAt: at('2026-03-29T01:00:00Z'),
    });
  });

  it('does not look at paused (it says when the round would next open)', () => {
    expect(nextOpening({ ...DEFAULT_SCHEDULE, paused: true }, LONDON, at('2026-01-16T09:00:00Z')).weekKey).toBe('2026-W03');
  });
});

describe('dueRound', () => {
  const round = {
    weekKey: '2026-W03',
    opensAt: at('2026-01-16T10:00:00Z'),
    remindAt: at('2026-01-17T10:00:00Z'),
    closesAt: at('2026-01-19T10:00:00Z'),
  };

  it('has nothing due before the opening', () => {
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-16T09:59:59Z'))).toBeUndefined();
  });

  it('is due from the opening instant', () => {
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-16T10:00:00Z'))).toEqual(round);
  });

  it('is still due for a bot that starts after the opening, into the next ISO week', () => {
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-17T12:00:00Z'))).toEqual(round);
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-19T09:59:59Z'))).toEqual(round);
  });

  it('is not due once the round has closed', () => {
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-19T10:00:00Z'))).toBeUndefined();
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-21T12:00:00Z'))).toBeUndefined();
  });

  it('is never due while paused', () => {
    expect(dueRound({ ...DEFAULT_SCHEDULE, paused: true }, LONDON, at('2026-01-16T10:00:00Z'))).toBeUndefined();
  });

  it('uses summer time for a summer opening', () => {
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-07-03T08:59:00Z'))).toBeUndefined();
    expect(dueRound(DEFAULT_SCHEDULE, LONDON, at('2026-07-03T09:00:00Z'))?.weekKey).toBe('2026-W27');
  });
});

describe('currentOrNextRound', () => {
  it('gives the open round, or the next one with its reminder and close times', () => {
    expect(currentOrNextRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-17T00:00:00Z'))).toMatchObject({ weekKey: '2026-W03', open: true });
    expect(currentOrNextRound(DEFAULT_SCHEDULE, LONDON, at('2026-01-20T00:00:00Z'))).toEqual({
      weekKey: '2026-W04',
      opensAt: at('2026-01-23T10:00:00Z'),
      remindAt: at('2026-01-24T10:00:00Z'),
      closesAt: at('2026-01-26T10:00:00Z'),
      open: false,
    });
  });

  it('gives nothing while paused', () => {
    expect(currentOrNextRound({ ...DEFAULT_SCHEDULE, paused: true }, LONDON, at('2026-01-17T00:00:00Z'))).toBeUndefined();
  });
});

describe('describeSchedule', () => {
  it('says the day, local time, zone, reminder and close in words', () => {
    expect(describeSchedule(DEFAULT_SCHEDULE, LONDON)).toBe('Fridays at 10:00 (Europe/London); reminder after 1 day, closes after 3 days');
    expect(
      describeSchedule(schedule({ day: 1, time: '09:30', remindAfterMinutes: 90, closeAfterMinutes: 2160, paused: true }), 'Asia/Kolkata'),
    ).toBe('Paused: Mondays at 09:30 (Asia/Kolkata); reminder after 1 hour 30 minutes, closes after 1 day 12 hours');
  });
});
