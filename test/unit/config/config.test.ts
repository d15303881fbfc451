import { ConfigError, loadConfig, platformsOn } from '../../../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('starts with no platform and the embedded database when nothing is set', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.mongoUri).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.teams).toBeUndefined();
    expect(platformsOn(c)).toEqual([]);
  });

  it('switches Slack on when both of its settings are present', () => {
    const c = loadConfig({ SLACK_SIGNING_SECRET: 's3cret', SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(c.slack).toEqual({ signingSecret: 's3cret', botToken: 'xoxb-1-2', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(platformsOn(c)).toEqual(['slack']);
  });

  it('names the missing variable when Slack is half set up', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's3cret' }).join('\n')).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' }).join('\n')).toMatch(/SLACK_SIGNING_SECRET is missing/);
  });

  it('refuses a user token in place of a bot token', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-123' }).join('\n')).toMatch(/SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
  });

  it('names the variable and the value when a setting is invalid', () => {
    const p = problemsOf({ PORT: 'eighty' }).join('\n');
    expect(p).toMatch(/PORT must be a port number/);
    expect(p).toMatch(/got "eighty"/);
    expect(problemsOf({ MONGODB_URI: 'postgres://x' }).join('\n')).toMatch(/MONGODB_URI must start with mongodb:\/\//);
  });

  it('requires the Teams password with the app id, and a tenant for single-tenant bots', () => {
    expect(problemsOf({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555' }).join('\n')).toMatch(/MicrosoftAppPassword is missing/);
    expect(problemsOf({ MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'p' }).join('\n')).toMatch(/MicrosoftAppId must be .* GUID/);
    expect(
      problemsOf({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }).join('\n'),
    ).toMatch(/MicrosoftAppTenantId is required/);
  });

  it('never turns unauthenticated Teams on because a credential is missing', () => {
    expect(loadConfig({}).teams).toBeUndefined();
    const emulator = loadConfig({ TEAMS_ALLOW_EMULATOR: 'true' });
    expect(emulator.teams?.appId).toBe('');
    expect(emulator.teams?.allowEmulator).toBe(true);
    expect(platformsOn(emulator)).toEqual(['teams (emulator mode, unauthenticated)']);
  });

  it("passes botbuilder's own override keys through", () => {
    const c = loadConfig({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'p',
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/.well-known/openid-configuration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    });
    expect(c.teams?.overrides).toEqual({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/.well-known/openid-configuration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    });
  });
});
