import type { ConnectorActivity } from '../../adapters/stand-ins/teams/connector-types';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { seedCrowdedPerson } from '../support/home-seed';
import { waitFor } from '../support/wait-for';
import { TeamsPerson } from '../support/teams-person';

/**
 * The overview on Teams, through botbuilder and the Bot Connector stand-in: `home` (or
 * `status`) in the personal chat answers with a card holding the person's missions, waiting
 * check-in and open blockers (and health for those who lead); its Refresh button updates the
 * same card in place. Asked in a channel, the overview goes to the personal chat instead.
 */
let t: TestApp;
let tamsin: TeamsPerson, raj: TeamsPerson, sol: TeamsPerson;
const answers = {
  moved: 'Housing first pilot agreed with two landlords',
  next: 'Sign the data-sharing agreement',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
};

const text = (a: ConnectorActivity | undefined): string => JSON.stringify(a?.activity.attachments ?? a?.activity.text ?? '');
const homeCards = (p: TeamsPerson): ConnectorActivity[] => p.inbox().filter((a) => /Your missions/.test(text(a)));

beforeAll(async () => {
  t = await startTestApp('e2e_app_home_teams', { at: new Date('2026-11-26T12:00:00Z') });
  tamsin = new TeamsPerson(t, '29:tamsin', 'Tamsin Okafor');
  raj = new TeamsPerson(t, '29:raj', 'Raj Patel');
  sol = new TeamsPerson(t, '29:sol', 'Sol Mensah');
  for (const p of [tamsin, raj, sol]) expect(await p.say('hi')).toBe(200);
  await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
  await tamsin.sayInChannel('mission add homes @Raj Patel @Sol Mensah org="Birmingham City Council Housing"', [raj, sol]);
  await raj.say('blocker homes "Waiting for legal sign-off on the data-sharing agreement" severity=medium');
  await tamsin.say('mission checkin-now homes');
  await waitFor(() => expect(raj.inboxText()).toMatch(/Time for your weekly check-in/));
});
afterAll(async () => {
  await t.stop();
});

describe('the overview on Teams', () => {
  it("`home` in the personal chat answers with a card: the person's missions, waiting check-in with its button, open blocker", async () => {
    expect(await raj.say('home')).toBe(200);
    await waitFor(() => expect(homeCards(raj)).toHaveLength(1));
    const card = text(homeCards(raj)[0]);
    expect(card).toMatch(
      /homes\*\* \(member\) — By 2030, halve the families in temporary accommodation in Ladywood · check-in waiting for you/,
    );
    expect(card).toMatch(/Check-ins waiting for you \(1\)/);
    expect(card).toMatch(/Waiting for legal sign-off on the data-sharing agreement · medium · raised this week/);
    expect(card).toMatch(/"title":"Answer check-in"/);
    expect(card).toMatch(/"title":"Refresh"/);
    expect(card).not.toMatch(/Health of the missions you lead/);
  });

  it('Refresh updates the same card in place once the check-in is answered', async () => {
    const prompt = raj.inbox().find((a) => /Time for your weekly check-in/.test(text(a)))!;
    await raj.press(prompt, 'Submit', answers);
    await waitFor(() => expect(text(raj.inbox().find((a) => a.id === prompt.id))).toMatch(/Check-in received/));

    const before = homeCards(raj)[0];
    const count = raj.inbox().length;
    expect(await raj.press(before, 'Refresh')).toBe(200);
    await waitFor(() => expect(text(raj.inbox().find((a) => a.id === before.id))).toMatch(/checked in this week/));
    const after = text(raj.inbox().find((a) => a.id === before.id));
    expect(after).toMatch(/Nothing is waiting for you/);
    expect(after).not.toMatch(/"title":"Answer check-in"/);
    expect(raj.inbox()).toHaveLength(count);
  });

  it('`status` is the same overview; an admin also sees the health of the mission', async () => {
    await tamsin.say(
      'mission indicator homes add key=families name="Families in temporary accommodation" baseline=400@2026-01 target=200@2030-01',
    );
    await tamsin.say('mission close-now homes');
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/Closed the check-in for homes/));
    expect(await tamsin.say('status')).toBe(200);
    await waitFor(() => expect(homeCards(tamsin)).toHaveLength(1));
    const card = text(homeCards(tamsin)[0]);
    expect(card).toMatch(/Health of the missions you lead/);
    // Tamsin, Raj and Sol were asked; Raj answered.
    expect(card).toMatch(
      /homes\*\* — last check-in \(week 48, 23–29 Nov 2026\): 1 of 3 answered \(33%\) · indicators: 1 no readings yet · 1 open blocker/,
    );
  });

  it('asked in a channel, the overview goes to the personal chat, where only the person sees it', async () => {
    const channelBefore = t.connector.allActivities().filter((a) => a.conversationId !== sol.dm && /Your missions/.test(text(a))).length;
    expect(await sol.sayInChannel('home')).toBe(200);
    await waitFor(() => expect(homeCards(sol)).toHaveLength(1));
    expect(text(homeCards(sol)[0])).toMatch(/homes\*\* \(member\)/);
    await waitFor(() =>
      expect(t.connector.allActivities().some((a) => /sent your overview to our personal chat/.test(text(a)))).toBe(true),
    );
    expect(t.connector.allActivities().filter((a) => a.conversationId !== sol.dm && /Your missions/.test(text(a)))).toHaveLength(
      channelBefore,
    );
  });

  it('a person on 40 missions gets a card Teams accepts, each section cut with "and N more"', async () => {
    const max = new TeamsPerson(t, '29:max', 'Max Everywhere');
    expect(await max.say('hi')).toBe(200);
    await seedCrowdedPerson(t.app.store, { platform: 'teams', workspaceId: TENANT, userId: max.id }, 40, t.clock.now());
    expect(await max.say('home')).toBe(200);
    await waitFor(() => expect(homeCards(max)).toHaveLength(1));
    const card = homeCards(max)[0];
    expect(Buffer.byteLength(JSON.stringify(card.activity), 'utf8')).toBeLessThan(28 * 1024);
    const shown = text(card);
    expect(shown).toMatch(/Check-ins waiting for you \(40\)/);
    expect(shown).toMatch(/and 35 more/);
    expect(shown).toMatch(/and 30 more/);
    expect(shown.match(/"title":"Answer check-in"/g)).toHaveLength(5);
    // Member text stays text: no mention entity, no `<at>` a client would turn into a ping.
    expect(JSON.stringify(card.activity.entities ?? [])).not.toMatch(/mention/);
    expect(shown).not.toContain('<at>');
  });
});
