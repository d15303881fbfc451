import { teamsPlugin } from '../../../adapters/teams';
import { createTeamsAdapter } from '../../../adapters/teams/teams-app';
import { EMULATOR_TENANT } from '../../../adapters/teams/teams-inbound';
import { createTeamsSender } from '../../../adapters/teams/teams-sender';
import type { TeamsConfig } from '../../../src/config';
import { InboundWork } from '../../../src/inbound-work';
import type { ConversationRef, UserRef } from '../../../src/domain/identity';
import type { Message } from '../../../src/messages/model';
import { SendError, type PlatformSender } from '../../../src/outbox/platform-sender';
import {
  newAppId,
  personalConversationId,
  startBotConnector,
  startTokenIssuer,
  type BotConnectorStandIn,
  type ConnectorActivity,
  type TokenIssuer,
} from '../../../adapters/stand-ins/teams';
import { MemoryDirectory, baseConfig, checkInPrompt, dummyHttp, failureOf, idleCore, silentLogger } from './fixtures';

const appId = newAppId();
const appPassword = 'stand-in-secret';
const tenant = 'tenant-ladywood';
const ada: UserRef = { platform: 'teams', workspaceId: tenant, userId: '29:ada' };
const ben: UserRef = { platform: 'teams', workspaceId: tenant, userId: '29:ben' };

function asSendError(e: unknown): SendError {
  expect(e).toBeInstanceOf(SendError);
  return e as SendError;
}

/** The card and its summary; no `text`, which Teams would show above the card as a copy. */
function cardOf(record: ConnectorActivity): { summary?: string; card: string } {
  const activity = record.activity as { text?: string; summary?: string; attachments?: Array<{ contentType: string; content: unknown }> };
  expect(activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(activity.text ?? '').toBe('');
  return { summary: activity.summary, card: JSON.stringify(activity.attachments?.[0]?.content) };
}

/** A digest long enough to pass Teams' own budget but not this connector's small size limit. */
function longDigest(): Message {
  const items = Array.from({ length: 60 }, (_, i) => [
    `Blocker ${i}: the housing data-sharing agreement is still waiting for sign-off by legal`,
  ]);
  return {
    summary: 'Digest',
    blocks: [
      { kind: 'header', text: 'Weekly digest' },
      { kind: 'list', title: 'Open blockers', items },
    ],
  };
}

describe('Teams outbox sender against the Bot Connector stand-in', () => {
  let issuer: TokenIssuer;
  let connector: BotConnectorStandIn;
  let directory: MemoryDirectory;
  let teamsConfig: TeamsConfig;
  let sender: PlatformSender;
  let adaDm: ConversationRef;

  beforeAll(async () => {
    issuer = await startTokenIssuer({ apps: { [appId]: appPassword } });
    connector = await startBotConnector({ issuer, allowedAppIds: [appId], strictConversations: true, maxMessageBytes: 4096 });
    const overrides = Object.fromEntries(
      Object.entries(issuer.botAuthConfig({ appId, appPassword })).filter(
        (e): e is [string, string] => /^To(Bot|Channel)/.test(e[0]) && typeof e[1] === 'string',
      ),
    );
    teamsConfig = { appId, appPassword, appType: 'MultiTenant', allowEmulator: false, overrides };
    directory = new MemoryDirectory();
    sender = await teamsPlugin({ credentialsFactory: issuer.credentialsFactory({ appId, appPassword }) }).mount({
      http: dummyHttp(),
      core: idleCore,
      config: baseConfig({ teams: teamsConfig }),
      logger: silentLogger,
      directory,
      inbound: new InboundWork(),
    });
  });
  beforeEach(() => {
    connector.reset();
    const conversationId = personalConversationId(ada.userId, tenant);
    connector.registerConversation({ id: conversationId, tenantId: tenant, conversationType: 'personal', members: [] });
    adaDm = { platform: 'teams', workspaceId: tenant, conversationId, kind: 'dm', serviceUrl: connector.serviceUrl };
    directory.remember(ada, adaDm);
  });
  afterAll(async () => {
    await connector.close();
    await issuer.close();
  });

  it('finds the stored DM, sends a card there as the bot, and updates it in place', async () => {
    const dm = await sender.openDm(ada);
    expect(dm).toEqual(adaDm);

    const sent = await sender.send(dm, checkInPrompt('2026-W48'));
    expect(sent.conversationId).toBe(dm.conversationId);
    let [record] = connector.activities(dm.conversationId);
    expect(record.id).toBe(sent.messageId);
    expect(record.fromAppId).toBe(appId);
    // A new message in the chat, from the bot, not a reply to something.
    expect(record.replyToId).toBeUndefined();
    expect(record.activity).toMatchObject({ from: { id: `28:${appId}` }, conversation: { id: dm.conversationId, tenantId: tenant } });
    let shown = cardOf(record);
    expect(shown.summary).toBe('Check-in for 2026-W48');
    expect(shown.card).toContain('Weekly check-in: 2026-W48');

    await sender.update(dm, sent.messageId, checkInPrompt('2026-W49'));
    const records = connector.activities(dm.conversationId);
    expect(records).toHaveLength(1);
    [record] = records;
    expect(record.updates).toBe(1);
    shown = cardOf(record);
    expect(shown.summary).toBe('Check-in for 2026-W49');
    expect(shown.card).toContain('Weekly check-in: 2026-W49');
    expect(shown.card).not.toContain('2026-W48');
  });

  it('says a person without a stored conversation is unreachable', async () => {
    const error = asSendError(await failureOf(sender.openDm(ben)));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe('Mission Pulse is not installed for this person in Teams');
  });

  it('reports a 429 at once as rate-limited with Retry-After, without botbuilder retrying it', async () => {
    connector.setFaults({ rate429: 1 });
    const error = asSendError(await failureOf(sender.send(adaDm, checkInPrompt('W1'))));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(1000);
    expect(connector.calls('sendToConversation')).toHaveLength(1);
  });

  it('maps a 500 and a dropped connection to transient, each tried once', async () => {
    connector.setFaults({ rate500: 1 });
    expect(asSendError(await failureOf(sender.send(adaDm, checkInPrompt('W1')))).kind).toBe('transient');
    connector.setFaults({ rateDrop: 1 });
    expect(asSendError(await failureOf(sender.send(adaDm, checkInPrompt('W1')))).kind).toBe('transient');
    expect(connector.calls('sendToConversation')).toHaveLength(2);
    expect(connector.activities(adaDm.conversationId)).toHaveLength(0);
  });

  it('gives up on a request that hangs past the send timeout, as transient', async () => {
    const { adapter } = createTeamsAdapter({
      config: teamsConfig,
      core: idleCore,
      logger: silentLogger,
      http: dummyHttp(),
      credentialsFactory: issuer.credentialsFactory({ appId, appPassword }),
    });
    const quick = createTeamsSender({ adapter, appId, directory, logger: silentLogger, timeoutMs: 200 });
    connector.setFaults({ rateTimeout: 1 });
    const started = Date.now();
    expect(asSendError(await failureOf(quick.send(adaDm, checkInPrompt('W1')))).kind).toBe('transient');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('maps an oversized card (413) to permanent', async () => {
    const error = asSendError(await failureOf(sender.send(adaDm, longDigest())));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('413');
  });

  it('treats a personal chat the connector no longer knows as unreachable, but a lost channel as permanent', async () => {
    const stale: ConversationRef = { ...adaDm, conversationId: personalConversationId('29:left', tenant) };
    expect(asSendError(await failureOf(sender.send(stale, checkInPrompt('W1')))).kind).toBe('unreachable');
    const channel: ConversationRef = {
      platform: 'teams',
      workspaceId: tenant,
      conversationId: '19:gone@thread.tacv2',
      kind: 'channel',
      serviceUrl: connector.serviceUrl,
    };
    expect(asSendError(await failureOf(sender.send(channel, checkInPrompt('W1')))).kind).toBe('permanent');
  });

  it('keeps a missing message apart from a missing person, and never apologises into the chat', async () => {
    const error = asSendError(await failureOf(sender.update(adaDm, '12345', checkInPrompt('W1'))));
    expect(error.kind).toBe('permanent');
    expect(connector.activities(adaDm.conversationId)).toHaveLength(0);
  });

  it('refuses a conversation with no service URL as permanent', async () => {
    const withoutUrl: ConversationRef = { ...adaDm, serviceUrl: undefined };
    expect(asSendError(await failureOf(sender.send(withoutUrl, checkInPrompt('W1')))).kind).toBe('permanent');
    expect(connector.calls()).toHaveLength(0);
  });
});

describe('Teams outbox sender in emulator mode (no app id)', () => {
  let connector: BotConnectorStandIn;
  afterAll(() => connector.close());

  it("sends unauthenticated to the emulator's service URL", async () => {
    connector = await startBotConnector();
    const sender = await teamsPlugin().mount({
      http: dummyHttp(),
      core: idleCore,
      config: baseConfig({ teams: { appId: '', appPassword: '', appType: 'MultiTenant', allowEmulator: true, overrides: {} } }),
      logger: silentLogger,
      directory: new MemoryDirectory(),
      inbound: new InboundWork(),
    });
    const dm: ConversationRef = {
      platform: 'teams',
      workspaceId: EMULATOR_TENANT,
      conversationId: 'emulator-conv-1',
      kind: 'dm',
      serviceUrl: connector.serviceUrl,
    };
    const sent = await sender.send(dm, checkInPrompt('2026-W48'));
    const [record] = connector.activities('emulator-conv-1');
    expect(record.id).toBe(sent.messageId);
    expect(cardOf(record).card).toContain('Weekly check-in: 2026-W48');
  });
});
