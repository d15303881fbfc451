import { blockActions, eventCallback, sendToBolt } from '../../adapters/stand-ins/slack';
import { validateView } from '../../adapters/stand-ins/slack/block-limits';
import type { SlackView } from '../../adapters/stand-ins/slack/types';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { seedCrowdedPerson } from '../support/home-seed';
import { SlackPerson } from '../support/slack-person';
import { waitFor } from '../support/wait-for';

/**
 * The Slack App Home, through Bolt and the Slack stand-in: opening the tab (a signed
 * `app_home_opened` event) publishes the person's overview with `views.publish`, which the
 * stand-in checks against Block Kit's Home tab limits; its buttons work from the tab.
 */
let t: TestApp;
let ada: SlackPerson, ben: SlackPerson;
const answers = {
  moved: 'Two employers signed the youth jobs pledge',
  next: 'Careers fair at the library',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

interface ButtonElement {
  type: string;
  action_id: string;
  value?: string;
  text: { text: string };
}

const home = (userId: string): SlackView | undefined => t.slack.homeView(userId);
const homeText = (userId: string): string => JSON.stringify(home(userId)?.blocks ?? []);
const homeButtons = (userId: string) =>
  ((home(userId)?.blocks ?? []) as Array<{ block_id?: string; elements?: ButtonElement[] }>).flatMap((b) =>
    (b.elements ?? []).filter((e) => e.type === 'button').map((e) => ({ e, blockId: b.block_id ?? 'actions' })),
  );
const publishes = (userId: string) => t.slack.calls('views.publish').filter((c) => c.params.user_id === userId);

/** The person clicks the app's Home tab: Slack sends a signed `app_home_opened` event. */
async function openHome(userId: string): Promise<void> {
  const before = publishes(userId).length;
  const payload = eventCallback('app_home_opened', { standIn: t.slack, userId, tab: 'home' });
  expect((await sendToBolt(t.slackUrl, 'event_callback', payload, { signingSecret: SIGNING_SECRET })).status).toBe(200);
  await waitFor(() => expect(publishes(userId).length).toBeGreaterThan(before), 10_000);
  const last = publishes(userId).at(-1);
  expect(last?.outcome).toBe('ok');
}

/** A button pressed on the Home tab: block_actions from a `home` view, with no response_url. */
async function pressOnHome(userId: string, label: string): Promise<void> {
  const view = home(userId);
  if (!view) throw new Error(`${userId} has no Home tab`);
  const found = homeButtons(userId).find((x) => x.e.text.text === label);
  if (!found)
    throw new Error(
      `no "${label}" on the Home tab; buttons: ${homeButtons(userId)
        .map((x) => x.e.text.text)
        .join(', ')}`,
    );
  const payload = blockActions({
    standIn: t.slack,
    userId,
    actionId: found.e.action_id,
    blockId: found.blockId,
    value: found.e.value,
    buttonText: label,
    source: { kind: 'view', view: { id: view.id, type: 'home', hash: view.hash, blocks: view.blocks } },
  });
  expect((await sendToBolt(t.slackUrl, 'block_actions', payload, { signingSecret: SIGNING_SECRET })).status).toBe(200);
}

beforeAll(async () => {
  // Thursday 26 November 2026, noon in London.
  t = await startTestApp('e2e_app_home_slack', { at: new Date('2026-11-26T12:00:00Z') });
  [ada, ben] = ['U0ADA', 'U0BEN'].map((u) => new SlackPerson(t, u));
  await ada.command('/mission', 'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
  await ada.command('/mission', 'add ladywood-jobs <@U0BEN|ben> <@U0CHI|chi> org="Ladywood Community Trust"');
  await ada.command('/mission', 'add ladywood-jobs <@U0LEE|lee> org="Birmingham City Council" role=lead');
  await ben.command('/blocker', 'ladywood-jobs "No youth worker for the Tuesday drop-in" severity=medium');
  await ada.command('/mission', 'checkin-now ladywood-jobs');
  await waitFor(() => expect(ben.inboxText()).toMatch(/Time for your weekly check-in/));
});
afterAll(async () => {
  await t.stop();
});

describe('the Slack App Home', () => {
  it("shows the person's missions, their waiting check-in with its Answer button and their open blocker", async () => {
    await openHome('U0BEN');
    const view = home('U0BEN')!;
    expect(view.type).toBe('home');
    const text = homeText('U0BEN');
    expect(text).toMatch(/Your missions/);
    expect(text).toMatch(
      /ladywood-jobs\* \(member\) — By 2030, no young person in Ladywood is long-term unemployed · check-in waiting for you/,
    );
    expect(text).toMatch(/Check-ins waiting for you \(1\)/);
    expect(text).toMatch(/No youth worker for the Tuesday drop-in · medium · raised this week/);
    expect(homeButtons('U0BEN').map((b) => b.e.text.text)).toEqual(['Answer check-in', 'Refresh']);
    // Health is for those who lead a mission.
    expect(text).not.toMatch(/Health of the missions you lead/);
  });

  it('a tab other than Home publishes nothing', async () => {
    const before = t.slack.calls('views.publish').length;
    const payload = eventCallback('app_home_opened', { standIn: t.slack, userId: 'U0CHI', tab: 'messages' });
    expect((await sendToBolt(t.slackUrl, 'event_callback', payload, { signingSecret: SIGNING_SECRET })).status).toBe(200);
    // Opening Home afterwards does publish: so the Messages tab was really ignored, not slow.
    await openHome('U0CHI');
    expect(t.slack.calls('views.publish').length).toBe(before + 1);
  });

  it('Answer check-in on the Home tab opens the check-in modal; after answering, Refresh updates the same view', async () => {
    const viewId = home('U0BEN')!.id;
    await pressOnHome('U0BEN', 'Answer check-in');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
    expect((await ben.submitView(answers)).status).toBe(200);
    await waitFor(() => expect(ben.inboxText()).toMatch(/Check-in received/));

    await pressOnHome('U0BEN', 'Refresh');
    await waitFor(() => expect(homeText('U0BEN')).toMatch(/checked in this week/));
    expect(homeText('U0BEN')).toMatch(/Nothing is waiting for you/);
    expect(homeButtons('U0BEN').map((b) => b.e.text.text)).toEqual(['Refresh']);
    expect(home('U0BEN')!.id).toBe(viewId);
  });

  it('an admin sees the health of their missions: last participation and indicator status', async () => {
    await ada.command(
      '/mission',
      'indicator ladywood-jobs add key=neet name="Young people not in work or training" baseline=120@2026-01 target=60@2030-01',
    );
    await ada.command('/mission', 'indicator ladywood-jobs record key=neet value=118 date=2026-11');
    await ada.command('/mission', 'close-now ladywood-jobs');
    await openHome('U0ADA');
    const text = homeText('U0ADA');
    expect(text).toMatch(/Health of the missions you lead/);
    // Ada, Ben, Chi and Lee were asked; only Ben answered.
    expect(text).toMatch(
      /ladywood-jobs\* — last check-in \(week 48, 23–29 Nov 2026\): 1 of 4 answered \(25%\) · indicators: 1 (on track|at risk|off track) · 1 open blocker/,
    );
    expect(text).toMatch(/ladywood-jobs\* \(admin\)/);
    // The round has closed: nothing is waiting for anyone.
    expect(text).toMatch(/Nothing is waiting for you/);
  });

  it('a lead sees health too', async () => {
    await openHome('U0LEE');
    expect(homeText('U0LEE')).toMatch(/Health of the missions you lead/);
    expect(homeText('U0LEE')).toMatch(/ladywood-jobs\* \(lead\)/);
  });

  it('a person on 40 missions gets a Home tab inside Block Kit limits, each section cut with "and N more"', async () => {
    await seedCrowdedPerson(t.app.store, { platform: 'slack', workspaceId: t.slack.teamId, userId: 'U0MAX' }, 40, t.clock.now());
    await openHome('U0MAX');
    const view = home('U0MAX')!;
    expect(validateView(view.raw, 'home')).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = homeText('U0MAX');
    expect(text).toMatch(/Check-ins waiting for you \(40\)/);
    expect(text).toMatch(/and 35 more: type `checkin &lt;mission&gt;`/);
    expect(text).toMatch(/Missions you're on \(40\)/);
    expect(text).toMatch(/Your open blockers \(40\)/);
    expect(text).toMatch(/_and 20 more_/);
    expect(text).toMatch(/_and 30 more_/);
    expect(text).toMatch(/_and 32 more_/);
    expect(homeButtons('U0MAX').filter((b) => b.e.text.text === 'Answer check-in')).toHaveLength(5);
    expect(text).not.toContain('<!channel>');
  });
});
