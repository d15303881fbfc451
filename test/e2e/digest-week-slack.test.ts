import { startTestApp, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { waitFor } from '../support/wait-for';
import type { SlackMessage } from '../../adapters/stand-ins/slack/types';

/**
 * A simulated week on Slack, through Bolt and the Slack stand-in, ending in the digest: one
 * message in the mission's channel, the chart uploaded into its thread, the full details a
 * click away, and `mission digest-now` for leads only.
 */
let t: TestApp;
let ada: SlackPerson, ben: SlackPerson, chi: SlackPerson, dee: SlackPerson;
const CHANNEL = 'C0MISSION';

const answers = {
  moved: 'Two employers signed the youth jobs pledge',
  next: 'Careers fair at the library',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

/** Top-level messages in the digest channel that are digests. */
function digests(): SlackMessage[] {
  return t.slack.messages(CHANNEL).filter((m) => !m.threadTs && (m.text ?? '').startsWith('Digest for'));
}

function textOf(m: { text?: string; blocks?: unknown[] }): string {
  return `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}`;
}

beforeAll(async () => {
  // Thursday 26 November 2026, noon in London.
  t = await startTestApp('e2e_digest_slack', { at: new Date('2026-11-26T12:00:00Z') });
  [ada, ben, chi, dee] = ['U0ADA', 'U0BEN', 'U0CHI', 'U0DEE'].map((u) => new SlackPerson(t, u));
  await ada.command('/mission', 'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
  await ada.command('/mission', 'add ladywood-jobs <@U0BEN|ben> <@U0CHI|chi> org="Ladywood Community Trust"');
  await ada.command('/mission', 'add ladywood-jobs <@U0DEE|dee> org="Birmingham City Council" role=lead');
  await ada.command(
    '/mission',
    'indicator ladywood-jobs add key=youth-claimants name="Young people claiming benefits" baseline=420@2026-01 target=300@2030-01 unit=people',
  );
  await ada.command('/mission', 'indicator ladywood-jobs record key=youth-claimants value=403 date=2026-10');
  await ada.command('/mission', 'budget ladywood-jobs total=2100000 aligned=714000 period=2026/27');
});
afterAll(async () => {
  await t.stop();
});

describe('the weekly digest on Slack', () => {
  it('runs a week: Ben answers with a blocker, Chi skips, Dee answers, the others do not', async () => {
    t.clock.set(new Date('2026-11-27T10:00:05Z'));
    expect((await t.app.runtime.scheduler.tick()).opened).toBe(1);
    await waitFor(() => expect(ben.inbox()).toHaveLength(1));
    await ben.press(ben.inbox()[0], 'Answer check-in');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
    await ben.submitView({ ...answers, blocker: 'Employer portal still down', blocker_severity: 'medium', blocker_help: 'IT team' });
    await waitFor(() => expect(ben.inboxText()).toMatch(/Check-in received/));
    await waitFor(() => expect(chi.inbox()).toHaveLength(1));
    await chi.press(chi.inbox()[0], 'Skip this week');
    await waitFor(() => expect(chi.inboxText()).toMatch(/You skipped/));
    await waitFor(() => expect(dee.inbox()).toHaveLength(1));
    await dee.press(dee.inbox()[0], 'Answer check-in');
    await waitFor(() => expect(dee.openView()?.callbackId).toBe('checkin'));
    await dee.submitView({
      ...answers,
      moved: 'Council apprenticeships advertised',
      confidence: '3',
      story: 'A care leaver started at the library',
    });
    await waitFor(() => expect(dee.inboxText()).toMatch(/Check-in received/));
  });

  it('on Monday the round closes and the channel gets exactly one digest, with the chart uploaded into its thread', async () => {
    t.clock.set(new Date('2026-11-30T10:00:10Z'));
    expect((await t.app.runtime.scheduler.tick()).closed).toBe(1);
    await waitFor(() => expect(t.slack.files().filter((f) => f.completed)).toHaveLength(1), 15_000);
    expect(digests()).toHaveLength(1);
    const [digest] = digests();
    const [file] = t.slack.files();
    expect(file.sharedTo).toEqual([CHANNEL]);
    expect(file.bytes?.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(file.bytes?.length ?? 0).toBeLessThanOrEqual(12_000);
    expect(file.altText).toMatch(/confidence/i);
    const share = t.slack.messages(CHANNEL).filter((m) => m.via === 'file_share');
    expect(share).toHaveLength(1);
    expect(share[0].threadTs).toBe(digest.ts);
    // Nothing else was posted to the channel: one digest, never a post per member.
    expect(t.slack.messages(CHANNEL).filter((m) => !m.threadTs)).toHaveLength(1);
  });

  it('the digest reads: participation by organisation, confidence, the indicator, the blocker, the highlights', () => {
    const text = textOf(digests()[0]);
    expect(text).toContain('Weekly digest: ladywood-jobs: week 48, 23–29 Nov 2026');
    expect(text).toContain('2 of 4 answered (50%) · 1 skipped · 1 no reply');
    expect(text).toContain('*Ladywood Community Trust*: 1 of 2 answered · 1 skipped');
    expect(text).toContain('*Birmingham City Council*: 1 of 1 answered');
    expect(text).toContain('3.5 / 5 from 2 answers');
    expect(text).toMatch(/403 people \(Oct 2026\) · 🟢 on track/);
    expect(text).toContain('34% aligned (£714,000 of £2,100,000, 2026/27)');
    expect(text).toContain('Employer portal still down — ben, Ladywood Community Trust');
    expect(text).toContain('“A care leaver started at the library” — dee, Birmingham City Council');
    expect(text).toContain('"Full details"');
  });

  it('Full details shows the answers to the one who asked, privately', async () => {
    expect(await chi.press(digests()[0], 'Full details')).toBe(200);
    await waitFor(() => expect(t.slack.ephemerals({ user: 'U0CHI', channel: CHANNEL })).toHaveLength(1));
    const details = textOf(t.slack.ephemerals({ user: 'U0CHI', channel: CHANNEL })[0]);
    expect(details).toContain('Full details: ladywood-jobs: week 48');
    expect(details).toContain('Two employers signed the youth jobs pledge');
    expect(details).toContain('Skipped: chi');
    expect(t.slack.ephemerals({ user: 'U0BEN' })).toHaveLength(0);
  });

  it('`mission digest-now` works for a lead (a new digest and upload) and is refused for a member', async () => {
    const refused = await ben.command('/mission', 'digest-now ladywood-jobs', CHANNEL);
    expect(JSON.parse(refused.body).text).toMatch(/Only the leads and admins of "ladywood-jobs" can send its digest/);
    const res = await dee.command('/mission', 'digest-now ladywood-jobs', CHANNEL);
    expect(JSON.parse(res.body).text).toMatch(/Sent the digest for ladywood-jobs: week 48/);
    await waitFor(() => expect(digests()).toHaveLength(2), 15_000);
    await waitFor(() => expect(t.slack.files().filter((f) => f.completed)).toHaveLength(2), 15_000);
  });
});
