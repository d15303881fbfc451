import { eventCallback, sendToBolt } from '../../adapters/stand-ins/slack';
import type { SlackFile } from '../../adapters/stand-ins/slack/types';
import { readCsv } from '../api/support/csv';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { waitFor } from '../support/wait-for';

/**
 * A mission has one time zone. After `mission schedule <slug> tz=…` every view reads the new
 * one: the schedule, the mission's details, indicator dates, blocker alerts, the rounds and
 * their prompts, reminders and close, the Home tab, the digest, the export and the API.
 *
 * The mission starts in London and moves to Kolkata (+05:30) on a Thursday evening in London,
 * when it is already Friday in Kolkata, and its rounds open on Mondays at 01:00 Kolkata time,
 * which is still Sunday in London: a view that read London would show another day or week.
 */
let t: TestApp;
let ada: SlackPerson, ben: SlackPerson, chi: SlackPerson;
const CHANNEL = 'C0MISSION';
const SLUG = 'warm-homes';
// Thursday 3 December 2026, 20:00 in London; Friday 4 December, 01:30 in Kolkata.
const THURSDAY_EVENING = new Date('2026-12-03T20:00:00Z');
// Monday 7 December, 01:00 in Kolkata: Sunday 6 December, 19:30 in London.
const OPENS = new Date('2026-12-06T19:30:00Z');
const HOUR = 3_600_000;
const ANSWERS = {
  moved: 'Forty homes insulated on Wheeler Street',
  next: 'Survey the tower blocks',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

const textOf = (m: { text?: string; blocks?: unknown[] }): string => `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}`;
const channelText = (): string => t.slack.messages(CHANNEL).map(textOf).join('\n---\n');

/** Every text in a Block Kit payload, in order, one per line. */
function words(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(words);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : words(v)));
}

/** Runs a slash command; resolves with the words of the bot's answer. */
async function reply(p: SlackPerson, text: string, channel = CHANNEL): Promise<string> {
  const res = await p.command(text.startsWith('blocker ') ? '/blocker' : '/mission', text.replace(/^(mission|blocker) /, ''), channel);
  expect(res.status).toBe(200);
  return words(JSON.parse(res.body)).join('\n');
}

/** One scheduler pass at `at`; resolves with how many rounds it opened. */
async function tick(at: Date): Promise<number> {
  t.clock.set(at);
  return (await t.app.runtime.scheduler.tick()).opened;
}

async function api<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${t.app.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function homeOf(userId: string): Promise<string> {
  const publishes = () => t.slack.calls('views.publish').filter((c) => c.params.user_id === userId).length;
  const before = publishes();
  const payload = eventCallback('app_home_opened', { standIn: t.slack, userId, tab: 'home' });
  expect((await sendToBolt(t.slackUrl, 'event_callback', payload, { signingSecret: SIGNING_SECRET })).status).toBe(200);
  await waitFor(() => expect(publishes()).toBeGreaterThan(before));
  return JSON.stringify(t.slack.homeView(userId)?.blocks ?? []);
}

async function exportFile(): Promise<SlackFile> {
  const csv = (): SlackFile[] => t.slack.files().filter((f) => f.filename.endsWith('.csv') && f.completed);
  const before = csv().length;
  await reply(ada, `mission export ${SLUG}`);
  await waitFor(() => expect(csv().length).toBe(before + 1));
  return csv()[before];
}

beforeAll(async () => {
  t = await startTestApp('e2e_time_zone_change', { at: THURSDAY_EVENING });
  [ada, ben, chi] = ['U0ADA', 'U0BEN', 'U0CHI'].map((u) => new SlackPerson(t, u));
  await reply(ada, `mission create "By 2030, every family in Ladywood lives in a warm home" slug=${SLUG}`);
  await reply(ada, `mission add ${SLUG} <@U0BEN|Ben Adeyemi> <@U0CHI|Chi Okafor> org="Ladywood Housing Trust"`);
  await reply(
    ada,
    `mission indicator ${SLUG} add key=cold-homes name="Homes below EPC band C" baseline=900@2024-04 target=300@2030-03 unit=homes`,
  );
});
afterAll(async () => {
  await t?.stop();
});

describe('after `mission schedule tz=`, every view shows the new zone', () => {
  it('the schedule and the mission say Asia/Kolkata, spelled as typed in any case', async () => {
    expect(await reply(ada, `mission show ${SLUG}`)).toMatch(/\*Time zone\*\nEurope\/London/);
    const set = await reply(ada, `mission schedule ${SLUG} day=mon time=01:00 tz=asia/kolkata`);
    expect(set).toMatch(/Mondays at 01:00 \(Asia\/Kolkata\)/);
    expect(set).toMatch(/Next check-in opens Mon 7 Dec 2026, 01:00 \(Asia\/Kolkata\)/);
    expect(await reply(ada, `mission show ${SLUG}`)).toMatch(/\*Time zone\*\nAsia\/Kolkata/);
  });

  it("indicators take today's date in Kolkata", async () => {
    // Still 3 December in London, already the 4th in Kolkata.
    expect(await reply(ada, `mission indicator ${SLUG} record key=cold-homes value=820 date=2026-12-04`)).toMatch(/on 2026-12-04\./);
    expect(await reply(ada, `mission indicator ${SLUG} record key=cold-homes value=810 date=2026-12-05`)).toMatch(
      /today is 2026-12-04 in Asia\/Kolkata/,
    );
  });

  it('a blocker alert dates the blocker in Kolkata', async () => {
    await reply(ben, `blocker ${SLUG} "The boiler grant portal rejects every application" severity=high`);
    await waitFor(() => expect(channelText()).toMatch(/boiler grant portal/));
    expect(channelText()).toMatch(/4 Dec 2026 \(week 49\)/);
  });

  it('the export is named and timed in Kolkata', async () => {
    const file = await exportFile();
    expect(file.filename).toBe(`${SLUG}-export-2026-12-04.csv`);
    const blocker = readCsv(file.bytes!).rows.find((r) => r.record === 'blocker');
    expect(blocker?.date).toBe('2026-12-04 01:30');
  });

  it("the round opens at 01:00 on Monday in Kolkata, in Kolkata's week, and its prompt says when it closes there", async () => {
    expect(await tick(new Date(OPENS.getTime() - 60_000))).toBe(0);
    expect(await tick(new Date(OPENS.getTime() + 30_000))).toBe(1);
    for (const p of [ben, chi]) {
      await waitFor(() => expect(p.inboxText()).toMatch(/Time for your weekly check-in/));
      expect(p.inboxText()).toMatch(/week 50 of 2026/);
      expect(p.inboxText()).toMatch(/It closes Thu 10 Dec 2026, 01:00 \(Asia\/Kolkata\)/);
    }
  });

  it('the Home tab says when the check-in closes, in Kolkata', async () => {
    expect(await homeOf(chi.userId)).toMatch(/closes Thu 10 Dec, 01:00/);
  });

  it('Ben answers; the reminder goes to Chi a day later and says the same close time', async () => {
    await ben.press(ben.inbox()[0], 'Answer check-in');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
    await ben.submitView({ ...ANSWERS });
    await waitFor(() => expect(ben.inboxText()).toMatch(/Check-in received/));
    await tick(new Date(OPENS.getTime() + 24 * HOUR + 30_000));
    await waitFor(() => expect(chi.inboxText()).toMatch(/Reminder: your weekly check-in is still open/));
    const reminder = chi.inbox().find((m) => textOf(m).includes('Reminder'))!;
    expect(textOf(reminder)).toMatch(/It closes Thu 10 Dec 2026, 01:00 \(Asia\/Kolkata\)/);
  });

  it("the round closes 72 hours after it opened and the digest is for Kolkata's week", async () => {
    await tick(new Date(OPENS.getTime() + 72 * HOUR + 30_000));
    await waitFor(() => expect(channelText()).toMatch(/Digest for/));
    expect(channelText()).toMatch(/week 50, 7–13 Dec 2026/);
  });

  it('the API gives the one zone, in the mission and its schedule, and the round of week 50', async () => {
    const token = /mpt_[0-9a-f]{16}_[0-9a-f]{64}/.exec(await reply(ada, `mission api-token ${SLUG}`, ada.dm))?.[0] ?? '';
    const mission = await api<{ timeZone: string; schedule: { timeZone: string; day: string; time: string } }>(`/missions/${SLUG}`, token);
    expect(mission).toMatchObject({ timeZone: 'Asia/Kolkata', schedule: { timeZone: 'Asia/Kolkata', day: 'monday', time: '01:00' } });
    const rounds = await api<{ data: Array<{ weekKey: string; opensAt: string }> }>(`/missions/${SLUG}/rounds`, token);
    expect(rounds.data).toEqual([expect.objectContaining({ weekKey: '2026-W50', opensAt: OPENS.toISOString() })]);
    const digest = await api<{ weekKey: string }>(`/missions/${SLUG}/digests/2026-W50`, token);
    expect(digest.weekKey).toBe('2026-W50');
  });

  it("a later export is named for Kolkata's date and times Ben's answer there", async () => {
    // Wednesday 9 December, 19:30 in London: Thursday the 10th in Kolkata.
    const file = await exportFile();
    expect(file.filename).toBe(`${SLUG}-export-2026-12-10.csv`);
    const answer = readCsv(file.bytes!).rows.find((r) => r.record === 'checkin' && r.person === 'Ben Adeyemi');
    // Answered at 19:30 on Sunday in London: 01:00 on Monday in Kolkata.
    expect(answer).toMatchObject({ week: '2026-W50', date: '2026-12-07 01:00', status: 'answered' });
  });
});
