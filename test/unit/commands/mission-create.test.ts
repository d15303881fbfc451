import { missionCreate } from '../../../src/commands';
import { err, ok } from './helpers';

const STATEMENT = 'By 2030, eliminate long-term unemployment for under-25s in Ladywood ward';

describe('mission create', () => {
  it('reads a quoted statement and every option', () => {
    expect(ok(`create "${STATEMENT}" slug=ladywood-jobs target=2030-12-31 place="Ladywood, Birmingham" tz=Europe/London`)).toEqual({
      name: 'mission.create',
      statement: STATEMENT,
      slug: 'ladywood-jobs',
      target: '2030-12-31',
      place: 'Ladywood, Birmingham',
      tz: 'Europe/London',
    });
  });

  it('accepts curly quotes, capitalised words and autocorrected dashes from a phone', () => {
    expect(
      ok(`Create \u201C${STATEMENT}\u201D Target=2030\u201312\u201331 TZ=europe/london place=\u2018Ladywood\u2019s wards\u2019`),
    ).toEqual({
      name: 'mission.create',
      statement: STATEMENT,
      target: '2030-12-31',
      place: 'Ladywood\u2019s wards',
      tz: 'Europe/London',
    });
  });

  it('takes an unquoted statement up to the first option, ignoring a dash before it', () => {
    expect(ok("create By 2030,  Ladywood's young people\u00A0thrive \u2014 target=2030-12-31")).toEqual({
      name: 'mission.create',
      statement: "By 2030, Ladywood's young people thrive",
      target: '2030-12-31',
    });
  });

  it('keeps quotes that are part of an unquoted statement', () => {
    expect(ok('create Make "good jobs" normal in Ladywood')).toMatchObject({ statement: 'Make "good jobs" normal in Ladywood' });
  });

  it('leaves the slug to the service when none is given', () => {
    expect(ok(`create "${STATEMENT}"`)).not.toHaveProperty('slug');
  });

  it('forgives a capitalised slug', () => {
    expect(ok(`create "${STATEMENT}" slug=Ladywood-Jobs`)).toMatchObject({ slug: 'ladywood-jobs' });
  });

  describe('statement', () => {
    it('is required', () => {
      expect(err('create target=2030-12-31')).toEqual({
        code: 'BAD_ARGUMENTS',
        message: `statement is required, like "${STATEMENT}"`,
        usage: missionCreate.usage,
      });
    });

    it('must be at least 10 characters', () => {
      expect(err('create "Jobs now"').message).toBe('statement must be 10–280 characters; it has 8');
      expect(ok('create "Jobs now!!!"')).toMatchObject({ statement: 'Jobs now!!!' });
    });

    it('must be at most 280 characters', () => {
      expect(ok(`create "${'x'.repeat(280)}"`)).toMatchObject({ name: 'mission.create' });
      expect(err(`create "${'x'.repeat(281)}"`).message).toBe('statement must be 10–280 characters; it has 281');
    });

    it('counts an emoji as one character', () => {
      expect(ok(`create "${'\u{1F331}'.repeat(280)}"`)).toMatchObject({ name: 'mission.create' });
    });

    it('rejects words after a quoted statement', () => {
      expect(err(`create "${STATEMENT}" ladywood-jobs`).message).toBe(
        'unexpected "ladywood-jobs" after the statement: options look like key=value, like slug=ladywood-jobs',
      );
    });

    it('rejects text after the options', () => {
      expect(err(`create "${STATEMENT}" place="Ladywood" more words`).message).toBe(
        'unexpected "more" after the options: put the statement first, in quotes',
      );
    });
  });

  describe('target', () => {
    it('must be after today', () => {
      expect(err(`create "${STATEMENT}" target=2025-06-01`).message).toBe('target must be a date in the future, like 2030-12-31');
      expect(err(`create "${STATEMENT}" target=2025-05-31`).message).toBe('target must be a date in the future, like 2030-12-31');
      expect(ok(`create "${STATEMENT}" target=2025-06-02`)).toMatchObject({ target: '2025-06-02' });
    });

    it.each(['2030-02-30', '2030-13-01', '31/12/2030', '2030-1-1', 'soon'])('rejects %s as not a date', (value) => {
      expect(err(`create "${STATEMENT}" target=${value}`).message).toBe('target must be a date like 2030-12-31');
    });

    it('accepts 29 February in a leap year', () => {
      expect(ok(`create "${STATEMENT}" target=2028-02-29`)).toMatchObject({ target: '2028-02-29' });
    });
  });

  describe('tz', () => {
    it.each(['Mars/Olympus', '+01:00', 'GMT+1 please'])('rejects %s', (value) => {
      expect(err(`create "${STATEMENT}" tz="${value}"`).message).toBe(
        'tz must be an IANA time zone name, like Europe/London or America/New_York',
      );
    });

    it('accepts any IANA zone', () => {
      expect(ok(`create "${STATEMENT}" tz=America/Port-au-Prince`)).toMatchObject({ tz: 'America/Port-au-Prince' });
    });

    it('keeps the zone as named, in its proper case, as `mission schedule tz=` does', () => {
      expect(ok(`create "${STATEMENT}" tz=asia/kolkata`)).toMatchObject({ tz: 'Asia/Kolkata' });
    });

    it('suggests the zone meant', () => {
      expect(err(`create "${STATEMENT}" tz=London`).message).toBe(
        'tz must be an IANA time zone name, like Europe/London or America/New_York (did you mean Europe/London?)',
      );
    });
  });

  describe('slug', () => {
    it.each(['-ladywood', 'ladywood-', 'ab', 'ladywood_jobs', 'x'.repeat(41), 'café-jobs'])('rejects %s', (value) => {
      expect(err(`create "${STATEMENT}" slug=${value}`).message).toBe(
        'slug must be 3–40 lowercase letters, digits or dashes, like ladywood-jobs',
      );
    });

    it('must not be empty', () => {
      expect(err(`create "${STATEMENT}" slug= target=2030-12-31`).message).toBe('slug needs a value, like ladywood-jobs');
      expect(err(`create "${STATEMENT}" slug=""`).message).toBe('slug needs a value, like ladywood-jobs');
    });
  });

  it('limits place to 120 characters', () => {
    expect(ok(`create "${STATEMENT}" place="${'p'.repeat(120)}"`)).toMatchObject({ place: 'p'.repeat(120) });
    expect(err(`create "${STATEMENT}" place="${'p'.repeat(121)}"`).message).toBe('place must be at most 120 characters; it has 121');
  });

  it('reports every bad argument at once, one per line', () => {
    expect(err(`create "${STATEMENT}" slug=A target=2030-02-30 tz=Nowhere`).message).toBe(
      [
        'slug must be 3–40 lowercase letters, digits or dashes, like ladywood-jobs',
        'target must be a date like 2030-12-31',
        'tz must be an IANA time zone name, like Europe/London or America/New_York',
      ].join('\n'),
    );
  });

  it('names an unknown option, lists the allowed ones and suggests the nearest', () => {
    expect(err(`create "${STATEMENT}" targt=2030-12-31`)).toEqual({
      code: 'BAD_ARGUMENTS',
      message: 'mission create has no option targt; it accepts slug, target, place, tz',
      usage: missionCreate.usage,
      suggestion: 'Did you mean target=?',
    });
  });

  it('rejects an option given twice, whatever its case', () => {
    expect(err(`create "${STATEMENT}" tz=Europe/London TZ=Europe/Paris`).message).toBe('tz is given twice: give it once');
  });

  it('says how to quote a value with spaces', () => {
    expect(err(`create "${STATEMENT}" place=Ladywood ward, Birmingham`).message).toBe(
      'put values with spaces in quotes, like place="Ladywood ward, Birmingham"',
    );
  });

  it('reports an unclosed quote with the usage', () => {
    expect(err('create "By 2030, zero waste target=2030-12-31')).toEqual({
      code: 'BAD_SYNTAX',
      message: 'a quote is not closed: add a closing " after By 2030, zero waste',
      usage: missionCreate.usage,
    });
  });
});
