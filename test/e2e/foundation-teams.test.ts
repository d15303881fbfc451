import { channelMention, personalMessage, postActivity } from '../../adapters/stand-ins/teams';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('e2e_teams_foundation');
});
afterAll(async () => {
  await t.stop();
});

const tamsin = { id: '29:tamsin', name: 'Tamsin Okafor' };
const statement = 'By 2030, halve the number of families in temporary accommodation in Ladywood';
const teams = { platform: 'teams' as const, workspaceId: TENANT };

/** The text of the cards the bot sent to a conversation, newest last. */
function cardsIn(conversationId: string): string[] {
  return t.connector
    .activities(conversationId)
    .filter((a) => a.activity.type === 'message')
    .map((a) => JSON.stringify(a.activity.attachments ?? a.activity.text));
}

describe('Teams: `mission ...` messages over real HTTP through botbuilder', () => {
  it('creates a mission from a personal-chat message carrying a valid token', async () => {
    const res = await t.teamsMessage(tamsin, `mission create "${statement}" slug=temp-accommodation target=2030-12-31 tz=Europe/London`);
    expect(res.status).toBe(200);
    const mission = await t.app.store.missions.findBySlug(teams, 'temp-accommodation');
    expect(mission?.statement).toBe(statement);
    const cards = cardsIn(res.conversationId);
    expect(cards[cards.length - 1]).toMatch(/Mission created/);
  });

  it('works from an @mention in a channel, and makes that channel the digest channel', async () => {
    const activity = channelMention(
      { serviceUrl: t.connector.serviceUrl, appId: t.appId, tenantId: TENANT, user: { ...tamsin, aadObjectId: 'aad-tamsin' } },
      { text: 'mission create "Warm, dry homes for every private renter in Ladywood" slug=warm-homes' },
    );
    const res = await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId });
    expect(res.status).toBe(200);
    const mission = await t.app.store.missions.findBySlug(teams, 'warm-homes');
    expect(mission?.digestChannel?.kind).toBe('channel');
    expect(mission?.digestChannel?.conversationId).toBe((activity.conversation as { id: string }).id);
  });

  it('answers hi, hello and help with the commands', async () => {
    for (const word of ['hi', 'hello', 'help']) {
      const res = await t.teamsMessage(tamsin, word);
      const cards = cardsIn(res.conversationId);
      expect(cards[cards.length - 1]).toMatch(/Mission Pulse commands/);
    }
  });

  it('keeps tenants apart: another tenant sees "no such mission"', async () => {
    const res = await t.teamsMessage({ id: '29:eve', name: 'Eve', tenantId: 'tenant-other' }, 'mission show temp-accommodation');
    const cards = cardsIn(res.conversationId);
    expect(cards[cards.length - 1]).toMatch(/No such mission/);
    expect(cards[cards.length - 1]).not.toMatch(/temporary accommodation/);
  });

  it('refuses a request without a token with 401 and changes nothing', async () => {
    const activity = personalMessage(
      { serviceUrl: t.connector.serviceUrl, appId: t.appId, tenantId: TENANT, user: { ...tamsin, aadObjectId: 'aad-tamsin' } },
      { text: `mission create "${statement}" slug=no-token` },
    );
    const res = await fetch(t.teamsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(401);
    expect(await t.app.store.missions.findBySlug(teams, 'no-token')).toBeUndefined();
  });

  it('refuses a token signed with the wrong key with 401 and changes nothing', async () => {
    const activity = personalMessage(
      { serviceUrl: t.connector.serviceUrl, appId: t.appId, tenantId: TENANT, user: { ...tamsin, aadObjectId: 'aad-tamsin' } },
      { text: `mission create "${statement}" slug=wrong-key` },
    );
    const token = await t.issuer.issueChannelToken({ appId: t.appId, serviceUrl: t.connector.serviceUrl, signWith: 'wrong-key' });
    const res = await postActivity(t.teamsUrl, activity, { token });
    expect(res.status).toBe(401);
    expect(await t.app.store.missions.findBySlug(teams, 'wrong-key')).toBeUndefined();
  });

  it('a Slack and a Teams mission are the same kind of record, made by the same core', async () => {
    await t.slashCommand('U0ADA', '/mission', `create "${statement}" slug=temp-accommodation`);
    const fromSlack = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'temp-accommodation');
    const fromTeams = await t.app.store.missions.findBySlug(teams, 'temp-accommodation');
    expect(Object.keys(fromSlack!).sort()).toEqual(Object.keys(fromTeams!).sort());
    expect(fromSlack!.questions).toEqual(fromTeams!.questions);
    expect(fromSlack!.id).not.toBe(fromTeams!.id);
  });
});
