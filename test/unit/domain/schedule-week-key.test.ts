import { addWeeks, dateInWeek, parseWeekKey, weekKey } from '../../../src/domain/week-key';

const at = (text: string): Date => new Date(text);

describe('weekKey', () => {
  it('names the ISO week in the mission’s zone', () => {
    expect(weekKey(at('2026-11-27T10:00:00Z'), 'Europe/London')).toBe('2026-W48');
  });

  it('uses the ISO week-year at year boundaries', () => {
    expect(weekKey(at('2026-12-31T12:00:00Z'), 'Europe/London')).toBe('2026-W53');
    expect(weekKey(at('2027-01-01T12:00:00Z'), 'Europe/London')).toBe('2026-W53');
    expect(weekKey(at('2027-01-03T23:59:00Z'), 'Europe/London')).toBe('2026-W53');
    expect(weekKey(at('2027-01-04T00:00:00Z'), 'Europe/London')).toBe('2027-W01');
    expect(weekKey(at('2024-12-30T12:00:00Z'), 'Europe/London')).toBe('2025-W01');
    expect(weekKey(at('2021-01-03T12:00:00Z'), 'Europe/London')).toBe('2020-W53');
  });

  it('follows the mission’s zone when the day differs between zones', () => {
    // Sunday 20:00 in New York is already Monday in London and Sydney.
    const sundayEveningInNewYork = at('2026-03-16T00:00:00Z');
    expect(weekKey(sundayEveningInNewYork, 'America/New_York')).toBe('2026-W11');
    expect(weekKey(sundayEveningInNewYork, 'Europe/London')).toBe('2026-W12');
    // ... and across the year boundary.
    const sundayJan3InNewYork = at('2027-01-04T01:00:00Z');
    expect(weekKey(sundayJan3InNewYork, 'America/New_York')).toBe('2026-W53');
    expect(weekKey(sundayJan3InNewYork, 'Europe/London')).toBe('2027-W01');
    // Sunday 14:00 UTC is Monday 01:00 in Sydney.
    expect(weekKey(at('2026-01-04T14:00:00Z'), 'Australia/Sydney')).toBe('2026-W02');
    expect(weekKey(at('2026-01-04T14:00:00Z'), 'Europe/London')).toBe('2026-W01');
  });

  it('refuses an unknown zone', () => {
    expect(() => weekKey(at('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(/time zone/);
  });
});

describe('week key arithmetic', () => {
  it('parses real weeks only', () => {
    expect(parseWeekKey('2026-W53')).toEqual({ weekYear: 2026, weekNumber: 53 });
    expect(parseWeekKey('2027-W53')).toBeUndefined();
    expect(parseWeekKey('2026-W00')).toBeUndefined();
    expect(parseWeekKey('2026-48')).toBeUndefined();
  });

  it('adds weeks across year ends', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2025-W52', 1)).toBe('2026-W01');
  });

  it('finds the calendar date of a weekday in a week', () => {
    expect(dateInWeek('2026-W01', 1)).toEqual({ year: 2025, month: 12, day: 29 });
    expect(dateInWeek('2026-W53', 5)).toEqual({ year: 2027, month: 1, day: 1 });
  });
});
