import type { SlackMessage } from '../../adapters/stand-ins/slack/types';
import { startTestApp, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { settled, waitFor } from '../support/wait-for';

/**
 * The blocker lifecycle on Slack, through Bolt and the Slack stand-in: a high blocker in a
 * check-in reaches the alert channel, "I can help" tells the owner and shows on the alert,
 * "Resolved" opens a modal for the note, and a medium blocker is escalated at the right week.
 */
let t: TestApp;
let ada: SlackPerson, ben: SlackPerson, chi: SlackPerson, lee: SlackPerson;
const ALERTS = 'C0ALERTS';
const DAY = 24 * 60 * 60 * 1000;
const answers = {
  moved: 'Two employers signed the youth jobs pledge',
  next: 'Careers fair at the library',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

const alerts = (): SlackMessage[] => t.slack.messages(ALERTS).filter((m) => !m.deleted);
const shown = (m: SlackMessage | undefined): string => (m ? `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}` : '');
/** Posts that landed in `channel`; a user id as the channel means the bot's DM with them, as on Slack. */
const postsTo = (channel: string, pattern: RegExp): number =>
  t.slack.calls('chat.postMessage').filter((c) => {
    const to = String((c.params as { channel?: string }).channel);
    return (
      c.outcome === 'ok' &&
      (to === channel || (/^[UW]/.test(to) && t.slack.dmChannelFor(to) === channel)) &&
      pattern.test(String((c.params as { text?: string }).text ?? ''))
    );
  }).length;
const buttonsOf = (m: SlackMessage): string[] =>
  (m.blocks ?? []).flatMap((b) =>
    ((b as { elements?: Array<{ type: string; text?: { text: string } }> }).elements ?? [])
      .filter((e) => e.type === 'button')
      .map((e) => e.text?.text ?? ''),
  );

beforeAll(async () => {
  // Thursday 26 November 2026, noon in London.
  t = await startTestApp('e2e_blockers_slack', { at: new Date('2026-11-26T12:00:00Z') });
  [ada, ben, chi, lee] = ['U0ADA', 'U0BEN', 'U0CHI', 'U0LEE'].map((u) => new SlackPerson(t, u));
  await ada.command('/mission', 'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
  await ada.command('/mission', 'add ladywood-jobs <@U0BEN|ben> <@U0CHI|chi> org="Ladywood Community Trust"');
  await ada.command('/mission', 'add ladywood-jobs <@U0LEE|lee> org="Birmingham City Council" role=lead');
  const res = await ada.command('/mission', 'channel ladywood-jobs alerts', ALERTS);
  expect(res.body).toMatch(/now receives blocker alerts for ladywood-jobs/);
});
afterAll(async () => {
  await t.stop();
});

describe('blocker lifecycle on Slack', () => {
  it('a high blocker answered in the check-in reaches the alert channel at once', async () => {
    await ada.command('/mission', 'checkin-now ladywood-jobs');
    await waitFor(() => expect(ben.inboxText()).toMatch(/Time for your weekly check-in/));
    await ben.press(ben.inbox()[0], 'Answer check-in');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
    const submitted = Date.now();
    const res = await ben.submitView({
      ...answers,
      blocker: 'No youth worker for the Tuesday drop-in',
      blocker_severity: 'high',
      blocker_help: 'Youth services',
    });
    expect(res.status).toBe(200);
    await waitFor(() => expect(alerts()).toHaveLength(1));
    expect(Date.now() - submitted).toBeLessThan(60_000);
    const alert = shown(alerts()[0]);
    expect(alert).toMatch(/High-severity blocker/);
    expect(alert).toMatch(/No youth worker for the Tuesday drop-in/);
    expect(alert).toMatch(/Youth services/);
    expect(buttonsOf(alerts()[0])).toEqual(['I can help', 'Resolved']);
  });

  it('"I can help" tells the owner by DM who offered, and the alert lists the helper', async () => {
    expect(await chi.press(alerts()[0], 'I can help')).toBe(200);
    await waitFor(() => expect(ben.inboxText()).toMatch(/offered to help with your blocker on \*ladywood-jobs\*/));
    expect(ben.inboxText()).toMatch(/<@U0CHI> \(Ladywood Community Trust\) offered to help/);
    await waitFor(() => expect(shown(alerts()[0])).toMatch(/Offered to help/));
    expect(shown(alerts()[0])).toMatch(/\*chi\* \(Ladywood Community Trust\)/);
    // Pressed again: chi is told it is already done, and ben gets no second DM.
    const before = t.slack.responseUrlPosts().length;
    await chi.press(alerts()[0], 'I can help');
    await settled(t.app);
    expect(JSON.stringify(t.slack.responseUrlPosts().slice(before))).toMatch(/You have already offered to help; ben knows/);
    expect(postsTo(ben.dm, /offered to help/)).toBe(1);
    expect(alerts()).toHaveLength(1);
  });

  it('"Resolved" is refused politely to a member who did not raise it', async () => {
    const before = t.slack.responseUrlPosts().length;
    await chi.press(alerts()[0], 'Resolved');
    await waitFor(() => expect(t.slack.responseUrlPosts().length).toBeGreaterThan(before));
    expect(JSON.stringify(t.slack.responseUrlPosts().slice(before))).toMatch(/Only ben \(who raised it\) or a lead or admin/);
    expect(chi.openView()).toBeUndefined();
  });

  it('the owner presses "Resolved", writes the note in the modal, and the alert shows it resolved', async () => {
    await ben.press(alerts()[0], 'Resolved');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('blocker.resolve'));
    const empty = await ben.submitView({ note: '' });
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: 'errors' });
    await ben.press(alerts()[0], 'Resolved');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('blocker.resolve'));
    expect((await ben.submitView({ note: 'Youth services lent us a worker until March' })).status).toBe(200);
    await waitFor(() => expect(shown(alerts()[0])).toMatch(/Resolved by \*ben\*/));
    expect(shown(alerts()[0])).toMatch(/Youth services lent us a worker until March/);
    expect(shown(alerts()[0])).toMatch(/\*chi\* \(Ladywood Community Trust\)/);
    expect(buttonsOf(alerts()[0])).toEqual([]);
    expect(alerts()).toHaveLength(1);
  });

  it('a medium blocker is escalated to the leads once, in the week it passes two weeks open', async () => {
    const raisedAt = new Date('2026-11-27T09:00:00Z');
    t.clock.set(raisedAt);
    const res = await chi.command('/blocker', 'ladywood-jobs "Bus pass scheme paused for the summer" severity=medium');
    expect(res.body).toMatch(/Raised your medium-severity blocker on ladywood-jobs/);
    const escalations = () => alerts().filter((m) => shown(m).includes('Bus pass scheme paused'));
    const weekly = [7 * DAY, 14 * DAY - 60_000, 14 * DAY + 60_000, 21 * DAY, 28 * DAY];
    const seen: number[] = [];
    for (const offset of weekly) {
      t.clock.set(new Date(raisedAt.getTime() + offset));
      await t.app.runtime.scheduler.tick();
      await t.app.runtime.scheduler.tick();
      await settled(t.app);
      seen.push(escalations().length);
    }
    expect(seen).toEqual([0, 0, 1, 1, 1]);
    expect(postsTo(ALERTS, /Bus pass scheme paused/)).toBe(1);
    const post = shown(escalations()[0]);
    expect(post).toMatch(/Blocker open for more than 2 weeks/);
    expect(post).toMatch(/For the attention of the leads: <@U0LEE>, <@U0ADA>/);
    expect(buttonsOf(escalations()[0])).toEqual(['I can help', 'Resolved']);
  });

  it('`mission blockers` lists what is still open', async () => {
    const res = await lee.command('/mission', 'blockers ladywood-jobs');
    const body = JSON.stringify(JSON.parse(res.body));
    expect(body).toMatch(/Open blockers — ladywood-jobs/);
    expect(body).toMatch(/Bus pass scheme paused for the summer/);
    expect(body).toMatch(/4 weeks/);
    expect(body).not.toMatch(/Tuesday drop-in/);
  });
});
