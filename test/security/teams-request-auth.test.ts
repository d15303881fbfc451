import { personalMessage, postActivity } from '../../adapters/stand-ins/teams';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';

/**
 * Every way a Teams request can be forged or misaddressed gets 401 from botbuilder's real JWT
 * validation, and changes nothing.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('teams_auth');
});
afterAll(async () => {
  await t.stop();
});

const user = { id: '29:mallory', name: 'Mallory', aadObjectId: 'aad-mallory' };
const teams = { platform: 'teams' as const, workspaceId: TENANT };

async function attempt(slug: string, token: (serviceUrl: string) => Promise<string> | string, serviceUrl?: string): Promise<number> {
  const activity = personalMessage(
    { serviceUrl: serviceUrl ?? t.connector.serviceUrl, appId: t.appId, tenantId: TENANT, user },
    { text: `mission create "A mission nobody should be able to create" slug=${slug}` },
  );
  const res = await postActivity(t.teamsUrl, activity, { token: await token(activity.serviceUrl as string) });
  expect(await t.app.store.missions.findBySlug(teams, slug)).toBeUndefined();
  return res.status;
}

describe('Teams requests that must be refused', () => {
  it('an expired token', async () => {
    expect(await attempt('expired', (s) => t.issuer.issueChannelToken({ appId: t.appId, serviceUrl: s, expiresInSec: -600 }))).toBe(401);
  });

  it('a token not valid yet', async () => {
    expect(
      await attempt('not-yet', (s) =>
        t.issuer.issueChannelToken({ appId: t.appId, serviceUrl: s, notBefore: Math.floor(Date.now() / 1000) + 3600 }),
      ),
    ).toBe(401);
  });

  it('a token for another bot (wrong audience)', async () => {
    expect(
      await attempt('wrong-audience', (s) => t.issuer.issueChannelToken({ appId: '11111111-2222-3333-4444-555555555555', serviceUrl: s })),
    ).toBe(401);
  });

  it('a token from another issuer', async () => {
    expect(
      await attempt('wrong-issuer', (s) => t.issuer.issueChannelToken({ appId: t.appId, serviceUrl: s, issuer: 'https://evil.example/' })),
    ).toBe(401);
  });

  it('a token minted for another service URL (a wrongly addressed request)', async () => {
    expect(
      await attempt('wrong-service', () =>
        t.issuer.issueChannelToken({ appId: t.appId, serviceUrl: 'https://smba.trafficmanager.net/emea/' }),
      ),
    ).toBe(401);
  });

  it("a token signed with a key that is not the channel's", async () => {
    expect(await attempt('wrong-key', (s) => t.issuer.issueChannelToken({ appId: t.appId, serviceUrl: s, signWith: 'wrong-key' }))).toBe(
      401,
    );
  });

  it('garbage in place of a token', async () => {
    expect(await attempt('garbage', () => 'not.a.jwt')).toBe(401);
  });

  it('while a good token works', async () => {
    const activity = personalMessage(
      { serviceUrl: t.connector.serviceUrl, appId: t.appId, tenantId: TENANT, user },
      { text: 'mission create "A mission that may be created" slug=allowed-one' },
    );
    const res = await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId });
    expect(res.status).toBe(200);
    expect(await t.app.store.missions.findBySlug(teams, 'allowed-one')).toBeDefined();
  });
});
