import { signSlackRequest } from '../../adapters/stand-ins/slack';
import { personalMessage, postActivity } from '../../adapters/stand-ins/teams';
import { SIGNING_SECRET, startTestApp, TENANT, type TestApp } from '../support/app-harness';

/** Oversized or malformed payloads are refused before any work, with nothing stored. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('payload_limits');
});
afterAll(async () => {
  await t.stop();
});

describe('payload limits', () => {
  it('Slack: a body over 512 KB is refused with 413', async () => {
    const raw = `text=${'a'.repeat(600 * 1024)}&command=%2Fmission`;
    const res = await fetch(t.slackUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(signSlackRequest(raw, SIGNING_SECRET) as unknown as Record<string, string>),
      },
      body: raw,
    });
    expect(res.status).toBe(413);
    // Refused before the body was read: the connection closes, or the unread rest of the body
    // would be taken for the client's next request on it (which then got a reset).
    expect(res.headers.get('connection')).toBe('close');
  });

  it('Teams: an activity over 256 KB is refused with 413', async () => {
    const activity = personalMessage(
      { serviceUrl: t.connector.serviceUrl, appId: t.appId, tenantId: TENANT, user: { id: '29:big', name: 'Big', aadObjectId: 'aad-big' } },
      { text: `mission create "${'x'.repeat(300 * 1024)}"` },
    );
    const res = await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId });
    expect(res.status).toBe(413);
  });

  it('Teams: malformed JSON is refused with 400', async () => {
    const res = await fetch(t.teamsUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type": "message", ' });
    expect(res.status).toBe(400);
  });

  it('a command longer than 4,000 characters is refused with a message, and nothing is stored', async () => {
    const res = await t.slashCommand('U0LONG', '/mission', `create "${'Ladywood '.repeat(600)}"`);
    expect(JSON.stringify(JSON.parse(res.body))).toMatch(/too long/);
    expect(await t.app.store.connection.db!.collection('missions').countDocuments()).toBe(0);
  });
});
