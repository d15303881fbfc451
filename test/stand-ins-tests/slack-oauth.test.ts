import { LogLevel, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { startSlackStandIn, type SlackStandIn } from '../../adapters/stand-ins/slack';

const APP = 'https://pulse.example.gov.uk/slack/oauth_redirect';

describe('Slack stand-in: OAuth v2 for a distributed app', () => {
  let standIn: SlackStandIn;
  let noToken: WebClient;

  beforeAll(async () => {
    standIn = await startSlackStandIn({ oauth: { redirectUrls: [APP] } });
    noToken = new WebClient(undefined, { slackApiUrl: standIn.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  });
  afterEach(() => standIn.reset());
  afterAll(() => standIn.close());

  /** The authorize page's redirect back to the app: the code and the untouched state. */
  async function authorize(params: Record<string, string>): Promise<Response> {
    const url = new URL(standIn.authorizeUrl);
    for (const [k, v] of Object.entries({ client_id: standIn.oauth.clientId, scope: 'chat:write,commands', ...params }))
      url.searchParams.set(k, v);
    return fetch(url, { redirect: 'manual' });
  }

  async function codeFor(params: Record<string, string> = {}): Promise<string> {
    const res = await authorize({ state: 'st4te', ...params });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(APP);
    expect(back.searchParams.get('state')).toBe('st4te');
    return back.searchParams.get('code') ?? '';
  }

  async function slackError(work: Promise<unknown>): Promise<string> {
    try {
      await work;
    } catch (e) {
      return (e as WebAPIPlatformError).data.error;
    }
    throw new Error('expected Slack to refuse');
  }

  it('exchanges a code for a bot token of a new workspace, which the Web API then accepts', async () => {
    standIn.oauth.nextInstall({ teamId: 'T0NEWCOUNCIL', teamName: 'New Council', userId: 'U0ADMIN' });
    const code = await codeFor();
    const res = await noToken.oauth.v2.access({ client_id: standIn.oauth.clientId, client_secret: standIn.oauth.clientSecret, code });
    expect(res).toMatchObject({
      ok: true,
      token_type: 'bot',
      scope: 'chat:write,commands',
      team: { id: 'T0NEWCOUNCIL', name: 'New Council' },
      authed_user: { id: 'U0ADMIN' },
      is_enterprise_install: false,
    });
    const token = res.access_token as string;
    expect(token).toMatch(/^xoxb-/);

    const bot = new WebClient(token, { slackApiUrl: standIn.apiUrl, logLevel: LogLevel.ERROR });
    const who = await bot.auth.test();
    expect(who).toMatchObject({ ok: true, team_id: 'T0NEWCOUNCIL', bot_id: expect.any(String), user_id: res.bot_user_id });
    await bot.chat.postMessage({ channel: 'C0NEW', text: 'hello' });
    expect(standIn.calls('chat.postMessage')[0].teamId).toBe('T0NEWCOUNCIL');
    // The secret and the code never reach the call log.
    expect(JSON.stringify(standIn.calls('oauth.v2.access'))).not.toContain(standIn.oauth.clientSecret);
  });

  it('refuses a wrong client id or secret without using up the code, and a code used twice', async () => {
    const code = await codeFor();
    expect(await slackError(noToken.oauth.v2.access({ client_id: '9.9', client_secret: standIn.oauth.clientSecret, code }))).toBe(
      'invalid_client_id',
    );
    expect(await slackError(noToken.oauth.v2.access({ client_id: standIn.oauth.clientId, client_secret: 'guess', code }))).toBe(
      'bad_client_secret',
    );
    await noToken.oauth.v2.access({ client_id: standIn.oauth.clientId, client_secret: standIn.oauth.clientSecret, code });
    expect(
      await slackError(noToken.oauth.v2.access({ client_id: standIn.oauth.clientId, client_secret: standIn.oauth.clientSecret, code })),
    ).toBe('invalid_code');
    expect(
      await slackError(
        noToken.oauth.v2.access({ client_id: standIn.oauth.clientId, client_secret: standIn.oauth.clientSecret, code: 'made-up' }),
      ),
    ).toBe('invalid_code');
  });

  it('gives each install without a chosen workspace a new workspace', async () => {
    const first = await noToken.oauth.v2.access({
      client_id: standIn.oauth.clientId,
      client_secret: standIn.oauth.clientSecret,
      code: await codeFor(),
    });
    const second = await noToken.oauth.v2.access({
      client_id: standIn.oauth.clientId,
      client_secret: standIn.oauth.clientSecret,
      code: await codeFor(),
    });
    expect((first.team as { id: string }).id).not.toBe((second.team as { id: string }).id);
  });

  it('refuses an unknown client id or a redirect URL the app did not register at the authorize page', async () => {
    expect((await authorize({ client_id: '9.9' })).status).toBe(400);
    expect((await authorize({ redirect_uri: 'https://attacker.example/steal' })).status).toBe(400);
  });

  it('wants the same redirect_uri at the exchange as at the authorize page', async () => {
    const code = await codeFor({ redirect_uri: APP });
    expect(
      await slackError(
        noToken.oauth.v2.access({
          client_id: standIn.oauth.clientId,
          client_secret: standIn.oauth.clientSecret,
          code,
          redirect_uri: `${APP}/other`,
        }),
      ),
    ).toBe('bad_redirect_uri');
  });
});
