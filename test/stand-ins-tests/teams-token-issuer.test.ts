import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { AppCredentials } from 'botframework-connector';
import { BOT_FRAMEWORK_SCOPE, newAppId, personalMessage, startTokenIssuer, type TokenIssuer } from '../../adapters/stand-ins/teams';

const serviceUrl = 'https://smba.trafficmanager.net/uk/';

describe("token issuer against botbuilder's own channel token validation", () => {
  const appId = newAppId();
  const appPassword = 'stand-in-secret';
  let issuer: TokenIssuer;
  let auth: ConfigurationBotFrameworkAuthentication;
  const activity = (overrides: Partial<Activity> = {}): Activity =>
    ({ ...personalMessage({ serviceUrl, appId }, { text: 'mission list' }), ...overrides }) as unknown as Activity;

  beforeAll(async () => {
    issuer = await startTokenIssuer({ apps: { [appId]: appPassword } });
    auth = new ConfigurationBotFrameworkAuthentication(
      issuer.botAuthConfig({ appId, appPassword }),
      issuer.credentialsFactory({ appId, appPassword }),
    );
  });
  beforeEach(() => {
    // botframework-connector console.errors rejected tokens; keep the test output readable.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => issuer.close());

  it('accepts a well-formed channel token and exposes the bot app id as audience', async () => {
    const token = issuer.issueChannelToken({ appId, serviceUrl });
    const result = await auth.authenticateRequest(activity(), `Bearer ${token}`);
    expect(result.claimsIdentity.isAuthenticated).toBe(true);
    expect(result.claimsIdentity.getClaimValue('aud')).toBe(appId);
    expect(result.audience).toBe(BOT_FRAMEWORK_SCOPE);
  });

  it.each([
    ['signed with a key not in the JWKS', { signWith: 'wrong-key' as const }, /invalid signature/],
    ['expired beyond the 5 minute skew', { expiresInSec: -600 }, /expired/],
    ['not valid yet', { notBefore: Math.floor(Date.now() / 1000) + 3600 }, /not active/],
    ['from another issuer', { issuer: 'https://evil.example.com' }, /Unauthorized/],
    ['for another bot', { appId: newAppId() }, /Invalid AppId/],
    ['for another serviceUrl', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }, /ServiceUrl claim/],
  ])('rejects a token %s', async (_label, overrides, message) => {
    const token = issuer.issueChannelToken({ appId, serviceUrl, ...overrides });
    await expect(auth.authenticateRequest(activity(), `Bearer ${token}`)).rejects.toThrow(message);
  });

  it('rejects a channel the signing key is not endorsed for', async () => {
    const narrow = await startTokenIssuer({ apps: { [appId]: appPassword }, endorsements: ['msteams'] });
    try {
      const narrowAuth = new ConfigurationBotFrameworkAuthentication(
        narrow.botAuthConfig({ appId, appPassword }),
        narrow.credentialsFactory({ appId, appPassword }),
      );
      const token = narrow.issueChannelToken({ appId, serviceUrl });
      await expect(narrowAuth.authenticateRequest(activity(), `Bearer ${token}`)).resolves.toBeDefined();
      await expect(narrowAuth.authenticateRequest(activity({ channelId: 'webchat' }), `Bearer ${token}`)).rejects.toThrow(/endorsement/);
    } finally {
      await narrow.close();
    }
  });

  it('rejects a request without a token', async () => {
    await expect(auth.authenticateRequest(activity(), '')).rejects.toThrow(/Unauthorized/);
  });
});

describe("token issuer as the bot's login service (real MSAL client-credentials flow)", () => {
  it('grants a token the connector can verify, and refuses a wrong secret', async () => {
    const appId = newAppId();
    const issuer = await startTokenIssuer({ apps: { [appId]: 'right' } });
    try {
      const factory = issuer.credentialsFactory({ appId, appPassword: 'right' });
      const credentials = (await factory.createCredentials(appId, BOT_FRAMEWORK_SCOPE, issuer.loginUrl(), false)) as AppCredentials;
      const token = await credentials.getToken(true);
      expect(issuer.verifyAppToken(token)).toMatchObject({ appid: appId, aud: BOT_FRAMEWORK_SCOPE });
      expect(issuer.tokenRequests()).toEqual([
        expect.objectContaining({ clientId: appId, scope: `${BOT_FRAMEWORK_SCOPE}/.default`, granted: true }),
      ]);

      const wrong = issuer.credentialsFactory({ appId, appPassword: 'wrong' });
      const bad = (await wrong.createCredentials(appId, BOT_FRAMEWORK_SCOPE, issuer.loginUrl(), false)) as AppCredentials;
      await expect(bad.getToken(true)).rejects.toThrow(/invalid_client|AADSTS7000215/);
    } finally {
      await issuer.close();
    }
  });
});
