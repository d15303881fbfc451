import {
  conversationUpdate,
  installationUpdate,
  personalMessage,
  postActivity,
  type TeamsActivity,
  type TeamsActivityContext,
  type TeamsChannelInfo,
} from '../../adapters/stand-ins/teams';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { settled, waitFor } from '../support/wait-for';
import { TeamsPerson } from '../support/teams-person';

/**
 * Installs on Teams: a person adding or removing the app changes whether the bot can reach
 * them (and admins hear when it cannot); a team adding or removing it is remembered with its
 * General channel; a single-tenant bot answers its own organisation only.
 */
let t: TestApp;
let tamsin: TeamsPerson, raj: TeamsPerson;
const teams = { platform: 'teams' as const, workspaceId: TENANT };
const RAJ = { id: '29:raj-installs', name: 'Raj Patel', aadObjectId: 'aad-raj' };
const TEAM: TeamsChannelInfo = {
  teamId: '19:ladywood-team@thread.tacv2',
  teamName: 'Ladywood Homes Mission',
  channelId: '19:ladywood-team@thread.tacv2',
  channelName: 'General',
};

const ctxFor = (app: TestApp, user = RAJ, tenantId = TENANT): TeamsActivityContext => ({
  serviceUrl: app.connector.serviceUrl,
  appId: app.appId,
  tenantId,
  user,
});
const post = (app: TestApp, activity: TeamsActivity) => postActivity(app.teamsUrl, activity, { issuer: app.issuer, appId: app.appId });
const rajDm = () => t.app.store.people.get({ ...teams, userId: RAJ.id }).then((p) => p?.dm);

beforeAll(async () => {
  t = await startTestApp('e2e_installs_teams', { at: new Date('2026-11-26T12:00:00Z') });
  tamsin = new TeamsPerson(t, '29:tamsin-installs', 'Tamsin Okafor');
  raj = new TeamsPerson(t, RAJ.id, RAJ.name);
  expect(await tamsin.say('hi')).toBe(200);
  await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
  await tamsin.sayInChannel('mission add homes @Raj Patel org="Birmingham City Council Housing"', [raj]);
});
afterAll(async () => {
  await t.stop();
});

describe('a person installs and removes the app on Teams', () => {
  it('installing it in personal scope makes them reachable', async () => {
    expect(await rajDm()).toBeUndefined();
    expect((await post(t, installationUpdate(ctxFor(t), { action: 'add' }))).status).toBe(200);
    await waitFor(async () =>
      expect(await rajDm()).toMatchObject({ conversationId: raj.dm, kind: 'dm', serviceUrl: t.connector.serviceUrl }),
    );
  });

  it('removing it forgets their chat: the check-in cannot reach them, the admin is told, nothing is posted to them', async () => {
    expect((await post(t, installationUpdate(ctxFor(t), { action: 'remove' }))).status).toBe(200);
    await waitFor(async () => expect(await rajDm()).toBeUndefined());

    await tamsin.say('mission checkin-now homes');
    await waitFor(() => expect(tamsin.inboxText()).toMatch(/Raj Patel cannot be reached/));
    await settled(t.app);
    const mission = await t.app.store.missions.findBySlug(teams, 'homes');
    expect((await t.app.runtime.ctx.outboxItems.countByStatus(mission!.id)).unreachable).toBe(1);
    expect(raj.inbox()).toHaveLength(0);
  });

  it('adding it again delivers the check-in that was waiting', async () => {
    expect((await post(t, installationUpdate(ctxFor(t), { action: 'add' }))).status).toBe(200);
    await waitFor(() => expect(raj.inboxText()).toMatch(/Time for your weekly check-in/));
  });

  it('the bot leaving the personal chat (conversationUpdate) forgets them too', async () => {
    const left = conversationUpdate(ctxFor(t), { membersAdded: [] });
    left.membersRemoved = [{ id: `28:${t.appId}` }];
    expect((await post(t, left)).status).toBe(200);
    await waitFor(async () => expect(await rajDm()).toBeUndefined());
    // and a member joining the chat with the bot makes them reachable again
    expect((await post(t, conversationUpdate(ctxFor(t), { membersAdded: 'bot' }))).status).toBe(200);
    await waitFor(async () => expect(await rajDm()).toBeDefined());
  });
});

describe('a team adds and removes the app', () => {
  it('adding the bot to a team remembers its General channel and the service URL to post there', async () => {
    expect((await post(t, conversationUpdate(ctxFor(t), { membersAdded: 'bot', conversationType: 'channel', channel: TEAM }))).status).toBe(
      200,
    );
    await waitFor(async () => {
      const team = await t.app.store.teamsTeams.get(TENANT, TEAM.teamId);
      expect(team).toMatchObject({
        name: 'Ladywood Homes Mission',
        channel: {
          platform: 'teams',
          workspaceId: TENANT,
          conversationId: TEAM.channelId,
          kind: 'channel',
          serviceUrl: t.connector.serviceUrl,
        },
      });
    });
  });

  it('a person joining the team is not mistaken for the bot being added elsewhere', async () => {
    const other = { ...TEAM, teamId: '19:other-team@thread.tacv2', channelId: '19:other-team@thread.tacv2' };
    await post(t, conversationUpdate(ctxFor(t), { membersAdded: [RAJ], conversationType: 'channel', channel: other }));
    await settled(t.app);
    expect(await t.app.store.teamsTeams.get(TENANT, other.teamId)).toBeUndefined();
  });

  it('removing the app from the team forgets it; the mission and its members stay', async () => {
    expect((await post(t, installationUpdate(ctxFor(t), { action: 'remove', conversationType: 'channel', channel: TEAM }))).status).toBe(
      200,
    );
    await waitFor(async () => expect(await t.app.store.teamsTeams.get(TENANT, TEAM.teamId)).toBeUndefined());
    const mission = await t.app.store.missions.findBySlug(teams, 'homes');
    expect(await t.app.store.members.listByMission(mission!.id)).toHaveLength(2);
  });
});

describe('single-tenant and multi-tenant registrations', () => {
  let single: TestApp;
  beforeAll(async () => {
    single = await startTestApp('e2e_installs_teams_single', {
      env: (env) => ({ ...env, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }),
    });
  });
  afterAll(async () => {
    await single.stop();
  });

  const stranger = { id: '29:stranger', name: 'Stella Stranger', aadObjectId: 'aad-stranger' };

  it('a multi-tenant bot serves people from any organisation', async () => {
    const res = await post(t, personalMessage(ctxFor(t, stranger, 'tenant-elsewhere'), { text: 'help' }));
    expect(res.status).toBe(200);
    expect(await t.app.store.people.get({ platform: 'teams', workspaceId: 'tenant-elsewhere', userId: stranger.id })).toBeDefined();
  });

  it('a single-tenant bot refuses an activity from another tenant, even with a valid token, and records nothing', async () => {
    const activity = personalMessage(ctxFor(single, stranger, 'tenant-elsewhere'), { text: 'help' });
    const res = await post(single, activity);
    expect(res.status).toBe(403);
    expect(await single.app.store.people.get({ platform: 'teams', workspaceId: 'tenant-elsewhere', userId: stranger.id })).toBeUndefined();
    expect(single.connector.activities(activity.conversation.id)).toHaveLength(0);
    const install = await post(single, installationUpdate(ctxFor(single, stranger, 'tenant-elsewhere'), { action: 'add' }));
    expect(install.status).toBe(403);
  });

  it('a single-tenant bot answers its own organisation', async () => {
    const activity = personalMessage(ctxFor(single, RAJ), { text: 'help' });
    expect((await post(single, activity)).status).toBe(200);
    await waitFor(() => expect(single.connector.activities(activity.conversation.id).length).toBeGreaterThan(0));
  });
});
