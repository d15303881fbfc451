import { slackPlugin } from '../../../adapters/slack';
import { createSlackSendClient, createSlackSender } from '../../../adapters/slack/slack-sender';
import { InboundWork } from '../../../src/inbound-work';
import type { ConversationRef } from '../../../src/domain/identity';
import { SendError, type PlatformSender } from '../../../src/outbox/platform-sender';
import { DEFAULT_SLACK_TEAM_ID, startSlackStandIn, type SlackStandIn } from '../../../adapters/stand-ins/slack';
import { MemoryDirectory, baseConfig, checkInPrompt, dummyHttp, failureOf, idleCore, silentLogger } from './fixtures';

const team = DEFAULT_SLACK_TEAM_ID;
const channel = (conversationId: string): ConversationRef => ({ platform: 'slack', workspaceId: team, conversationId, kind: 'channel' });
const ada = { platform: 'slack' as const, workspaceId: team, userId: 'U0ADA' };

function asSendError(e: unknown): SendError {
  expect(e).toBeInstanceOf(SendError);
  return e as SendError;
}

describe('Slack outbox sender against the Slack stand-in', () => {
  let slack: SlackStandIn;
  let sender: PlatformSender;

  beforeAll(async () => {
    slack = await startSlackStandIn({
      users: [
        { id: 'U0ADA', teamId: team, name: 'ada' },
        { id: 'U0GONE', teamId: team, name: 'gone', deleted: true },
      ],
    });
    // Through the plugin, so the sender tested is the one the app runs with.
    sender = await slackPlugin.mount({
      http: dummyHttp(),
      core: idleCore,
      config: baseConfig({ slack: { signingSecret: 'secret', botToken: slack.botToken, apiUrl: slack.apiUrl } }),
      logger: silentLogger,
      directory: new MemoryDirectory(),
      inbound: new InboundWork(),
    });
  });
  afterEach(() => slack.reset());
  afterAll(() => slack.close());

  it('posts a message that appears in the channel, and updates it in place', async () => {
    const sent = await sender.send(channel('C0GENERAL'), checkInPrompt('2026-W48'));
    expect(sent.conversationId).toBe('C0GENERAL');
    let [message] = slack.messages('C0GENERAL');
    expect(message.ts).toBe(sent.messageId);
    expect(message.text).toContain('Check-in for 2026-W48');
    expect(JSON.stringify(message.blocks)).toContain('Weekly check-in: 2026-W48');

    await sender.update(channel('C0GENERAL'), sent.messageId, checkInPrompt('2026-W49'));
    const messages = slack.messages('C0GENERAL');
    expect(messages).toHaveLength(1);
    [message] = messages;
    expect(message.updates).toBe(1);
    expect(message.text).toContain('Check-in for 2026-W49');
    expect(JSON.stringify(message.blocks)).toContain('Weekly check-in: 2026-W49');
    expect(JSON.stringify(message.blocks)).not.toContain('2026-W48');
  });

  it('opens the DM with a person and delivers to it', async () => {
    const dm = await sender.openDm(ada);
    expect(dm).toEqual({ platform: 'slack', workspaceId: team, conversationId: slack.dmChannelFor('U0ADA'), kind: 'dm' });
    await sender.send(dm, checkInPrompt('2026-W48'));
    expect(slack.messages(dm.conversationId)).toHaveLength(1);
  });

  it('reports Slack throttling at once as rate-limited with Retry-After, without retrying or queueing', async () => {
    const results: Array<'sent' | SendError> = [];
    for (let i = 0; i < 4; i += 1) {
      results.push(await sender.send(channel('C0BUSY'), checkInPrompt(`W${i}`)).then(() => 'sent' as const, asSendError));
    }
    expect(results.slice(0, 3)).toEqual(['sent', 'sent', 'sent']);
    const throttled = results[3] as SendError;
    expect(throttled.kind).toBe('rate-limited');
    expect(throttled.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(slack.calls('chat.postMessage')).toHaveLength(4);
    expect(slack.messages('C0BUSY')).toHaveLength(3);
  });

  it('maps an injected 429 to rate-limited with the Retry-After in milliseconds', async () => {
    slack.setFaults({ rate429: 1 });
    const error = asSendError(await failureOf(sender.send(channel('C0GENERAL'), checkInPrompt('W1'))));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(1000);
    expect(error.scope).toBeUndefined();
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
  });

  it("says a 429 on a person's DM covers the workspace: the DM itself cannot be the busy one", async () => {
    slack.setFaults({ rate429: 1 });
    const dm = sender.directTarget?.(ada);
    expect(dm).toBeDefined();
    const error = asSendError(await failureOf(sender.send(dm!, checkInPrompt('W1'))));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1000, scope: 'workspace' });
  });

  it('maps a 500 and a dropped connection to transient, each tried once', async () => {
    slack.setFaults({ rate500: 1 });
    expect(asSendError(await failureOf(sender.send(channel('C0GENERAL'), checkInPrompt('W1')))).kind).toBe('transient');
    slack.setFaults({ rateDrop: 1 });
    expect(asSendError(await failureOf(sender.update(channel('C0GENERAL'), '1.000001', checkInPrompt('W1')))).kind).toBe('transient');
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
    expect(slack.calls('chat.update')).toHaveLength(1);
    expect(slack.messages('C0GENERAL')).toHaveLength(0);
  });

  it('gives up on a request that hangs past the send timeout, as transient', async () => {
    const quick = createSlackSender({
      client: createSlackSendClient({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: silentLogger, timeoutMs: 200 }),
    });
    slack.setFaults({ rateTimeout: 1 });
    const started = Date.now();
    const error = asSendError(await failureOf(quick.send(channel('C0GENERAL'), checkInPrompt('W1'))));
    expect(error.kind).toBe('transient');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('maps errors that will not change on retry to permanent', async () => {
    const missing = asSendError(await failureOf(sender.send(channel('nope'), checkInPrompt('W1'))));
    expect(missing).toMatchObject({ kind: 'permanent' });
    expect(missing.message).toContain('channel_not_found');

    slack.setChannel('C0OLD', { archived: true });
    expect(asSendError(await failureOf(sender.send(channel('C0OLD'), checkInPrompt('W1')))).message).toContain('is_archived');
    slack.setChannel('C0PRIVATE', { botIsMember: false });
    expect(asSendError(await failureOf(sender.send(channel('C0PRIVATE'), checkInPrompt('W1'))))).toMatchObject({ kind: 'permanent' });

    const gone = asSendError(await failureOf(sender.update(channel('C0GENERAL'), '1.000001', checkInPrompt('W1'))));
    expect(gone.kind).toBe('permanent');
    expect(gone.message).toContain('message_not_found');
  });

  it('treats a person the bot cannot reach as unreachable', async () => {
    const disabled = asSendError(await failureOf(sender.openDm({ ...ada, userId: 'U0GONE' })));
    expect(disabled.kind).toBe('unreachable');

    const dm = await sender.openDm(ada);
    slack.setChannel(dm.conversationId, { archived: true });
    expect(asSendError(await failureOf(sender.send(dm, checkInPrompt('W1')))).kind).toBe('unreachable');
  });

  it('maps a revoked token to permanent', async () => {
    slack.revokeToken(slack.botToken);
    const error = asSendError(await failureOf(sender.send(channel('C0GENERAL'), checkInPrompt('W1'))));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('token_revoked');
  });
});
