import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type ConversationReference,
} from 'botbuilder';
import express from 'express';
import {
  BOT_FRAMEWORK_SCOPE,
  DEFAULT_TEAMS_USER,
  DEFAULT_TENANT_ID,
  cardAction,
  newAppId,
  personalConversationId,
  personalMessage,
  postActivity,
  startBotConnector,
  startTokenIssuer,
  type BotConnectorStandIn,
  type TokenIssuer,
} from '../../adapters/stand-ins/teams';

const appId = newAppId();
const appPassword = 'stand-in-secret';

const card = (body: unknown[]) => CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body });

describe('Bot Connector stand-in with a real botbuilder CloudAdapter', () => {
  let issuer: TokenIssuer;
  let connector: BotConnectorStandIn;
  let adapter: CloudAdapter;
  let server: Server;
  let botUrl: string;
  let reference: Partial<ConversationReference>;

  beforeAll(async () => {
    issuer = await startTokenIssuer({ apps: { [appId]: appPassword } });
    connector = await startBotConnector({ issuer, allowedAppIds: [appId], timeScale: 0.1 });
    const auth = new ConfigurationBotFrameworkAuthentication(
      issuer.botAuthConfig({ appId, appPassword }),
      issuer.credentialsFactory({ appId, appPassword }),
    );
    adapter = new CloudAdapter(auth);
    adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    const app = express();
    app.use(express.json());
    app.post('/api/messages', (req, res) =>
      adapter.process(req, res, async (context) => {
        if (context.activity.type === ActivityTypes.Message) {
          await context.sendActivity(`echo ${context.activity.text}`);
        } else if (context.activity.type === ActivityTypes.Invoke) {
          await context.sendActivity({
            type: ActivityTypes.InvokeResponse,
            value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Saved' } },
          });
        }
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
    reference = TurnContext.getConversationReference(personalMessage({ serviceUrl: connector.serviceUrl, appId }, { text: 'hi' }) as never);
  });
  afterEach(() => connector.reset());
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await connector.close();
    await issuer.close();
  });

  const ctx = () => ({ serviceUrl: connector.serviceUrl, appId });

  it("delivers a signed personal message, and the reply reaches the connector with the bot's app token", async () => {
    const activity = personalMessage(ctx(), { text: 'mission list' });
    const res = await postActivity(botUrl, activity, { issuer, appId });
    expect(res.status).toBe(200);
    const [reply] = connector.activities(activity.conversation.id);
    expect(reply.activity).toMatchObject({ type: 'message', text: 'echo mission list' });
    expect(reply.replyToId).toBe(activity.id);
    expect(reply.fromAppId).toBe(appId);
  });

  it("answers an adaptiveCard/action invoke with the bot's invoke response", async () => {
    const res = await postActivity(botUrl, cardAction(ctx(), { verb: 'submitCheckin', data: { confidence: 4 } }), { issuer, appId });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ statusCode: 200, value: 'Saved' });
  });

  it('refuses an inbound activity signed with the wrong key', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const activity = personalMessage(ctx(), { text: 'sneaky' });
    const token = issuer.issueChannelToken({ appId, serviceUrl: connector.serviceUrl, signWith: 'wrong-key' });
    const res = await postActivity(botUrl, activity, { token }).finally(() => jest.restoreAllMocks());
    expect(res.status).toBeGreaterThanOrEqual(401);
    expect(connector.allActivities()).toHaveLength(0);
  });

  it('sends, updates and deletes a proactive card through continueConversationAsync', async () => {
    let id = '';
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      id = (await context.sendActivity({ attachments: [card([{ type: 'TextBlock', text: 'Check-in open' }])] }))?.id ?? '';
    });
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      await context.updateActivity({ id, type: 'message', attachments: [card([{ type: 'TextBlock', text: 'Check-in closed' }])] });
    });
    const [sent] = connector.activities(reference.conversation!.id);
    expect(sent.id).toBe(id);
    expect(sent.updates).toBe(1);
    expect(JSON.stringify(sent.activity)).toContain('Check-in closed');

    await adapter.continueConversationAsync(appId, reference, (context) => context.deleteActivity(id));
    expect(connector.activities(reference.conversation!.id)).toHaveLength(0);
  });

  it('creates the 1:1 conversation for a proactive first message', async () => {
    let conversationId = '';
    await adapter.createConversationAsync(
      appId,
      'msteams',
      connector.serviceUrl,
      BOT_FRAMEWORK_SCOPE,
      {
        isGroup: false,
        bot: { id: `28:${appId}`, name: 'Mission Pulse' },
        members: [{ id: DEFAULT_TEAMS_USER.id, name: '' }],
        tenantId: DEFAULT_TENANT_ID,
        channelData: { tenant: { id: DEFAULT_TENANT_ID } },
      } as never,
      async (context) => {
        conversationId = context.activity.conversation.id;
        await context.sendActivity('Welcome to Mission Pulse');
      },
    );
    expect(conversationId).toBe(personalConversationId(DEFAULT_TEAMS_USER.id, DEFAULT_TENANT_ID));
    expect(connector.activities(conversationId).map((a) => a.activity.text)).toEqual(['Welcome to Mission Pulse']);
  });

  it('refuses a card over 28 KB with MessageSizeTooBig', async () => {
    const big = card([{ type: 'TextBlock', text: 'x'.repeat(29 * 1024) }]);
    const error = await adapter
      .continueConversationAsync(appId, reference, async (context) => {
        await context.sendActivity({ attachments: [big] });
      })
      .catch((e: unknown) => e as { statusCode?: number; message?: string });
    expect(error).toMatchObject({ statusCode: 413 });
    const [refused] = connector.calls().filter((c) => c.conversationId === reference.conversation!.id);
    expect(refused.response).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
    expect(connector.allActivities()).toHaveLength(0);
  });

  it('throttles a flooded conversation and botbuilder retries after Retry-After', async () => {
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => context.sendActivity(`digest line ${i}`)));
    });
    expect(connector.activities(reference.conversation!.id)).toHaveLength(12);
    expect(connector.calls().some((c) => c.conversationId === reference.conversation!.id && c.outcome === 'rate_limited')).toBe(true);
  });
});

describe('Bot Connector stand-in over raw HTTP', () => {
  let issuer: TokenIssuer;
  beforeAll(async () => {
    issuer = await startTokenIssuer({ apps: { [appId]: appPassword } });
  });
  afterAll(() => issuer.close());

  const send = (connector: BotConnectorStandIn, conversationId: string, body: unknown, token?: string) =>
    fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const message = (text: string, tenantId = DEFAULT_TENANT_ID) => ({ type: 'message', text, conversation: { id: 'x', tenantId } });

  it('answers 401 without a valid token', async () => {
    const connector = await startBotConnector({ issuer });
    try {
      expect((await send(connector, 'a:1abc', message('hi'))).status).toBe(401);
      expect((await send(connector, 'a:1abc', message('hi'), 'not-a-jwt')).status).toBe(401);
      expect(
        (await send(connector, 'a:1abc', message('hi'), issuer.issueAppToken(appId, { audience: 'https://graph.microsoft.com' }))).status,
      ).toBe(401);
      expect((await send(connector, 'a:1abc', message('hi'), issuer.issueAppToken(appId))).status).toBe(201);
    } finally {
      await connector.close();
    }
  });

  it('allows 7 messages a second in one conversation, then 429 with Retry-After', async () => {
    const connector = await startBotConnector({ issuer });
    try {
      const token = issuer.issueAppToken(appId);
      // Sent together: one second is ample even on a loaded machine.
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => send(connector, 'a:1flood', message(`m${i}`), token)));
      const statuses = results.map((r) => r.status).sort();
      const retryAfter = results.find((r) => r.status === 429)?.headers.get('retry-after') ?? null;
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await send(connector, 'a:1calm', message('other chat'), token)).status).toBe(201);
      connector.setRateLimiting(false);
      expect((await send(connector, 'a:1flood', message('now fine'), token)).status).toBe(201);
    } finally {
      await connector.close();
    }
  });

  it('applies the per-tenant ceiling across conversations', async () => {
    const connector = await startBotConnector({ issuer, rateLimits: { perTenantPerSecond: 3 } });
    try {
      const token = issuer.issueAppToken(appId);
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await send(connector, `a:1user${i}`, message('hi'), token)).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
      expect((await send(connector, 'a:1other-tenant', message('hi', 'another-tenant'), token)).status).toBe(201);
    } finally {
      await connector.close();
    }
  });

  it('injects seeded faults and serves conversation members', async () => {
    const connector = await startBotConnector({
      issuer,
      rateLimits: { enabled: false },
      faults: { seed: 7, rate500: 0.5 },
      users: [{ ...DEFAULT_TEAMS_USER, tenantId: DEFAULT_TENANT_ID, email: 'ada@example.gov.uk' }],
    });
    try {
      const token = issuer.issueAppToken(appId);
      const statuses = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await send(connector, 'a:1faulty', message(`m${i}`), token)).status);
      expect(statuses).toContain(500);
      expect(statuses).toContain(201);
      expect(connector.activities('a:1faulty')).toHaveLength(statuses.filter((s) => s === 201).length);

      connector.setFaults({});
      const created = await fetch(`${connector.serviceUrl}v3/conversations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ isGroup: false, members: [{ id: DEFAULT_TEAMS_USER.id }], tenantId: DEFAULT_TENANT_ID }),
      });
      const { id } = (await created.json()) as { id: string };
      const members = await fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(id)}/members`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(await members.json()).toEqual([expect.objectContaining({ id: DEFAULT_TEAMS_USER.id, email: 'ada@example.gov.uk' })]);
      const missing = await fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(id)}/members/29:nobody`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(missing.status).toBe(404);
    } finally {
      await connector.close();
    }
  });
});
