import { EXPORT_COLUMNS } from '../../src/services/export-csv';
import type { SlackFile } from '../../adapters/stand-ins/slack/types';
import { waitFor } from '../support/wait-for';
import { TeamsPerson } from '../support/teams-person';
import { BOM, readCsv } from './support/csv';
import { SLUG, startReportingWorld, ZOE_ANSWERS, type ReportingWorld } from './support/reporting-world';

/**
 * `mission export <slug>` in chat: the admin gets a CSV in their direct messages (a file on
 * Slack, a short-lived link on Teams) that a CSV parser, and Excel, read as meant.
 */
let w: ReportingWorld;

beforeAll(async () => {
  w = await startReportingWorld('api_export_chat');
}, 120_000);
afterAll(async () => {
  await w?.t.stop();
});

const exportFiles = (): SlackFile[] => w.t.slack.files().filter((f) => f.filename.endsWith('.csv') && f.completed);

describe("on Slack: a file in the admin's direct messages", () => {
  let file: SlackFile;

  it("answers at once, then posts the CSV into the admin's DM with a summary", async () => {
    const res = await w.ada.command('/mission', `export ${SLUG}`, 'C0MISSION');
    expect(JSON.parse(res.body).text).toMatch(/Preparing the export of ladywood-jobs/);
    await waitFor(() => expect(exportFiles()).toHaveLength(1));
    file = exportFiles()[0];
    expect(file.filename).toBe('ladywood-jobs-export-2026-12-03.csv');
    expect(file.sharedTo).toEqual([w.ada.dm]);
    const shared = w.ada.inbox().find((m) => m.via === 'file_share');
    expect(shared?.files).toEqual([file.id]);
    expect(shared?.text).toBe('Export of ladywood-jobs: 3 check-ins, 2 blockers and 2 indicator readings. UTF-8 CSV, opens in Excel.');
  });

  it('is UTF-8 with a byte-order mark, and has the expected columns', () => {
    const bytes = file.bytes!;
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    const { header, rows } = readCsv(bytes);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((r) => r.record)).toEqual([
      'checkin',
      'checkin',
      'checkin',
      'blocker',
      'blocker',
      'indicator_reading',
      'indicator_reading',
    ]);
  });

  it('keeps names and punctuation intact, and neutralises anything a spreadsheet would run', () => {
    const { rows } = readCsv(file.bytes!);
    const zoe = rows.find((r) => r.record === 'checkin' && r.person === 'Zoë O’Brien')!;
    expect(zoe).toMatchObject({
      organisation: 'Ladywood Youth Hub',
      week: '2026-W48',
      status: 'answered',
      confidence: '2',
      moved: `'${ZOE_ANSWERS.moved}`,
      next: `'${ZOE_ANSWERS.next}`,
      blocker: `'${ZOE_ANSWERS.blocker}`,
      severity: 'high',
      help_wanted: `'${ZOE_ANSWERS.blocker_help}`,
      story: ZOE_ANSWERS.story,
    });
    const blocker = rows.find((r) => r.record === 'blocker' && r.person === 'Zoë O’Brien')!;
    expect(blocker).toMatchObject({ status: 'open', severity: 'high', blocker: `'${ZOE_ANSWERS.blocker}` });
    const readings = rows.filter((r) => r.record === 'indicator_reading');
    expect(readings.map((r) => [r.indicator, r.date, r.value, r.unit, r.note])).toEqual([
      ['youth-claimants', '2026-09-01', '395', 'people', "'=1+2 (ONS)"],
      ['youth-claimants', '2026-10-01', '380', 'people', ''],
    ]);
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        expect([column, /^[=+\-@]/.test(cell)]).toEqual([column, false]);
      }
    }
    const ben = rows.find((r) => r.record === 'checkin' && r.person === 'Ben Adeyemi')!;
    expect(ben).toMatchObject({ status: 'skipped', confidence: '', moved: '' });
  });

  it('is for admins only', async () => {
    const res = await w.ben.command('/mission', `export ${SLUG}`, w.ben.dm);
    expect(JSON.parse(res.body).text).toMatch(/Only the admins of "ladywood-jobs"/);
    await w.t.app.runtime.services.dataOut.exports.idle();
    expect(exportFiles()).toHaveLength(1);
  });

  it('names a mission the admin can see', async () => {
    const res = await w.ada.command('/mission', 'export no-such-mission', w.ada.dm);
    expect(JSON.parse(res.body).text).toMatch(/No such mission: "no-such-mission"/);
  });
});

describe('on Teams: a short-lived download link', () => {
  let tamsin: TeamsPerson;
  let link: string;

  it("arrives as a card in the admin's personal chat; the link serves the same CSV shape", async () => {
    tamsin = new TeamsPerson(w.t, '29:tamsin', 'Tamsin Okafor');
    expect(await tamsin.say('hi')).toBe(200);
    expect(await tamsin.say('mission create "By 2030, halve the families in temporary accommodation" slug=homes')).toBe(200);
    expect(
      await tamsin.say(
        'mission indicator homes add key=families name="Families in temporary accommodation" baseline=310@2025-01 target=155@2030-01',
      ),
    ).toBe(200);
    expect(await tamsin.say('mission indicator homes record key=families value=298 date=2026-11 note="@SUM(A1)"')).toBe(200);
    expect(await tamsin.say('mission export homes')).toBe(200);
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/Export of homes/));
    const match = /(http:\/\/[^\s"\\]+\/api\/v1\/exports\/[0-9a-f]{32}\?key=[0-9a-f]{64})/.exec(tamsin.inboxText());
    link = match![1];
    expect(tamsin.inboxText()).toMatch(/the link works for 60 minutes/);

    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="homes-export-2026-12-03\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    const { header, rows } = readCsv(bytes);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ record: 'indicator_reading', person: 'Tamsin Okafor', value: '298', note: "'@SUM(A1)" });
  });

  it('stops working an hour later', async () => {
    w.t.clock.advance(61 * 60 * 1000);
    const res = await fetch(link);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
