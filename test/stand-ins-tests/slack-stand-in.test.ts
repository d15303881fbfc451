import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { startSlackStandIn, type SlackStandIn } from '../../adapters/stand-ins/slack';

const noRetries = { retries: 0 };

async function callApi(standIn: SlackStandIn, method: string, body: Record<string, unknown>, token = standIn.botToken) {
  const res = await fetch(`${standIn.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as Record<string, unknown> };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Slack stand-in with a real WebClient', () => {
  let standIn: SlackStandIn;
  let client: WebClient;

  beforeAll(async () => {
    standIn = await startSlackStandIn({
      users: [{ id: 'U0ADA', teamId: 'T0MISSION', name: 'ada', realName: 'Ada Lovelace', tz: 'Europe/London' }],
    });
    client = new WebClient(standIn.botToken, { slackApiUrl: standIn.apiUrl, logLevel: LogLevel.ERROR, retryConfig: noRetries });
  });
  afterEach(() => standIn.reset());
  afterAll(() => standIn.close());

  it('posts, updates and deletes a message, keeping the channel history in place', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0DIGEST', text: 'Digest week 12', blocks: [section('*Week 12*')] });
    expect(posted.ok).toBe(true);
    const ts = posted.ts as string;
    await client.chat.update({ channel: 'C0DIGEST', ts, text: 'Digest week 12 (final)' });

    const [message] = standIn.messages('C0DIGEST');
    expect(message).toMatchObject({ ts, text: 'Digest week 12 (final)', updates: 1 });
    // chat.update without blocks keeps the earlier blocks, as Slack does
    expect(message.blocks).toEqual([section('*Week 12*')]);

    await client.chat.delete({ channel: 'C0DIGEST', ts });
    expect(standIn.messages('C0DIGEST')).toHaveLength(0);
    await expect(client.chat.update({ channel: 'C0DIGEST', ts, text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('posts to a user id into the same DM channel conversations.open returns', async () => {
    const opened = await client.conversations.open({ users: 'U0ADA' });
    const dm = (opened.channel as { id: string }).id;
    const posted = await client.chat.postMessage({ channel: 'U0ADA', text: 'Time for your check-in' });
    expect(posted.channel).toBe(dm);
    expect(standIn.messages(dm).map((m) => m.text)).toEqual(['Time for your check-in']);
  });

  it('opens, pushes and updates a modal for the user who owns the trigger, and publishes App Home', async () => {
    const modal = {
      type: 'modal' as const,
      callback_id: 'checkin',
      title: { type: 'plain_text' as const, text: 'Weekly check-in' },
      submit: { type: 'plain_text' as const, text: 'Send' },
      blocks: [
        {
          type: 'input',
          block_id: 'moved',
          label: { type: 'plain_text', text: 'What moved?' },
          element: { type: 'plain_text_input', action_id: 'v', multiline: true, max_length: 3000 },
        },
      ],
    };
    const opened = await client.views.open({ trigger_id: standIn.triggerIdFor('U0ADA'), view: modal });
    const viewId = (opened.view as { id: string }).id;
    await client.views.push({ trigger_id: standIn.triggerIdFor('U0ADA'), view: { ...modal, callback_id: 'details' } });
    expect(standIn.openViews('U0ADA').map((v) => v.callbackId)).toEqual(['checkin', 'details']);

    const stale = (opened.view as { hash: string }).hash;
    await client.views.update({ view_id: viewId, view: { ...modal, private_metadata: 'round-1' } });
    await expect(client.views.update({ view_id: viewId, hash: stale, view: modal })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });

    await client.views.publish({ user_id: 'U0ADA', view: { type: 'home', blocks: [section('Your missions')] } });
    expect(standIn.homeView('U0ADA')?.blocks).toEqual([section('Your missions')]);
  });

  it('refuses a trigger_id used twice', async () => {
    const trigger = standIn.triggerIdFor('U0ADA');
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Hi' }, blocks: [] };
    await client.views.open({ trigger_id: trigger, view });
    await expect(client.views.open({ trigger_id: trigger, view })).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });
  });

  it('accepts a file through filesUploadV2 and shares it to the channel', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const result = await client.filesUploadV2({
      channel_id: 'C0DIGEST',
      file: png,
      filename: 'trend.png',
      title: 'Confidence trend',
      initial_comment: 'Trend',
    });
    expect(result.ok).toBe(true);
    const [file] = standIn.files();
    expect(file).toMatchObject({ filename: 'trend.png', title: 'Confidence trend', completed: true, sharedTo: ['C0DIGEST'] });
    expect(file.bytes?.equals(png)).toBe(true);
    expect(standIn.messages('C0DIGEST')[0]).toMatchObject({ text: 'Trend', files: [file.id], via: 'file_share' });
  });

  it('answers invalid_auth for an unknown token and token_revoked after revocation', async () => {
    const stranger = new WebClient('xoxb-nope', { slackApiUrl: standIn.apiUrl, logLevel: LogLevel.ERROR, retryConfig: noRetries });
    await expect(stranger.auth.test()).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'invalid_auth' } });
    expect((await client.auth.test()).team_id).toBe('T0MISSION');
    standIn.revokeToken(standIn.botToken);
    await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
  });

  it('looks up users and reports unknown ones', async () => {
    const info = await client.users.info({ user: 'U0ADA' });
    expect(info.user).toMatchObject({ real_name: 'Ada Lovelace', tz: 'Europe/London' });
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });
});

describe('Slack stand-in enforces Block Kit limits', () => {
  let standIn: SlackStandIn;
  beforeAll(async () => {
    standIn = await startSlackStandIn({ rateLimits: { enabled: false } });
  });
  afterAll(() => standIn.close());

  const post = (body: Record<string, unknown>) => callApi(standIn, 'chat.postMessage', { channel: 'C0DIGEST', ...body });

  it('rejects more than 50 blocks in a message but takes 50', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => section(`row ${i}`));
    expect((await post({ text: 'ok', blocks: fifty })).json.ok).toBe(true);
    const res = await post({ text: 'too many', blocks: [...fifty, section('one more')] });
    expect(res.json).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(res.json.errors).toEqual(['must be less than 51 items [json-pointer:/blocks]']);
  });

  it.each([
    ['section text over 3000', [section('x'.repeat(3001))], '/blocks/0/text/text'],
    ['header over 150', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], '/blocks/0/text/text'],
    ['header in mrkdwn', [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], '/blocks/0/text/type'],
    [
      '11 section fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
      '/blocks/0/fields',
    ],
    [
      'button text over 75',
      [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }] }],
      '/blocks/0/elements/0/text/text',
    ],
    [
      'button value over 2000',
      [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'a', value: 'v'.repeat(2001), text: { type: 'plain_text', text: 'b' } }],
        },
      ],
      '/blocks/0/elements/0/value',
    ],
    [
      '26 actions elements',
      [
        {
          type: 'actions',
          elements: Array.from({ length: 26 }, (_, i) => ({ type: 'button', action_id: `a${i}`, text: { type: 'plain_text', text: 'b' } })),
        },
      ],
      '/blocks/0/elements',
    ],
    [
      '11 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
      '/blocks/0/elements',
    ],
    ['block_id over 255', [{ ...section('s'), block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
    [
      '101 select options',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `${i}` })),
            },
          ],
        },
      ],
      '/blocks/0/elements/0/options',
    ],
    [
      'duplicate block_id',
      [
        { ...section('a'), block_id: 'same' },
        { ...section('b'), block_id: 'same' },
      ],
      '/blocks/1/block_id',
    ],
  ])('rejects %s', async (_label, blocks, pointer) => {
    const res = await post({ text: 'fallback', blocks });
    expect(res.json.ok).toBe(false);
    expect(res.json.error).toBe('invalid_blocks');
    expect(String((res.json.errors as string[])[0])).toContain(`[json-pointer:${pointer}]`);
  });

  it('answers msg_too_long over 40000 characters and no_text with neither text nor blocks', async () => {
    expect((await post({ text: 'x'.repeat(40001) })).json.error).toBe('msg_too_long');
    expect((await post({})).json.error).toBe('no_text');
  });

  it('rejects a modal title over 24 characters and more than 100 blocks in a view', async () => {
    const longTitle = await callApi(standIn, 'views.open', {
      trigger_id: standIn.triggerIdFor('U1'),
      view: { type: 'modal', title: { type: 'plain_text', text: 't'.repeat(25) }, blocks: [] },
    });
    expect(longTitle.json).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(longTitle.json.errors).toContain('must be less than 25 characters [json-pointer:/view/title/text]');
    const tooMany = await callApi(standIn, 'views.publish', {
      user_id: 'U1',
      view: { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
    });
    expect(tooMany.json.errors).toContain('must be less than 101 items [json-pointer:/view/blocks]');
  });
});

describe('Slack stand-in rate limits', () => {
  it('answers 429 with Retry-After when one channel is flooded, other channels still pass', async () => {
    const standIn = await startSlackStandIn();
    try {
      const results = [];
      for (let i = 0; i < 6; i += 1) results.push(await callApi(standIn, 'chat.postMessage', { channel: 'C0FLOOD', text: `m${i}` }));
      const limited = results.filter((r) => r.status === 429);
      expect(results.slice(0, 3).every((r) => r.status === 200)).toBe(true); // the small burst
      expect(limited.length).toBeGreaterThanOrEqual(2);
      expect(limited[0].retryAfter).toBe('1');
      expect(limited[0].json).toEqual({ ok: false, error: 'ratelimited' });
      expect((await callApi(standIn, 'chat.postMessage', { channel: 'C0OTHER', text: 'hi' })).status).toBe(200);
      expect(standIn.messages('C0FLOOD')).toHaveLength(results.length - limited.length);
      expect(standIn.calls('chat.postMessage').filter((c) => c.outcome === 'rate_limited')).toHaveLength(limited.length);

      // WebClient surfaces the 429 when told not to retry it
      const strict = new WebClient(standIn.botToken, {
        slackApiUrl: standIn.apiUrl,
        logLevel: LogLevel.ERROR,
        rejectRateLimitedCalls: true,
        retryConfig: noRetries,
      });
      const err = (await strict.chat.postMessage({ channel: 'C0FLOOD', text: 'again' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
      expect(err.code).toBe(ErrorCode.RateLimitedError);
      expect(err.retryAfter).toBeGreaterThanOrEqual(1);
    } finally {
      await standIn.close();
    }
  });

  it('lets a retrying WebClient get through once the scaled window passes', async () => {
    // Scaled enough to be quick, not so much that a loaded machine spaces the posts past the window.
    const standIn = await startSlackStandIn({ timeScale: 0.05 });
    try {
      const client = new WebClient(standIn.botToken, {
        slackApiUrl: standIn.apiUrl,
        logLevel: LogLevel.ERROR,
        retryConfig: { retries: 200, minTimeout: 5, maxTimeout: 20, factor: 1 },
      });
      await Promise.all(Array.from({ length: 8 }, (_, i) => client.chat.postMessage({ channel: 'C0FAST', text: `m${i}` })));
      expect(standIn.messages('C0FAST')).toHaveLength(8);
      expect(standIn.calls('chat.postMessage').some((c) => c.outcome === 'rate_limited')).toBe(true);
    } finally {
      await standIn.close();
    }
  });

  it('applies the Tier 4 quota to views.publish and can be switched off', async () => {
    const standIn = await startSlackStandIn();
    try {
      const publish = () => callApi(standIn, 'views.publish', { user_id: 'U1', view: { type: 'home', blocks: [] } });
      // Sent together, so the bucket (refilling at 100 a minute) has no time to refill much.
      const statuses = (await Promise.all(Array.from({ length: 110 }, () => publish()))).map((r) => r.status);
      const ok = statuses.filter((s) => s === 200).length;
      expect(ok).toBeGreaterThanOrEqual(100);
      expect(ok).toBeLessThan(110);
      expect(statuses.filter((s) => s === 429).length).toBe(110 - ok);
      standIn.setRateLimiting(false);
      expect((await publish()).status).toBe(200);
    } finally {
      await standIn.close();
    }
  });
});

describe('Slack stand-in fault injection', () => {
  it('injects the same faults for the same seed', async () => {
    const run = async (): Promise<string[]> => {
      const standIn = await startSlackStandIn({ rateLimits: { enabled: false }, faults: { seed: 42, rate429: 0.2, rate500: 0.2 } });
      try {
        const out: string[] = [];
        for (let i = 0; i < 20; i += 1) out.push(String((await callApi(standIn, 'auth.test', {})).status));
        return out;
      } finally {
        await standIn.close();
      }
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first).toContain('429');
    expect(first).toContain('500');
    expect(first).toContain('200');
  });

  it('can lose the reply after doing the work, so a retry would duplicate the message', async () => {
    const standIn = await startSlackStandIn({ rateLimits: { enabled: false } });
    try {
      standIn.setFaults({ rateLostReply: 1, only: ['chat.postMessage'] });
      const client = new WebClient(standIn.botToken, { slackApiUrl: standIn.apiUrl, logLevel: LogLevel.ERROR, retryConfig: noRetries });
      const err = (await client.chat.postMessage({ channel: 'C0X', text: 'hello' }).catch((e: unknown) => e)) as WebAPIPlatformError;
      expect(err.code).toBe(ErrorCode.RequestError);
      expect(standIn.messages('C0X').map((m) => m.text)).toEqual(['hello']);
      standIn.setFaults({});
      expect((await client.auth.test()).ok).toBe(true);
    } finally {
      await standIn.close();
    }
  });
});

describe('Slack stand-in response_url', () => {
  it('records ephemeral replies and replaces the original message', async () => {
    const standIn = await startSlackStandIn();
    try {
      const posted = await callApi(standIn, 'chat.postMessage', {
        channel: 'C0ALERTS',
        text: 'Blocker raised',
        blocks: [section('Blocker')],
      });
      const ts = posted.json.ts as string;
      const url = standIn.responseUrl({ channelId: 'C0ALERTS', userId: 'U0ADA', messageTs: ts });
      const send = (body: unknown) =>
        fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

      expect((await send({ text: 'Thanks, noted' })).status).toBe(200);
      expect(standIn.ephemerals({ user: 'U0ADA' }).map((e) => e.text)).toEqual(['Thanks, noted']);

      await send({ replace_original: true, text: 'Blocker resolved', blocks: [section('Resolved')] });
      expect(standIn.messages('C0ALERTS')[0]).toMatchObject({ ts, text: 'Blocker resolved', updates: 1 });

      const bad = await send({ replace_original: true, text: 'x', blocks: [section('y'.repeat(3001))] });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    } finally {
      await standIn.close();
    }
  });
});
