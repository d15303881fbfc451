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
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-123' }).join('\n')).toMatch(
      /SLACK_BOT_TOKEN must be a bot token starting with xoxb-/,
    );
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
      problemsOf({
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'p',
        MicrosoftAppType: 'SingleTenant',
      }).join('\n'),
    ).toMatch(/MicrosoftAppTenantId is required/);
  });

  it('never turns unauthenticated Teams on because a credential is missing', () => {
    expect(loadConfig({}).teams).toBeUndefined();
    const emulator = loadConfig({ TEAMS_ALLOW_EMULATOR: 'true' });
    expect(emulator.teams?.appId).toBe('');
    expect(emulator.teams?.allowEmulator).toBe(true);
    expect(platformsOn(emulator)).toEqual(['teams (emulator mode, unauthenticated)']);
  });

  it('chooses the embedded database engine and the shape of reads, and refuses anything else', () => {
    expect(loadConfig({})).toMatchObject({ dbQueries: 'auto' });
    expect(loadConfig({}).dbEngine).toBeUndefined();
    expect(loadConfig({ MISSION_PULSE_DB_ENGINE: 'postgresql', MISSION_PULSE_DB_QUERIES: 'indexed' })).toMatchObject({
      dbEngine: 'postgresql',
      dbQueries: 'indexed',
    });
    expect(problemsOf({ MISSION_PULSE_DB_ENGINE: 'mysql' }).join('\n')).toMatch(
      /MISSION_PULSE_DB_ENGINE must be sqlite or postgresql \(got "mysql"\)/,
    );
    expect(problemsOf({ MISSION_PULSE_DB_QUERIES: 'fast' }).join('\n')).toMatch(
      /MISSION_PULSE_DB_QUERIES must be auto, id-lookups, indexed \(got "fast"\)/,
    );
  });

  it('refuses a database name FerretDB on PostgreSQL could not create', () => {
    expect(problemsOf({ MONGODB_DB: 'pg_pulse' }).join('\n')).toMatch(/MONGODB_DB must not start with pg_/);
    expect(loadConfig({ MONGODB_DB: 'mission_pulse' }).mongoDb).toBe('mission_pulse');
  });

  it('refuses an embedded database engine alongside MONGODB_URI, which would leave it unused', () => {
    expect(problemsOf({ MONGODB_URI: 'mongodb://db:27017', MISSION_PULSE_DB_ENGINE: 'postgresql' }).join('\n')).toMatch(
      /MISSION_PULSE_DB_ENGINE chooses the embedded database, which is not started when MONGODB_URI is set/,
    );
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

  describe('Slack installed in many workspaces through OAuth', () => {
    const KEY = Buffer.alloc(32, 7).toString('base64');
    /** The settings without the named ones. */
    const without = (env: Record<string, string>, ...names: string[]): Record<string, string> =>
      Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k)));
    const oauth = {
      SLACK_SIGNING_SECRET: 's3cret',
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'a-state-secret-of-some-length',
      MISSION_PULSE_ENCRYPTION_KEY: KEY,
    };

    it('switches OAuth mode on with the signing secret, the client id, secret and state secret, and a key', () => {
      const c = loadConfig({ ...oauth, PUBLIC_URL: 'https://pulse.example.gov.uk/' });
      expect(c.slack).toEqual({
        signingSecret: 's3cret',
        oauth: { clientId: '1234.5678', clientSecret: 'client-secret', stateSecret: 'a-state-secret-of-some-length' },
      });
      expect(c.slack?.botToken).toBeUndefined();
      expect(c.encryptionKey?.equals(Buffer.alloc(32, 7))).toBe(true);
      expect(c.publicUrl).toBe('https://pulse.example.gov.uk');
      expect(platformsOn(c)).toEqual(['slack (installed through OAuth)']);
    });

    it('names each missing OAuth variable when OAuth is half set up', () => {
      const p = problemsOf(without(oauth, 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET')).join('\n');
      expect(p).toMatch(/SLACK_CLIENT_SECRET is missing/);
      expect(p).toMatch(/SLACK_STATE_SECRET is missing/);
      expect(p).not.toMatch(/SLACK_CLIENT_ID is missing/);
      expect(p).not.toMatch(/SLACK_BOT_TOKEN is missing/);
      expect(problemsOf(without(oauth, 'SLACK_SIGNING_SECRET')).join('\n')).toMatch(/SLACK_SIGNING_SECRET is missing/);
    });

    it('requires the encryption key with OAuth and says how to make one', () => {
      const p = problemsOf(without(oauth, 'MISSION_PULSE_ENCRYPTION_KEY')).join('\n');
      expect(p).toMatch(/MISSION_PULSE_ENCRYPTION_KEY is missing/);
      expect(p).toMatch(/openssl rand -base64 32/);
    });

    it('refuses a key that is not 32 bytes of base64, without echoing it', () => {
      const short = Buffer.alloc(16, 1).toString('base64');
      const p = problemsOf({ ...oauth, MISSION_PULSE_ENCRYPTION_KEY: short }).join('\n');
      expect(p).toMatch(/MISSION_PULSE_ENCRYPTION_KEY must be 32 random bytes in base64 \(make one with: openssl rand -base64 32\)/);
      expect(p).not.toContain(short);
      expect(problemsOf({ ...oauth, MISSION_PULSE_ENCRYPTION_KEY: 'not base64 at all!' }).join('\n')).toMatch(
        /MISSION_PULSE_ENCRYPTION_KEY must be 32 random bytes/,
      );
    });

    it('refuses a bot token and OAuth at once, naming both', () => {
      const p = problemsOf({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1-2' }).join('\n');
      expect(p).toMatch(/SLACK_BOT_TOKEN and SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are both set/);
    });

    it('refuses a short state secret and a client id of the wrong shape', () => {
      expect(problemsOf({ ...oauth, SLACK_STATE_SECRET: 'short' }).join('\n')).toMatch(
        /SLACK_STATE_SECRET must be at least 16 random characters/,
      );
      expect(problemsOf({ ...oauth, SLACK_CLIENT_ID: 'abc' }).join('\n')).toMatch(/SLACK_CLIENT_ID must be the Client ID/);
    });

    it('wants PUBLIC_URL over https, except on localhost', () => {
      expect(problemsOf({ ...oauth, PUBLIC_URL: 'http://pulse.example.gov.uk' }).join('\n')).toMatch(/PUBLIC_URL must be the https:\/\//);
      expect(loadConfig({ ...oauth, PUBLIC_URL: 'http://localhost:3978' }).publicUrl).toBe('http://localhost:3978');
    });

    it('keeps single-workspace mode as it was', () => {
      const c = loadConfig({ SLACK_SIGNING_SECRET: 's3cret', SLACK_BOT_TOKEN: 'xoxb-1-2' });
      expect(c.slack?.oauth).toBeUndefined();
      expect(c.slack?.botToken).toBe('xoxb-1-2');
      expect(c.encryptionKey).toBeUndefined();
    });
  });
});
