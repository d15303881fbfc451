import pino from 'pino';
import { createSlackSendClient, createSlackSender } from '../../adapters/slack/slack-sender';
import type { ConversationRef } from '../../src/domain/identity';
import type { Message } from '../../src/messages/model';
import { DEFAULT_SLACK_TEAM_ID, startSlackStandIn, type SlackStandIn } from '../../adapters/stand-ins/slack';

/**
 * The Slack sender and a message carrying a chart: the chart is not a block (no public URL) but
 * a file in the message's thread; a failed upload never makes the outbox post the message twice.
 */
const channel: ConversationRef = { platform: 'slack', workspaceId: DEFAULT_SLACK_TEAM_ID, conversationId: 'C0DIGEST', kind: 'channel' };
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3_000, 9)]);
const message: Message = {
  summary: 'Digest for ladywood-jobs',
  blocks: [
    { kind: 'header', text: 'Weekly digest' },
    { kind: 'chart', pngBase64: png.toString('base64'), altText: 'Confidence rose from 3.1 to 3.6', title: 'Confidence and participation' },
  ],
};

let slack: SlackStandIn;
const warnings: string[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });

beforeAll(async () => {
  slack = await startSlackStandIn({ rateLimits: { enabled: false } });
});
afterEach(() => {
  slack.reset();
  warnings.length = 0;
});
afterAll(() => slack.close());

function sender() {
  return createSlackSender({
    client: createSlackSendClient({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: pino({ level: 'silent' }) }),
    logger,
  });
}

describe('a chart on Slack', () => {
  it('posts the message without an image block, then uploads the PNG into its thread with alt text and title', async () => {
    const res = await sender().send(channel, message);
    const posted = slack.messages('C0DIGEST').filter((m) => m.via === 'api');
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0].blocks)).not.toContain('"image"');
    const [file] = slack.files();
    expect(file).toMatchObject({
      completed: true,
      filename: 'chart.png',
      title: 'Confidence and participation',
      altText: 'Confidence rose from 3.1 to 3.6',
      sharedTo: ['C0DIGEST'],
    });
    expect(file.bytes?.equals(png)).toBe(true);
    const share = slack.messages('C0DIGEST').find((m) => m.via === 'file_share');
    expect(share?.threadTs).toBe(res.messageId);
  });

  it('still reports the message as sent when the upload fails, and says so in the log', async () => {
    slack.setFaults({ seed: 1, rate500: 1, only: ['files.getUploadURLExternal'] });
    const res = await sender().send(channel, message);
    expect(res.messageId).toBeTruthy();
    expect(slack.messages('C0DIGEST').filter((m) => m.via === 'api')).toHaveLength(1);
    expect(slack.files()).toHaveLength(0);
    expect(warnings.join('\n')).toMatch(/chart upload failed/);
  });

  it('does not upload again when the message is updated', async () => {
    const res = await sender().send(channel, message);
    await sender().update(channel, res.messageId, message);
    expect(slack.files()).toHaveLength(1);
  });
});
