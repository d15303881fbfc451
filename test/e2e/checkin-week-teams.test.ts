import { startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { settled, waitFor } from '../support/wait-for';
import { TeamsPerson } from '../support/teams-person';

/**
 * A full week on Teams, through botbuilder and the Bot Connector stand-in: members are
 * reachable once they have talked to the bot; prompts are cards with the inputs inline;
 * Action.Submit answers; the prompt card is updated in place.
 */
let t: TestApp;
let tamsin: TeamsPerson, raj: TeamsPerson, sol: TeamsPerson, una: TeamsPerson;
const teams = { platform: 'teams' as const, workspaceId: TENANT };
const answers = {
  moved: 'Housing first pilot agreed with two landlords',
  next: 'Sign the data-sharing agreement',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
};

beforeAll(async () => {
  t = await startTestApp('e2e_week_teams', { at: new Date('2026-11-26T12:00:00Z') });
  tamsin = new TeamsPerson(t, '29:tamsin', 'Tamsin Okafor');
  raj = new TeamsPerson(t, '29:raj', 'Raj Patel');
  sol = new TeamsPerson(t, '29:sol', 'Sol Mensah');
  una = new TeamsPerson(t, '29:una', 'Una Byrne');
  // Tamsin, Raj and Sol have the app and have said hello; Una has not installed it yet.
  for (const p of [tamsin, raj, sol]) expect(await p.say('hi')).toBe(200);
  await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
  await tamsin.sayInChannel('mission add homes @Raj Patel @Sol Mensah @Una Byrne org="Birmingham City Council Housing"', [raj, sol, una]);
});
afterAll(async () => {
  await t.stop();
});

let promptId = '';

describe('a week of check-ins on Teams', () => {
  it('added the mentioned people with their names and organisation', async () => {
    const mission = await t.app.store.missions.findBySlug(teams, 'homes');
    const members = await t.app.store.members.listByMission(mission!.id);
    expect(members.map((m) => m.displayName).sort()).toEqual(['Raj Patel', 'Sol Mensah', 'Tamsin Okafor', 'Una Byrne']);
  });

  it('`mission checkin-now` prompts every reachable member with a card holding the questions', async () => {
    await tamsin.say('mission checkin-now homes');
    await waitFor(() => {
      for (const p of [raj, sol]) expect(p.inboxText()).toMatch(/Time for your weekly check-in/);
    });
    expect(raj.inboxText()).toMatch(/Input\.Text/);
    expect(raj.inboxText()).toMatch(/What moved this week toward the mission\?/);
  });

  it('tells the admins who cannot be reached, and what to ask them to do', async () => {
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/Una Byrne cannot be reached/));
    expect(tamsin.inboxText()).toMatch(/Apps, search for \\"Mission Pulse\\" and select Add/);
  });

  it('prompts a member as soon as they become reachable during the round', async () => {
    expect(await una.say('hello')).toBe(200);
    await waitFor(() => expect(una.inboxText()).toMatch(/Time for your weekly check-in/));
  });

  it('a submission with a missing answer shows the error on the card and stores nothing', async () => {
    const prompt = raj.inbox().find((a) => JSON.stringify(a.activity).includes('Time for your weekly check-in'))!;
    promptId = prompt.id;
    await raj.press(prompt, 'Submit', { ...answers, moved: '' });
    await waitFor(() => expect(raj.inboxText()).toMatch(/This question needs an answer/));
    const mission = await t.app.store.missions.findBySlug(teams, 'homes');
    const round = await t.app.store.rounds.findOpen(mission!.id);
    expect(await t.app.store.checkins.listByRound(round!.id)).toHaveLength(0);
  });

  it('Action.Submit stores the check-in and the prompt card becomes the confirmation', async () => {
    const prompt = raj.inbox().find((a) => a.id === promptId)!;
    await raj.press(prompt, 'Submit', answers);
    // The same message, updated in place: one card per check-in in the chat.
    await waitFor(() => expect(JSON.stringify(raj.inbox().find((a) => a.id === prompt.id)?.activity)).toMatch(/Check-in received/));
    expect(raj.inboxText()).toMatch(/Housing first pilot agreed/);
  });

  it('Edit brings the answers back in a form, and an edit keeps the history', async () => {
    const confirmation = raj.inbox().find((a) => JSON.stringify(a.activity).includes('Check-in received'))!;
    const cards = raj.inbox().length;
    await raj.press(confirmation, 'Edit');
    // The confirmation card turns back into the form, prefilled.
    await waitFor(() =>
      expect(JSON.stringify(raj.inbox().find((a) => a.id === confirmation.id)?.activity)).toMatch(
        /Input\.Text.*Housing first pilot agreed with two landlords/s,
      ),
    );
    expect(raj.inbox()).toHaveLength(cards);
    const form = raj.inbox().find((a) => a.id === confirmation.id)!;
    await raj.press(form, 'Submit', { ...answers, moved: 'Housing first pilot agreed with three landlords' });
    await waitFor(async () => {
      const mission = await t.app.store.missions.findBySlug(teams, 'homes');
      const round = await t.app.store.rounds.findOpen(mission!.id);
      const [c] = await t.app.store.checkins.listByRound(round!.id);
      expect(c.answers.moved).toMatch(/three landlords/);
      expect(c.history).toHaveLength(1);
    });
    await waitFor(() => expect(raj.inboxText()).toMatch(/edited 1 time/));
  });

  it('`checkin skip` skips; `checkin away` then `checkin back` answer politely', async () => {
    await sol.say('checkin skip');
    await waitFor(() => expect(sol.inboxText()).toMatch(/Skipped this week/));
    await una.say('checkin away until=2027-01-10');
    await waitFor(() => expect(una.inboxText()).toMatch(/away until 2027-01-10/));
    await una.say('checkin back');
    await waitFor(() => expect(una.inboxText()).toMatch(/Welcome back/));
  });

  it('the reminder reaches only those who neither answered nor skipped', async () => {
    t.clock.set(new Date('2026-11-27T12:05:00Z'));
    expect((await t.app.runtime.scheduler.tick()).reminded).toBe(2);
    await waitFor(() => {
      expect(tamsin.inboxText()).toMatch(/Reminder/);
      expect(una.inboxText()).toMatch(/Reminder/);
    });
    await settled(t.app);
    expect(raj.inboxText()).not.toMatch(/Reminder/);
    expect(sol.inboxText()).not.toMatch(/Reminder/);
  });

  it('`mission close-now` closes the round', async () => {
    await tamsin.say('mission close-now homes');
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/Closed the check-in for homes/));
    expect(tamsin.inboxText()).toMatch(/1 of 4 answered/);
  });
});
