import { startTestApp, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { settled, waitFor } from '../support/wait-for';

/**
 * A full week on Slack, through Bolt and the Slack stand-in: open, prompts, answers in the
 * modal, an edit, a skip, an away member, the reminder, the close.
 */
let t: TestApp;
let ada: SlackPerson, ben: SlackPerson, chi: SlackPerson, dee: SlackPerson;

beforeAll(async () => {
  // Thursday 26 November 2026, noon in London.
  t = await startTestApp('e2e_week_slack', { at: new Date('2026-11-26T12:00:00Z') });
  [ada, ben, chi, dee] = ['U0ADA', 'U0BEN', 'U0CHI', 'U0DEE'].map((u) => new SlackPerson(t, u));
  await ada.command('/mission', 'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
  await ada.command('/mission', 'add ladywood-jobs <@U0BEN|ben> <@U0CHI|chi> <@U0DEE|dee> org="Ladywood Community Trust"');
});
afterAll(async () => {
  await t.stop();
});

const answers = {
  moved: 'Two employers signed the youth jobs pledge',
  next: 'Careers fair at the library',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

describe('a week of check-ins on Slack', () => {
  it('an away member says so with /checkin away', async () => {
    const res = await dee.command('/checkin', 'away until=2026-12-20');
    expect(JSON.parse(res.body).text).toMatch(/away until 2026-12-20/);
  });

  it('opens on Friday 10:00 and prompts each active member once, in a DM, with an answer button', async () => {
    t.clock.set(new Date('2026-11-27T10:00:05Z'));
    expect((await t.app.runtime.scheduler.tick()).opened).toBe(1);
    await waitFor(() => {
      for (const p of [ada, ben, chi]) expect(p.inbox()).toHaveLength(1);
    });
    await settled(t.app);
    expect(ben.inboxText()).toMatch(/Time for your weekly check-in/);
    expect(ben.inboxText()).toMatch(/Answer check-in/);
    expect(dee.inbox()).toHaveLength(0);
    expect(t.slack.calls('chat.postMessage').length).toBe(3);
  });

  it('the button opens the modal; a wrong answer is shown on its field and nothing is stored', async () => {
    expect(await ben.press(ben.inbox()[0], 'Answer check-in')).toBe(200);
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
    const res = await ben.submitView({ ...answers, moved: '' });
    expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors', errors: { moved: expect.stringMatching(/needs an answer/) } });
    expect(await t.app.store.checkins.listByRound((await openRound()).id)).toHaveLength(0);
  });

  it('a valid submission is stored and the prompt turns into a confirmation with an Edit button', async () => {
    const res = await ben.submitView(answers);
    expect(res.status).toBe(200);
    await waitFor(() => expect(ben.inboxText()).toMatch(/Check-in received/));
    expect(ben.inbox()).toHaveLength(1);
    expect(ben.inboxText()).toMatch(/Two employers signed the youth jobs pledge/);
    expect(ben.inboxText()).toMatch(/"Edit"/);
  });

  it('Edit reopens the modal with the answers, and an edit keeps the history', async () => {
    await ben.press(ben.inbox()[0], 'Edit');
    await waitFor(() => expect(ben.viewInitialValues().moved).toBe(answers.moved));
    await ben.submitView({ ...answers, moved: 'Three employers signed the youth jobs pledge' });
    await waitFor(() => expect(ben.inboxText()).toMatch(/Three employers/));
    const [checkin] = (await t.app.store.checkins.listByRound((await openRound()).id)).filter((c) => c.status === 'answered');
    expect(checkin.answers.moved).toBe('Three employers signed the youth jobs pledge');
    expect(checkin.history.map((h) => h.answers.moved)).toEqual([answers.moved]);
  });

  it('a member skips with the button, and is not reminded', async () => {
    await chi.press(chi.inbox()[0], 'Skip this week');
    await waitFor(() => expect(chi.inboxText()).toMatch(/You skipped the check-in/));
  });

  it('the reminder goes only to those who neither answered nor skipped, once', async () => {
    t.clock.set(new Date('2026-11-28T10:00:10Z'));
    expect((await t.app.runtime.scheduler.tick()).reminded).toBe(1);
    await waitFor(() => expect(ada.inbox()).toHaveLength(2));
    await settled(t.app);
    expect(ada.inboxText()).toMatch(/Reminder: your weekly check-in is still open/);
    expect(ben.inbox()).toHaveLength(1);
    expect(chi.inbox()).toHaveLength(1);
    expect(dee.inbox()).toHaveLength(0);
  });

  it('/checkin opens the pending form for the one who has not answered', async () => {
    await ada.command('/checkin', '');
    await waitFor(() => expect(ada.openView()?.callbackId).toBe('checkin'));
    await ada.submitView({ ...answers, moved: 'Council apprenticeships advertised', confidence: '3' });
    await waitFor(() => expect(ada.inboxText()).toMatch(/Check-in received/));
  });

  it('closes on Monday 10:00; /checkin then says nothing is open', async () => {
    t.clock.set(new Date('2026-11-30T10:00:10Z'));
    expect((await t.app.runtime.scheduler.tick()).closed).toBe(1);
    const round = await t.app.store.rounds.get(await lastRoundId());
    expect(round?.status).toBe('closed');
    const res = await ben.command('/checkin', 'ladywood-jobs');
    expect(JSON.parse(res.body).text).toMatch(/No check-in is open for ladywood-jobs/);
  });
});

async function lastRoundId(): Promise<string> {
  const mission = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'ladywood-jobs');
  return (await t.app.store.rounds.latest(mission!.id, 1))[0].id;
}

async function openRound() {
  const mission = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'ladywood-jobs');
  const round = await t.app.store.rounds.findOpen(mission!.id);
  if (!round) throw new Error('no open round');
  return round;
}
