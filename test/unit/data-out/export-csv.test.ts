import { parse } from 'csv-parse/sync';
import type { ApiCheckin, ApiIndicator } from '../../../src/http/api/schemas';
import { EXPORT_COLUMNS, exportRows, neutraliseCell, toCsv } from '../../../src/services/export-csv';

const checkin = (answers: ApiCheckin['answers'], over: Partial<ApiCheckin> = {}): ApiCheckin => ({
  id: 'checkin:1',
  weekKey: '2026-W48',
  member: { id: 'm1', displayName: 'Zoë O’Brien', organisation: 'Ladywood Youth Hub' },
  status: 'answered',
  late: false,
  submittedAt: '2026-11-27T10:15:00.000Z',
  editedAt: null,
  confidence: 4,
  answers,
  ...over,
});

const indicator = { key: 'net-jobs', name: 'Net new jobs', unit: null } as ApiIndicator;

describe('neutraliseCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 7700 900123', "'+44 7700 900123"],
    ['-2 meetings', "'-2 meetings"],
    ['@channel', "'@channel"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
    ['Plain words = fine', 'Plain words = fine'],
    ['', ''],
    ["'already quoted", "'already quoted"],
  ])('%j -> %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });
});

describe('exportRows', () => {
  it("puts answers in the columns of their question's role and the rest in other_answers", () => {
    const [row] = exportRows({
      timeZone: 'Europe/London',
      blockers: [],
      indicators: [],
      checkins: [
        checkin([
          { questionId: 'moved', prompt: 'What moved?', role: 'moved', value: 'Pledge signed' },
          { questionId: 'q-housing', prompt: 'Housing update?', role: null, value: 'Two flats' },
          { questionId: 'q-money', prompt: 'Spend?', role: null, value: '£2k' },
          { questionId: 'confidence', prompt: 'Confident?', role: 'confidence', value: '4' },
        ]),
      ],
    });
    expect(row).toMatchObject({
      record: 'checkin',
      person: 'Zoë O’Brien',
      moved: 'Pledge signed',
      confidence: 4,
      other_answers: 'Housing update?: Two flats\nSpend?: £2k',
    });
  });

  it("writes times as the mission's local wall-clock time", () => {
    const [summer] = exportRows({
      timeZone: 'Europe/London',
      blockers: [],
      indicators: [],
      checkins: [checkin([], { submittedAt: '2026-07-03T09:05:00.000Z' })],
    });
    const [winter] = exportRows({ timeZone: 'Europe/London', blockers: [], indicators: [], checkins: [checkin([])] });
    expect([summer.date, winter.date]).toEqual(['2026-07-03 10:05', '2026-11-27 10:15']);
  });
});

describe('toCsv', () => {
  const csv = toCsv(
    exportRows({
      timeZone: 'Europe/London',
      blockers: [],
      checkins: [checkin([{ questionId: 'story', prompt: 'Story', role: 'story', value: 'She said "yes", then:\nwe started' }])],
      indicators: [
        {
          indicator,
          readings: [
            {
              date: '2026-10-01',
              value: -3,
              note: '=cmd|calc',
              recordedBy: 'm1',
              recordedByName: null,
              recordedAt: '2026-10-02T00:00:00.000Z',
            },
          ],
        },
      ],
    }),
  );

  it('starts with the UTF-8 byte-order mark and ends lines with CRLF', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toMatch(
      /^\uFEFFrecord,id,week,date,person,organisation,status,late,confidence,moved,next,blocker,severity,help_wanted,story,other_answers,resolved_at,resolution,indicator,indicator_name,value,unit,note\r\n/,
    );
  });

  it('reads back with a CSV parser exactly: quotes, commas and line breaks survive', () => {
    const [header, first, second] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const row = Object.fromEntries(header.map((h, i) => [h, first[i]]));
    expect(row.story).toBe('She said "yes", then:\nwe started');
    expect(row.person).toBe('Zoë O’Brien');
    const reading = Object.fromEntries(header.map((h, i) => [h, second[i]]));
    // A number we wrote stays a number; text that looks like a formula does not.
    expect([reading.value, reading.note]).toEqual(['-3', "'=cmd|calc"]);
  });
});
