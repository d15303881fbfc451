import { parseTimeZone, suggestZones } from '../../../src/domain/time-zone';

const USAGE = 'tz must be an IANA time zone name, like Europe/London or America/New_York';

describe('parseTimeZone: the one reading of a time zone someone typed', () => {
  it('spells an IANA name in any case the way the database does', () => {
    expect(parseTimeZone('europe/london')).toEqual({ ok: true, value: 'Europe/London' });
    expect(parseTimeZone('  Australia/Sydney ')).toEqual({ ok: true, value: 'Australia/Sydney' });
    expect(parseTimeZone('america/port-au-prince')).toEqual({ ok: true, value: 'America/Port-au-Prince' });
    expect(parseTimeZone('antarctica/dumontdurville')).toEqual({ ok: true, value: 'Antarctica/DumontDUrville' });
    expect(parseTimeZone('europe/isle_of_man')).toEqual({ ok: true, value: 'Europe/Isle_of_Man' });
  });

  it('keeps the name as typed where Intl would swap it for another (Asia/Kolkata is not Asia/Calcutta)', () => {
    expect(parseTimeZone('Asia/Kolkata')).toEqual({ ok: true, value: 'Asia/Kolkata' });
    expect(parseTimeZone('asia/kolkata')).toEqual({ ok: true, value: 'Asia/Kolkata' });
    expect(parseTimeZone('europe/kyiv')).toEqual({ ok: true, value: 'Europe/Kyiv' });
    expect(parseTimeZone('Europe/Kiev')).toEqual({ ok: true, value: 'Europe/Kiev' });
    expect(parseTimeZone('us/eastern')).toEqual({ ok: true, value: 'US/Eastern' });
    expect(parseTimeZone('america/argentina/buenos_aires')).toEqual({ ok: true, value: 'America/Argentina/Buenos_Aires' });
  });

  it('turns a name without a region into the zone it stands for', () => {
    expect(parseTimeZone('utc')).toEqual({ ok: true, value: 'UTC' });
    expect(parseTimeZone('GB')).toEqual({ ok: true, value: 'Europe/London' });
    expect(parseTimeZone('EST5EDT')).toEqual({ ok: true, value: 'America/New_York' });
  });

  it.each(['', '   ', 'Mars/Olympus', 'Nowhere', 'BST+1', '+01:00', 'Factory', 'Europe/', 'x'.repeat(65)])(
    'refuses %p and says what it wants',
    (text) => {
      expect(parseTimeZone(text)).toEqual({ ok: false, message: USAGE });
    },
  );

  it('suggests the nearest names for a typing mistake or a place alone', () => {
    expect(parseTimeZone('Europe/Londn')).toEqual({ ok: false, message: `${USAGE} (did you mean Europe/London?)` });
    expect(parseTimeZone('London')).toEqual({ ok: false, message: `${USAGE} (did you mean Europe/London?)` });
    expect(parseTimeZone('new york')).toEqual({ ok: false, message: `${USAGE} (did you mean America/New_York?)` });
    expect(parseTimeZone('Asia/Kolkatta')).toEqual({ ok: false, message: `${USAGE} (did you mean Asia/Kolkata?)` });
  });

  it('names the argument it reads', () => {
    expect(parseTimeZone('Mars/Olympus', 'zone')).toEqual({
      ok: false,
      message: 'zone must be an IANA time zone name, like Europe/London or America/New_York',
    });
  });
});

describe('suggestZones', () => {
  it('offers only the nearest names, at most three', () => {
    expect(suggestZones('Paris')).toEqual(['Europe/Paris']);
    expect(suggestZones('Kolkata')).toEqual(['Asia/Kolkata']);
    expect(suggestZones('America/Indiana/Knoxx')).toEqual(['America/Indiana/Knox']);
    expect(suggestZones('ab')).toEqual([]);
    expect(suggestZones('zzzzzzzz')).toEqual([]);
  });
});
