import type { ConnectorActivity } from '../../adapters/stand-ins/teams/connector-types';
import type { SlackMessage } from '../../adapters/stand-ins/slack/types';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { settled, waitFor } from '../support/wait-for';
import { TeamsPerson } from '../support/teams-person';

/**
 * One mission across platforms, for a week, through Bolt, botbuilder and both stand-ins: a
 * council creates it on Teams, invites a university on Slack with a one-time code, each side
 * adds its own people, everyone is asked and answers on their own platform, the reminder goes
 * out on each platform, and the close sends one digest to the Teams channel and one to the
 * Slack channel.
 */
let t: TestApp;
let tamsin: TeamsPerson, raj: TeamsPerson;
let ada: SlackPerson, ben: SlackPerson;
let teamsChannel = '';
const SLACK_CHANNEL = 'C0MISSION';
const teams = { platform: 'teams' as const, workspaceId: TENANT };
const answers = {
  moved: 'Landlord forum booked for December',
  next: 'Sign the data-sharing agreement',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
};

const slackBody = (res: { body: string }) => JSON.parse(res.body) as { text: string; blocks?: unknown[] };
const isTeamsDigest = (a: ConnectorActivity) => a.activity.type === 'message' && String(a.activity.summary ?? '').startsWith('Digest for');
const teamsDigests = () => t.connector.activities(teamsChannel).filter(isTeamsDigest);
const slackDigests = (): SlackMessage[] =>
  t.slack.messages(SLACK_CHANNEL).filter((m) => !m.threadTs && (m.text ?? '').startsWith('Digest for'));
const prompted = (text: string) => /Time for your weekly check-in/.test(text);

beforeAll(async () => {
  // Thursday 26 November 2026, noon in London.
  t = await startTestApp('e2e_cross_platform', { at: new Date('2026-11-26T12:00:00Z') });
  tamsin = new TeamsPerson(t, '29:tamsin', 'Tamsin Okafor');
  raj = new TeamsPerson(t, '29:raj', 'Raj Patel');
  [ada, ben] = ['U0ADA', 'U0BEN'].map((u) => new SlackPerson(t, u));
  for (const p of [tamsin, raj]) expect(await p.say('hi')).toBe(200);
  await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
  await tamsin.sayInChannel('mission add homes @Raj Patel org="Birmingham City Council"', [raj]);
  const mission = await t.app.store.missions.findBySlug(teams, 'homes');
  teamsChannel = mission?.digestChannel?.conversationId ?? '';
  expect(teamsChannel).toMatch(/@thread/);
});
afterAll(async () => {
  await t.stop();
});

describe('one mission across Teams and Slack', () => {
  it('the council admin gets a one-time code in Teams, and the university admin joins with it from Slack', async () => {
    expect(await tamsin.say('mission invite homes')).toBe(200);
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/MP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/));
    const code = /MP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(tamsin.inboxText())![0];
    // Before joining, the Slack workspace cannot see the mission at all.
    expect(slackBody(await ada.command('/mission', 'show homes', SLACK_CHANNEL)).text).toMatch(/No such mission/);
    const joined = slackBody(await ada.command('/mission', `join ${code} org="Midlands Civic University"`, SLACK_CHANNEL));
    expect(joined.text).toMatch(/Linked to homes/);
    expect(JSON.stringify(joined.blocks)).toContain('This conversation will receive the weekly digest for your workspace');
    // Tamsin hears that her code was used.
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/used your invite code/));
    // A code works once.
    expect(slackBody(await ben.command('/mission', `join ${code}`, SLACK_CHANNEL)).text).toMatch(/already linked|already been used/);
  });

  it('the university admin adds their own people on Slack; everyone shows in one mission', async () => {
    const added = slackBody(await ada.command('/mission', 'add homes <@U0BEN|ben> org="Midlands Civic University"', SLACK_CHANNEL));
    expect(added.text).toMatch(/Added to homes: ben/);
    const shown = JSON.stringify(slackBody(await ben.command('/mission', 'show homes', SLACK_CHANNEL)).blocks);
    expect(shown).toContain('Midlands Civic University (2)');
    expect(shown).toContain('Birmingham City Council (1)');
    const members = await t.app.store.members.listByMission((await t.app.store.missions.findBySlug(teams, 'homes'))!.id);
    expect(members.map((m) => `${m.platform}:${m.userId}`).sort()).toEqual([
      'slack:U0ADA',
      'slack:U0BEN',
      'teams:29:raj',
      'teams:29:tamsin',
    ]);
  });

  it('on Friday the round opens: each member is asked on their own platform', async () => {
    t.clock.set(new Date('2026-11-27T10:00:05Z'));
    expect((await t.app.runtime.scheduler.tick()).opened).toBe(1);
    await waitFor(() => {
      expect(prompted(raj.inboxText())).toBe(true);
      expect(prompted(tamsin.inboxText())).toBe(true);
      expect(ben.inbox()).toHaveLength(1);
      expect(ada.inbox()).toHaveLength(1);
    });
    expect(ben.inboxText()).toMatch(/Answer check-in/);
  });

  it('Raj answers on Teams with Action.Submit; Ben answers on Slack in the modal', async () => {
    const prompt = raj.inbox().find((a) => prompted(JSON.stringify(a.activity)))!;
    expect(await raj.press(prompt, 'Submit', answers)).toBe(200);
    await waitFor(() => expect(raj.inboxText()).toMatch(/Check-in received/));

    await ben.press(ben.inbox()[0], 'Answer check-in');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
    await ben.submitView({
      ...answers,
      moved: 'Two students placed with the housing team',
      confidence: '4',
      story: 'A student found the family a permanent home',
    });
    await waitFor(() => expect(ben.inboxText()).toMatch(/Check-in received/));
  });

  it('on Saturday the reminder reaches the two who have not answered, each on their own platform', async () => {
    t.clock.set(new Date('2026-11-28T10:00:05Z'));
    expect((await t.app.runtime.scheduler.tick()).reminded).toBe(2);
    await waitFor(() => {
      expect(tamsin.inboxText()).toMatch(/Reminder/);
      expect(ada.inboxText()).toMatch(/Reminder/);
    });
    await settled(t.app);
    expect(raj.inboxText()).not.toMatch(/Reminder/);
    expect(ben.inboxText()).not.toMatch(/Reminder/);
  });

  it("on Monday the round closes: one digest in the Teams channel and one in the Slack channel, with both platforms' answers", async () => {
    const teamsBefore = t.connector.activities(teamsChannel).length;
    const slackBefore = t.slack.messages(SLACK_CHANNEL).filter((m) => !m.threadTs).length;
    t.clock.set(new Date('2026-11-30T10:00:10Z'));
    expect((await t.app.runtime.scheduler.tick()).closed).toBe(1);
    await waitFor(() => {
      expect(teamsDigests()).toHaveLength(1);
      expect(slackDigests()).toHaveLength(1);
    }, 20_000);
    // The Slack chart is uploaded into the digest's thread; the Teams card embeds its own.
    await waitFor(() => expect(t.slack.files().filter((f) => f.completed)).toHaveLength(1), 15_000);
    for (const text of [JSON.stringify(teamsDigests()[0].activity.attachments), JSON.stringify(slackDigests()[0].blocks)]) {
      expect(text).toContain('Weekly digest: homes: week 48');
      expect(text).toContain('2 of 4 answered (50%)');
      expect(text).toContain('Midlands Civic University');
      expect(text).toContain('Birmingham City Council');
      expect(text).toContain('Landlord forum booked for December');
      expect(text).toContain('Two students placed with the housing team');
    }
    // Nothing else went to either channel: one digest each, never a post per member.
    expect(t.slack.messages(SLACK_CHANNEL).filter((m) => !m.threadTs).length - slackBefore).toBe(1);
    expect(t.connector.activities(teamsChannel).length - teamsBefore).toBe(1);
  });

  it('Full details on the Slack digest shows a Slack member every answer, privately', async () => {
    expect(await ben.press(slackDigests()[0], 'Full details')).toBe(200);
    await waitFor(() => expect(t.slack.ephemerals({ user: 'U0BEN', channel: SLACK_CHANNEL })).toHaveLength(1));
    expect(JSON.stringify(t.slack.ephemerals({ user: 'U0BEN', channel: SLACK_CHANNEL })[0].blocks)).toContain(
      'Landlord forum booked for December',
    );
  });

  it('the council unlinks the university in one command; Slack no longer sees the mission, and its past answers stay', async () => {
    expect(await tamsin.say('mission unlink homes')).toBe(200);
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/Slack workspace T[^ ]* is no longer linked to homes/));
    expect(slackBody(await ben.command('/mission', 'show homes', SLACK_CHANNEL)).text).toMatch(/No such mission/);
    await waitFor(() => expect(ada.inboxText()).toMatch(/unlinked your workspace from homes/));
    const mission = (await t.app.store.missions.findBySlug(teams, 'homes'))!;
    const [round] = await t.app.store.rounds.latest(mission.id, 1);
    expect((await t.app.store.checkins.listByRound(round.id)).map((c) => c.answers.moved).sort()).toEqual([
      'Landlord forum booked for December',
      'Two students placed with the housing team',
    ]);
  });
});
