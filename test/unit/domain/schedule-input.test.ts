import { formatDuration, parseDuration } from '../../../src/domain/durations';
import { DEFAULT_SCHEDULE } from '../../../src/domain/schedule';
import { parseDay, parseScheduleArgs, parseTime, validateSchedule } from '../../../src/domain/schedule-input';

const DAY_ERROR = 'day must be a day of the week: mon, tue, wed, thu, fri, sat or sun';
const TIME_ERROR = 'time must be HH:MM in 24-hour clock, like 10:00';

describe('parseDay', () => {
  it.each([
    ['mon', 1],
    ['Monday', 1],
    ['TUE', 2],
    ['tues', 2],
    ['wed', 3],
    ['Thurs', 4],
    ['fri', 5],
    [' friday ', 5],
    ['sat', 6],
    ['SUNDAY', 7],
  ])('reads %p as %p', (text, day) => {
    expect(parseDay(text)).toEqual({ ok: true, value: day });
  });

  it.each(['', 'fr', 'funday', 'weds', '5', 'mondays'])('refuses %p', (text) => {
    expect(parseDay(text)).toEqual({ ok: false, message: DAY_ERROR });
  });
});

describe('parseTime', () => {
  it.each([
    ['10:00', '10:00'],
    ['9:30', '09:30'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
  ])('reads %p as %p', (text, time) => {
    expect(parseTime(text)).toEqual({ ok: true, value: time });
  });

  it.each(['24:00', '10:60', '9.30', '10', '10am', '1000', '', '10:0'])('refuses %p', (text) => {
    expect(parseTime(text)).toEqual({ ok: false, message: TIME_ERROR });
  });
});

describe('parseDuration', () => {
  it.each([
    ['24h', 1440],
    ['90m', 90],
    ['2d', 2880],
    ['1d12h', 2160],
    ['1d 12h', 2160],
    ['45m', 45],
    ['36 hours', 2160],
    ['1 day 12 hours', 2160],
    ['1 hour 30 minutes', 90],
    ['2H', 120],
  ])('reads %p as %p minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: minutes });
  });

  it.each(['', '24', 'h', '1w', '1h1h', '12h 1x', 'constructor', '-5m', '1.5h'])('refuses %p, naming the argument', (text) => {
    expect(parseDuration(text, 'remind')).toEqual({
      ok: false,
      message: 'remind must be a duration like 24h, 90m, 2d or 1d12h',
    });
  });

  it('refuses a zero duration', () => {
    expect(parseDuration('0h', 'close')).toEqual({ ok: false, message: 'close must be longer than 0 minutes' });
  });
});

describe('formatDuration', () => {
  it.each([
    [2160, '1 day 12 hours'],
    [1440, '1 day'],
    [4320, '3 days'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [1441, '1 day 1 minute'],
    [0, '0 minutes'],
  ])('writes %p minutes as %p', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  it('reads back what it writes', () => {
    expect(parseDuration(formatDuration(10020))).toEqual({ ok: true, value: 10020 });
  });
});

describe('validateSchedule', () => {
  it('accepts the default', () => {
    expect(validateSchedule(DEFAULT_SCHEDULE)).toEqual({ ok: true, value: DEFAULT_SCHEDULE });
  });

  it('needs a reminder of at least 15 minutes', () => {
    expect(validateSchedule({ ...DEFAULT_SCHEDULE, remindAfterMinutes: 14 })).toEqual({
      ok: false,
      message: 'remind must be at least 15 minutes',
    });
    expect(validateSchedule({ ...DEFAULT_SCHEDULE, remindAfterMinutes: 15 }).ok).toBe(true);
  });

  it('needs the round to close within 6 days 23 hours', () => {
    expect(validateSchedule({ ...DEFAULT_SCHEDULE, closeAfterMinutes: 10021 })).toEqual({
      ok: false,
      message: 'close must be at most 6 days 23 hours, so that each round closes before the next one opens',
    });
    expect(validateSchedule({ ...DEFAULT_SCHEDULE, closeAfterMinutes: 10020 }).ok).toBe(true);
  });

  it('needs the reminder before the close', () => {
    expect(validateSchedule({ ...DEFAULT_SCHEDULE, remindAfterMinutes: 4320 })).toEqual({
      ok: false,
      message: 'remind must be shorter than close, so the reminder goes out while the round is open (remind is 3 days, close is 3 days)',
    });
  });
});

describe('parseScheduleArgs', () => {
  it("applies the arguments over the default, tz to the mission's zone", () => {
    expect(parseScheduleArgs({ day: 'mon', time: '9:00', tz: 'america/new_york', remind: '4h', close: '2d' })).toEqual({
      ok: true,
      value: {
        schedule: { day: 1, time: '09:00', remindAfterMinutes: 240, closeAfterMinutes: 2880, paused: false },
        timeZone: 'America/New_York',
      },
    });
  });

  it('keeps what the arguments leave out from the current schedule and zone, including pause', () => {
    const current = { schedule: { ...DEFAULT_SCHEDULE, closeAfterMinutes: 2880, paused: true }, timeZone: 'Asia/Kolkata' };
    expect(parseScheduleArgs({ day: 'wed', time: '14:15' }, current)).toEqual({
      ok: true,
      value: { schedule: { ...current.schedule, day: 3, time: '14:15' }, timeZone: 'Asia/Kolkata' },
    });
  });

  it('reads tz with the one zone parser: the name as typed, in its proper case', () => {
    expect(parseScheduleArgs({ tz: 'asia/kolkata' })).toMatchObject({ ok: true, value: { timeZone: 'Asia/Kolkata' } });
  });

  it('reports every malformed argument at once', () => {
    expect(parseScheduleArgs({ day: 'someday', time: '25:00', tz: 'Nowhere', remind: 'soon', close: 'later' })).toEqual({
      ok: false,
      message: [
        DAY_ERROR,
        TIME_ERROR,
        'tz must be an IANA time zone name, like Europe/London or America/New_York',
        'remind must be a duration like 24h, 90m, 2d or 1d12h',
        'close must be a duration like 24h, 90m, 2d or 1d12h',
      ].join('; '),
    });
  });

  it('checks the rules between arguments, against the current schedule', () => {
    // The default closes after 72h, so a 4-day reminder is too late.
    expect(parseScheduleArgs({ remind: '4d' })).toEqual({
      ok: false,
      message: 'remind must be shorter than close, so the reminder goes out while the round is open (remind is 4 days, close is 3 days)',
    });
    expect(parseScheduleArgs({ close: '7d' }).ok).toBe(false);
  });
});
