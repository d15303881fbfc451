import { sendToBolt, slashCommand } from '../../adapters/stand-ins/slack';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('e2e_slack_foundation');
});
afterAll(async () => {
  await t.stop();
});

const statement = 'By 2030, eliminate long-term unemployment for under-25s in Ladywood ward';

describe('Slack: /mission over real HTTP through Bolt', () => {
  it('creates a mission from a signed slash command and answers within the request', async () => {
    const res = await t.slashCommand(
      'U0ADA',
      '/mission',
      `create "${statement}" slug=ladywood-jobs target=2030-12-31 place="Ladywood, Birmingham"`,
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/Mission created/);
    const mission = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'ladywood-jobs');
    expect(mission?.statement).toBe(statement);
    expect(mission?.digestChannel?.conversationId).toBe('C0MISSION');
  });

  it('adds people mentioned the way Slack escapes them, with their display names', async () => {
    const res = await t.slashCommand('U0ADA', '/mission', 'add ladywood-jobs <@U0BEN|ben> <@U0CHI|chi> org="Birmingham City Council"');
    expect(JSON.parse(res.body).text).toMatch(/Added to ladywood-jobs: ben, chi/);
    const shown = await t.slashCommand('U0BEN', '/mission', 'show ladywood-jobs');
    const text = JSON.stringify(JSON.parse(shown.body).blocks);
    expect(text).toContain('Birmingham City Council (2)');
  });

  it('explains a mistake and changes nothing', async () => {
    const res = await t.slashCommand('U0ADA', '/mission', 'create "Short" target=2020-01-01');
    const text = JSON.stringify(JSON.parse(res.body));
    expect(text).toMatch(/statement must be 10/);
    expect(text).toMatch(/target must be a date in the future, like 2030-12-31/);
    expect(await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'short')).toBeUndefined();
  });

  it('answers `/mission help` and anything it does not understand', async () => {
    expect(JSON.parse((await t.slashCommand('U0ADA', '/mission', 'help')).body).text).toMatch(/Mission Pulse commands/);
    expect(JSON.stringify(JSON.parse((await t.slashCommand('U0ADA', '/mission', 'lsit')).body))).toMatch(/mission list/);
  });

  it('refuses a forged signature with 401 and changes nothing', async () => {
    const payload = slashCommand({ standIn: t.slack, userId: 'U0EVE', command: '/mission', text: `create "${statement}" slug=forged-one` });
    const res = await sendToBolt(t.slackUrl, 'slash_command', payload, { signingSecret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'forged-one')).toBeUndefined();
  });

  it('refuses a request signed more than five minutes ago with 401 and changes nothing', async () => {
    const payload = slashCommand({
      standIn: t.slack,
      userId: 'U0EVE',
      command: '/mission',
      text: `create "${statement}" slug=replayed-one`,
    });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await sendToBolt(t.slackUrl, 'slash_command', payload, { signingSecret: SIGNING_SECRET, timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
    expect(await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'replayed-one')).toBeUndefined();
  });

  it('reports the database in /healthz', async () => {
    const res = await fetch(`${t.app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });
});
