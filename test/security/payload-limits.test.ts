import http from 'node:http';
import { encodeSlackPayload, signSlackRequest, slashCommand } from '../../adapters/stand-ins/slack';
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
    expect(res.headers.get('connection')).toBe('close');
  });

  it('after refusing a body it did not read, the bot closes the connection: a client never sends its next request on it', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = await post(agent, t.slackUrl, `text=${'a'.repeat(600 * 1024)}&command=%2Fmission`);
      expect(big).toMatchObject({ status: 413, connection: 'close' });
      const { body } = encodeSlackPayload(
        'slash_command',
        slashCommand({ standIn: t.slack, userId: 'U0NEXT', command: '/mission', text: 'help' }),
      );
      const next = await post(agent, t.slackUrl, body);
      expect(next).toMatchObject({ status: 200, reusedSocket: false });
      expect(next.body).toMatch(/Mission Pulse commands/);
    } finally {
      agent.destroy();
    }
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

/** A signed Slack-style form POST through `agent` (keep-alive), saying whether it reused a socket. */
function post(
  agent: http.Agent,
  url: string,
  raw: string,
): Promise<{ status: number; connection: string | undefined; reusedSocket: boolean; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(signSlackRequest(raw, SIGNING_SECRET) as unknown as Record<string, string>),
    };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reusedSocket: req.reusedSocket, body }),
      );
    });
    req.on('error', reject);
    req.end(raw);
  });
}
