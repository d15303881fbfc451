import { randomBytes } from 'node:crypto';
import slackManifest from '../../manifests/slack/manifest.json';
import { eventCallback, sendToBolt, type InstallSeed } from '../../adapters/stand-ins/slack';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { settled, waitFor } from '../support/wait-for';
import { createLogger } from '../../src/logger';

/**
 * Installing in many Slack workspaces: "Add to Slack" through Bolt's OAuth installer against
 * the stand-in's authorize page and oauth.v2.access, tokens sealed in the database, each
 * workspace served with its own token, and uninstalling (either event, either order) stopping
 * every send there.
 */
const KEY = randomBytes(32).toString('base64');
const LADYWOOD = 'T0LADYWOOD';
const ASTON = 'T0ASTON';
const SELLY = 'T0SELLYOAK';

let t: TestApp;
let base: string;
/** Everything the app logs, at debug level, to show no secret is ever written. */
const logLines: string[] = [];

beforeAll(async () => {
  // Thursday 26 November 2026, noon in London: missions created now first open on Friday 10:00.
  t = await startTestApp('e2e_installs_slack', {
    at: new Date('2026-11-26T12:00:00Z'),
    logger: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
    env: (env, { slack }) => {
      const rest = Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'SLACK_BOT_TOKEN'));
      return {
        ...rest,
        SLACK_CLIENT_ID: slack.oauth.clientId,
        SLACK_CLIENT_SECRET: slack.oauth.clientSecret,
        SLACK_STATE_SECRET: 'a-state-secret-for-the-installs-test',
        MISSION_PULSE_ENCRYPTION_KEY: KEY,
      };
    },
  });
  base = t.app.url.replace('localhost', '127.0.0.1');
  t.slack.oauth.setRedirectUrls([`${base}/slack/oauth_redirect`]);
});
afterAll(async () => {
  await t.stop();
});

interface Started {
  cookie: string;
  state: string;
  authorize: URL;
}

/** GET /slack/install: the state cookie Bolt sets and the Slack authorize URL it redirects to. */
async function startInstall(): Promise<Started> {
  const res = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const authorize = new URL(res.headers.get('location') ?? '');
  return { cookie, state: authorize.searchParams.get('state') ?? '', authorize };
}

/** The person consents on Slack's page, which redirects back to the bot with a code. */
async function consent(started: Started, seed?: InstallSeed): Promise<URL> {
  if (seed) t.slack.oauth.nextInstall(seed);
  const res = await fetch(started.authorize, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function finish(redirect: URL, cookie?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(redirect, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: res.status, body: await res.text() };
}

async function install(seed: InstallSeed): Promise<{ status: number; body: string }> {
  const started = await startInstall();
  return finish(await consent(started, seed), started.cookie);
}

async function rawInstallation(id: string): Promise<Record<string, unknown> | null> {
  const db = t.app.store.connection.db;
  if (!db) throw new Error('no database');
  return db.collection<{ _id: string }>('slack_installations').findOne({ _id: id });
}

function event(kind: 'app_uninstalled' | 'tokens_revoked', teamId: string) {
  return sendToBolt(t.slackUrl, 'event_callback', eventCallback(kind, { teamId, botUserId: t.slack.workspace(teamId).botUserId }), {
    signingSecret: SIGNING_SECRET,
  });
}

const sendsTo = (teamId: string): number => t.slack.calls('chat.postMessage').filter((c) => c.teamId === teamId).length;

describe('installing Mission Pulse in many Slack workspaces', () => {
  it('the install link sets a signed state cookie and sends the person to Slack with the manifest’s bot scopes', async () => {
    const { cookie, state, authorize } = await startInstall();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(t.slack.authorizeUrl);
    expect(authorize.searchParams.get('client_id')).toBe(t.slack.oauth.clientId);
    expect(authorize.searchParams.get('scope')?.split(',')).toEqual(slackManifest.oauth_config.scopes.bot);
    expect(state.length).toBeGreaterThan(20);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
    // Slack sends people back to the redirect URL the manifest registers.
    expect(new URL(slackManifest.oauth_config.redirect_urls[0]).pathname).toBe('/slack/oauth_redirect');
  });

  it('completing it stores the installation with the token encrypted at rest', async () => {
    const res = await install({ teamId: LADYWOOD, teamName: 'Ladywood Partnership', userId: 'U0ADA' });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/Mission Pulse is installed/);
    expect(res.body).toMatch(/Ladywood Partnership/);
    expect(t.slack.calls('oauth.v2.access')).toHaveLength(1);

    const [done] = t.slack.oauth.completed;
    expect(done.teamId).toBe(LADYWOOD);
    const doc = await rawInstallation(LADYWOOD);
    expect(doc).toMatchObject({ _id: LADYWOOD, teamId: LADYWOOD, orgWide: false, installedBy: 'U0ADA' });
    const raw = JSON.stringify(doc);
    expect(raw).not.toContain('xoxb-');
    expect(raw).not.toContain(done.botToken);
    expect(String(doc?.sealed)).toMatch(/^v1:/);
  });

  it('a slash command from the new workspace works, and the bot answers and sends with that workspace’s token', async () => {
    const created = await t.slashCommand(
      'U0ADA',
      '/mission',
      'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs',
      { team: LADYWOOD },
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatch(/ladywood-jobs/);

    await t.slashCommand('U0ADA', '/mission', 'checkin-now ladywood-jobs', { team: LADYWOOD });
    await waitFor(() => expect(sendsTo(LADYWOOD)).toBeGreaterThan(0));
    expect(t.slack.calls('chat.postMessage').every((c) => c.teamId === LADYWOOD && c.outcome === 'ok')).toBe(true);
    expect(
      t.slack
        .allMessages()
        .filter((m) => m.teamId === LADYWOOD)
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/check-in/i);

    // In-request calls (a modal) go through Bolt with the token the installation store gives it.
    await t.slashCommand('U0ADA', '/checkin', 'ladywood-jobs', { team: LADYWOOD });
    await waitFor(() => expect(t.slack.calls('views.open').filter((c) => c.teamId === LADYWOOD && c.outcome === 'ok')).toHaveLength(1));
  });

  it('refuses a redirect with no state, a forged state, or a state without its cookie; nothing is exchanged', async () => {
    const exchanges = t.slack.calls('oauth.v2.access').length;
    const started = await startInstall();
    const back = await consent(started, { teamId: 'T0ATTACKED' });

    const noState = new URL(back);
    noState.searchParams.delete('state');
    expect((await finish(noState, started.cookie)).status).toBe(400);

    const other = await startInstall();
    const forged = new URL(back);
    forged.searchParams.set('state', other.state);
    const refused = await finish(forged, started.cookie);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/was not installed/);

    expect((await finish(back)).status).toBe(400);
    expect(t.slack.calls('oauth.v2.access')).toHaveLength(exchanges);
    expect(await rawInstallation('T0ATTACKED')).toBeNull();
  });

  it('a replayed redirect (the code used twice) is refused by Slack and changes nothing', async () => {
    const started = await startInstall();
    const back = await consent(started, { teamId: ASTON, teamName: 'Aston Together', userId: 'U0BEN' });
    expect((await finish(back, started.cookie)).status).toBe(200);
    const before = await rawInstallation(ASTON);
    const replay = await finish(back, started.cookie);
    expect(replay.status).toBe(500);
    expect(replay.body).toMatch(/was not installed/);
    expect(await rawInstallation(ASTON)).toEqual(before);
  });

  it('app_uninstalled deletes the workspace’s tokens; its check-ins are not sent and fail at once', async () => {
    await t.slashCommand('U0BEN', '/mission', 'create "By 2030, every Aston household within 15 minutes of a GP" slug=aston-health', {
      team: ASTON,
    });
    expect((await install({ teamId: SELLY, teamName: 'Selly Oak Forum', userId: 'U0CHI' })).status).toBe(200);
    await t.slashCommand('U0CHI', '/mission', 'create "By 2030, Selly Oak has no empty shops" slug=selly-shops', { team: SELLY });

    expect((await event('app_uninstalled', ASTON)).status).toBe(200);
    await waitFor(async () => expect((await rawInstallation(ASTON))?.sealed).toBeUndefined());
    expect(await rawInstallation(ASTON)).toMatchObject({ removedReason: 'app_uninstalled' });

    // A command from the uninstalled workspace reaches nothing.
    const late = await t.slashCommand('U0BEN', '/mission', 'list', { team: ASTON });
    expect(late.body).not.toMatch(/aston-health/);
  });

  it('tokens_revoked then app_uninstalled: the first deletes the tokens, the second changes nothing', async () => {
    expect((await event('tokens_revoked', SELLY)).status).toBe(200);
    await waitFor(async () => expect(await rawInstallation(SELLY)).toMatchObject({ removedReason: 'tokens_revoked' }));
    expect((await rawInstallation(SELLY))?.sealed).toBeUndefined();
    expect((await event('app_uninstalled', SELLY)).status).toBe(200);
    await settled(t.app);
    expect(await rawInstallation(SELLY)).toMatchObject({ removedReason: 'tokens_revoked' });
  });

  it('Friday’s fan-out sends nothing to either uninstalled workspace, and their items fail permanently', async () => {
    const missions = await Promise.all([
      t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: ASTON }, 'aston-health'),
      t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: SELLY }, 'selly-shops'),
    ]);
    t.clock.set(new Date('2026-11-27T10:00:05Z'));
    expect((await t.app.runtime.scheduler.tick()).opened).toBe(2);
    for (const mission of missions) {
      // The prompt fails, then so does the notice to the admin about it (same workspace).
      await waitFor(async () =>
        expect(await t.app.runtime.ctx.outboxItems.countByStatus(mission!.id)).toMatchObject({ pending: 0, failed: expect.any(Number) }),
      );
      const counts = await t.app.runtime.ctx.outboxItems.countByStatus(mission!.id);
      expect(counts.failed).toBeGreaterThan(0);
      expect(counts.sent).toBe(0);
      const [failed] = await t.app.runtime.ctx.outboxItems.listFailed(mission!.id);
      expect(failed.attempts).toBe(1);
      expect(failed.lastError?.message).toMatch(/not installed in this Slack workspace/);
    }
    expect(sendsTo(ASTON)).toBe(0);
    expect(sendsTo(SELLY)).toBe(0);
  });

  it('installing again brings the workspace back', async () => {
    expect((await install({ teamId: ASTON, teamName: 'Aston Together', userId: 'U0BEN' })).status).toBe(200);
    const doc = await rawInstallation(ASTON);
    expect(String(doc?.sealed)).toMatch(/^v1:/);
    expect(doc?.removedAt).toBeUndefined();
    const res = await t.slashCommand('U0BEN', '/mission', 'list', { team: ASTON });
    expect(res.body).toMatch(/aston-health/);
  });
});

describe('the logs of all that', () => {
  it('say who installed and uninstalled, and never hold a token, the client secret or a code', () => {
    const log = logLines.join('');
    expect(log).toMatch(/installed: tokens stored encrypted/);
    expect(log).toMatch(/uninstalled: tokens deleted and sending stopped/);
    expect(log).toContain('oauth.v2.access');
    expect(log).not.toMatch(/xoxb-[A-Za-z0-9]/);
    for (const done of t.slack.oauth.completed) expect(log).not.toContain(done.botToken.slice(5));
    expect(log).not.toContain(t.slack.oauth.clientSecret);
    expect(log).not.toContain(KEY);
  });
});

describe('one workspace on a configured token', () => {
  let single: TestApp;
  beforeAll(async () => {
    single = await startTestApp('e2e_installs_single');
  });
  afterAll(async () => {
    await single.stop();
  });

  it('has no install link, and stops sending as soon as the app is uninstalled', async () => {
    const url = single.app.url.replace('localhost', '127.0.0.1');
    expect((await fetch(`${url}/slack/install`, { redirect: 'manual' })).status).toBe(404);
    await single.slashCommand('U0ADA', '/mission', 'create "By 2030, Ladywood has a living wage economy" slug=wages');
    await sendToBolt(single.slackUrl, 'event_callback', eventCallback('app_uninstalled', { teamId: single.slack.teamId }), {
      signingSecret: SIGNING_SECRET,
    });
    await settled(single.app);
    await single.slashCommand('U0ADA', '/mission', 'checkin-now wages');
    const mission = await single.app.store.missions.findBySlug({ platform: 'slack', workspaceId: single.slack.teamId }, 'wages');
    await waitFor(async () => expect((await single.app.runtime.ctx.outboxItems.countByStatus(mission!.id)).failed).toBeGreaterThan(0));
    await settled(single.app);
    expect(single.slack.calls('chat.postMessage')).toHaveLength(0);
  });
});
