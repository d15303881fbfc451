import { signSlackRequest, slashCommand } from '../../adapters/stand-ins/slack';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';

/** Every way a Slack request can be forged or replayed gets 401 from Bolt, and changes nothing. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('slack_auth');
});
afterAll(async () => {
  await t.stop();
});

function body(slug: string): string {
  const payload = slashCommand({
    standIn: t.slack,
    userId: 'U0MAL',
    command: '/mission',
    text: `create "A mission nobody should be able to create" slug=${slug}`,
  });
  return new URLSearchParams(payload).toString();
}

async function post(raw: string, headers: { [k: string]: string } | object): Promise<number> {
  const res = await fetch(t.slackUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(headers as Record<string, string>) },
    body: raw,
  });
  return res.status;
}

async function unchanged(slug: string): Promise<void> {
  expect(await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, slug)).toBeUndefined();
}

describe('Slack requests that must be refused', () => {
  it('no signature at all', async () => {
    expect(await post(body('unsigned'), {})).toBe(401);
    await unchanged('unsigned');
  });

  it('a body changed after it was signed', async () => {
    const signed = signSlackRequest(body('original'), SIGNING_SECRET);
    expect(await post(body('tampered'), signed)).toBe(401);
    await unchanged('tampered');
  });

  it('a timestamp more than five minutes in the future', async () => {
    const raw = body('future');
    expect(await post(raw, signSlackRequest(raw, SIGNING_SECRET, Math.floor(Date.now() / 1000) + 6 * 60))).toBe(401);
    await unchanged('future');
  });

  it('a valid request replayed ten minutes later', async () => {
    const raw = body('replayed');
    expect(await post(raw, signSlackRequest(raw, SIGNING_SECRET, Math.floor(Date.now() / 1000) - 10 * 60))).toBe(401);
    await unchanged('replayed');
  });

  it('while a correctly signed request works', async () => {
    const raw = body('allowed-one');
    expect(await post(raw, signSlackRequest(raw, SIGNING_SECRET))).toBe(200);
    expect(await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'allowed-one')).toBeDefined();
  });
});
