import type { AddressInfo } from 'node:net';
import { App, LogLevel, isValidSlackRequest } from '@slack/bolt';
import {
  blockActions,
  eventCallback,
  sendToBolt,
  signSlackRequest,
  slashCommand,
  startSlackStandIn,
  viewSubmissionFor,
  type SlackStandIn,
} from '../../adapters/stand-ins/slack';

const signingSecret = 'stand-in-signing-secret';

describe('signSlackRequest', () => {
  it('produces headers Bolt accepts, and Bolt refuses a changed body', () => {
    const body = 'token=x&command=%2Fmission';
    const headers = signSlackRequest(body, signingSecret, Math.floor(Date.now() / 1000));
    const asBolt = {
      'x-slack-signature': headers['X-Slack-Signature'],
      'x-slack-request-timestamp': Number(headers['X-Slack-Request-Timestamp']),
    };
    expect(isValidSlackRequest({ signingSecret, body, headers: asBolt })).toBe(true);
    expect(isValidSlackRequest({ signingSecret, body: `${body}x`, headers: asBolt })).toBe(false);
  });
});

describe('payload builders against a real Bolt app talking to the Slack stand-in', () => {
  let standIn: SlackStandIn;
  let app: App;
  let url: string;
  const seen: string[] = [];

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    app = new App({
      token: standIn.botToken,
      signingSecret,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/mission', async ({ command, ack, respond }) => {
      await ack();
      seen.push(`command:${command.text}:${command.team_id}:${command.channel_id}`);
      await respond({ text: `You asked for ${command.text}` });
    });
    app.action('offer_help', async ({ ack, body, client, action }) => {
      await ack();
      const b = body as unknown as { container: { channel_id: string; message_ts: string } };
      seen.push(`action:${'value' in action ? action.value : ''}`);
      await client.chat.update({ channel: b.container.channel_id, ts: b.container.message_ts, text: 'Help offered' });
    });
    app.view('checkin', async ({ ack, view, body }) => {
      const moved = view.state.values.moved?.v?.value;
      seen.push(`view:${moved}:${body.user.id}:${view.private_metadata}`);
      await ack();
    });
    app.event('message', async ({ event, client }) => {
      const e = event as { channel: string; text?: string };
      await client.chat.postMessage({ channel: e.channel, text: `echo ${e.text}` });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Home' } }] },
      });
    });
    app.event('app_uninstalled', async () => {
      seen.push('uninstalled');
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await app.stop();
    await standIn.close();
  });

  it('delivers a slash command whose response_url lands in the stand-in as an ephemeral reply', async () => {
    const payload = slashCommand({ command: '/mission', text: 'list', channelId: 'C0MISSIONS', standIn });
    const res = await sendToBolt(url, 'slash_command', payload, { signingSecret });
    expect(res.status).toBe(200);
    const reply = await standIn.waitFor((s) => s.ephemerals({ user: 'U0ADA' })[0]);
    expect(reply.text).toBe('You asked for list');
    expect(seen).toContain('command:list:T0MISSION:C0MISSIONS');
  });

  it('rejects a forged signature and a stale timestamp', async () => {
    const payload = slashCommand({ command: '/mission', text: 'x' });
    expect((await sendToBolt(url, 'slash_command', payload, { signingSecret: 'wrong-secret' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await sendToBolt(url, 'slash_command', payload, { signingSecret, timestamp: stale })).status).toBe(401);
  });

  it('delivers a block action on a message the bot posted, and the bot updates that message', async () => {
    const posted = await app.client.chat.postMessage({ channel: 'C0ALERTS', text: 'Blocker: no venue' });
    const payload = blockActions({
      actionId: 'offer_help',
      blockId: 'blocker',
      value: 'blocker-7',
      source: { kind: 'message', channelId: 'C0ALERTS', messageTs: posted.ts as string, text: 'Blocker: no venue' },
      standIn,
    });
    expect((await sendToBolt(url, 'block_actions', payload, { signingSecret })).status).toBe(200);
    await standIn.waitFor((s) => s.messages('C0ALERTS').find((m) => m.text === 'Help offered'));
    expect(seen).toContain('action:blocker-7');
  });

  it('delivers a view submission built from a view the bot opened', async () => {
    await app.client.views.open({
      trigger_id: standIn.triggerIdFor('U0ADA'),
      view: {
        type: 'modal',
        callback_id: 'checkin',
        private_metadata: 'round-12',
        title: { type: 'plain_text', text: 'Check-in' },
        submit: { type: 'plain_text', text: 'Send' },
        blocks: [
          {
            type: 'input',
            block_id: 'moved',
            label: { type: 'plain_text', text: 'What moved?' },
            element: { type: 'plain_text_input', action_id: 'v' },
          },
        ],
      },
    });
    const [open] = standIn.openViews('U0ADA');
    const payload = viewSubmissionFor(open, { moved: { v: { type: 'plain_text_input', value: 'Two employers signed up' } } });
    const res = await sendToBolt(url, 'view_submission', payload, { signingSecret });
    expect(res.status).toBe(200);
    standIn.applyViewSubmissionAck('U0ADA', res.body);
    expect(standIn.openViews('U0ADA')).toHaveLength(0);
    expect(seen).toContain('view:Two employers signed up:U0ADA:round-12');
  });

  it('delivers message.im, app_home_opened and app_uninstalled events', async () => {
    const im = eventCallback('message.im', { text: 'hello', standIn });
    expect((await sendToBolt(url, 'event_callback', im, { signingSecret })).status).toBe(200);
    const dm = standIn.dmChannelFor('U0ADA');
    await standIn.waitFor((s) => s.messages(dm).find((m) => m.text === 'echo hello'));

    const home = eventCallback('app_home_opened', { standIn });
    await sendToBolt(url, 'event_callback', home, { signingSecret, retryNum: 1, retryReason: 'http_timeout' });
    await standIn.waitFor((s) => s.homeView('U0ADA'));

    await sendToBolt(url, 'event_callback', eventCallback('app_uninstalled'), { signingSecret });
    await standIn.waitFor(() => seen.includes('uninstalled'));
  });
});
