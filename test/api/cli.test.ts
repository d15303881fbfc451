import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXPORT_COLUMNS } from '../../src/services/export-csv';
import { waitFor } from '../support/wait-for';
import { BOM, readCsv } from './support/csv';
import { OTHER, SLUG, startReportingWorld, type ReportingWorld } from './support/reporting-world';

/**
 * The `mission-pulse` command line, run as its own process (`node --import tsx
 * src/cli/main.ts`) against the running app, as someone would run `npx mission-pulse`.
 */
let w: ReportingWorld;
let token: string;
let dir: string;
const ROOT = path.resolve(__dirname, '../..');

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, encoding: 'buffer', timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr: stderr.toString('utf8') }),
    );
  });
}
const asUser = () => ({ MISSION_PULSE_URL: w.t.app.url, MISSION_PULSE_TOKEN: token });

beforeAll(async () => {
  w = await startReportingWorld('api_cli');
  token = await w.issueToken(SLUG, 'cli');
  dir = await mkdtemp(path.join(tmpdir(), 'mission-pulse-cli-'));
}, 120_000);
afterAll(async () => {
  await w?.t.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('mission-pulse missions', () => {
  it('lists the missions the token reads', async () => {
    const run = await cli(['missions'], asUser());
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.toString('utf8')).toBe('ladywood-jobs\tBy 2030, no young person in Ladywood is long-term unemployed\n');
  });

  it("--format json prints the API's missions", async () => {
    const run = await cli(['missions', '--format', 'json', '--url', w.t.app.url], { MISSION_PULSE_TOKEN: token });
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout.toString('utf8')) as Array<{ slug: string; id: string }>;
    expect(list).toEqual([expect.objectContaining({ slug: SLUG, id: w.missionId })]);
  });
});

describe('mission-pulse export <slug> --format csv', () => {
  it('prints the CSV: BOM, the columns, every record, names intact', async () => {
    const run = await cli(['export', SLUG, '--format', 'csv'], asUser());
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.subarray(0, 3)).toEqual(BOM);
    const { header, rows } = readCsv(run.stdout);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows.filter((r) => r.record === 'checkin').map((r) => r.person)).toEqual(['ada', 'Ben Adeyemi', 'Zoë O’Brien']);
    expect(rows.filter((r) => r.record === 'blocker')).toHaveLength(2);
    expect(rows.filter((r) => r.record === 'indicator_reading').map((r) => r.value)).toEqual(['395', '380']);
  });

  it('is byte for byte the file `mission export` sends in chat', async () => {
    const run = await cli(['export', SLUG, '--output', path.join(dir, 'export.csv')], asUser());
    expect([run.code, run.stdout.length]).toEqual([0, 0]);
    await w.ada.command('/mission', `export ${SLUG}`);
    await waitFor(() => expect(w.t.slack.files().filter((f) => f.completed && f.filename.endsWith('.csv'))).toHaveLength(1));
    const chat = w.t.slack.files().find((f) => f.filename.endsWith('.csv'))!.bytes!;
    expect(await readFile(path.join(dir, 'export.csv'))).toEqual(chat);
  });

  it('--format json holds the same records as API shapes', async () => {
    const run = await cli(['export', SLUG, '--format', 'json'], asUser());
    const body = JSON.parse(run.stdout.toString('utf8')) as {
      checkins: unknown[];
      blockers: unknown[];
      indicators: Array<{ readings: unknown[] }>;
    };
    expect([body.checkins.length, body.blockers.length, body.indicators[0].readings.length]).toEqual([3, 2, 2]);
  });
});

describe('the other commands read through every list', () => {
  it.each([
    [['show', SLUG], /ladywood-jobs: By 2030/],
    [['members', SLUG], /"displayName": "Zoë O’Brien"/],
    [['rounds', SLUG], /"weekKey": "2026-W49"/],
    [['checkins', SLUG, '--week', '2026-W48'], /"status": "skipped"/],
    [['blockers', SLUG, '--status', 'open'], /No room for the Tuesday drop-in/],
    [['indicators', SLUG], /"status": "off-track"/],
    [['digests', SLUG], /"openAtClose": 2/],
  ])('%j', async (args, expected) => {
    const run = await cli(args, asUser());
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.toString('utf8')).toMatch(expected);
  });
});

describe('when things are wrong', () => {
  it("a bad token: exit 1 and the API's reason", async () => {
    const run = await cli(['missions'], { ...asUser(), MISSION_PULSE_TOKEN: `mpt_${'0'.repeat(16)}_${'1'.repeat(64)}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('mission-pulse: unknown token (HTTP 401)\n');
  });

  it('another mission: exit 1 with the 403', async () => {
    const run = await cli(['export', OTHER], asUser());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/this token reads ladywood-jobs only.*\(HTTP 403\)/);
  });

  it('no server or no token: exit 2 with the usage', async () => {
    const noUrl = await cli(['missions'], { MISSION_PULSE_TOKEN: token });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/say which server/);
    const noToken = await cli(['missions'], { MISSION_PULSE_URL: w.t.app.url });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/give an API token/);
    const noSlug = await cli(['export'], asUser());
    expect([noSlug.code, noSlug.stderr]).toEqual([2, expect.stringMatching(/export needs a mission slug/)]);
    const csvMissions = await cli(['missions', '--format', 'csv'], asUser());
    expect(csvMissions.code).toBe(2);
  });

  it('--help prints the usage and succeeds', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toMatch(/^Usage: mission-pulse <command>/);
  });
});
