import { blockActions, eventCallback, sendToBolt, viewSubmissionFor, type SlackStateValue } from '../../adapters/stand-ins/slack';
import { channelMention, personalMessage, postActivity } from '../../adapters/stand-ins/teams';
import { SIGNING_SECRET, startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { staysResponsive, type StallVerdict } from '../support/health-probe';
import { SlackPerson } from '../support/slack-person';
import { TeamsPerson } from '../support/teams-person';
import { settled, waitFor } from '../support/wait-for';

/**
 * Availability: no input stalls the server. Text as long as each platform lets a person send, in
 * the shapes that make a backtracking regular expression take quadratic time, goes through the
 * real adapters over HTTP while /healthz is polled; the server must answer it about as fast as it
 * does while handling ordinary text of the same length. Text longer than a platform allows is
 * refused at the door, politely, and changes nothing.
 */

/** Slack shows and delivers at most 40,000 characters of a message. */
const SLACK_MESSAGE_MAX = 40_000;
/** Teams refuses a message over about 28 KB. */
const TEAMS_MESSAGE_MAX_BYTES = 28 * 1024;
/** How many copies of one input are sent at once: a stall then adds up, as it would under attack. */
const COPIES = 3;

/** `unit` repeated to exactly `bytes` UTF-8 bytes (whole characters only). */
function fill(unit: string, bytes: number): string {
  let out = unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit, 'utf8')));
  while (Buffer.byteLength(out, 'utf8') > bytes) out = out.slice(0, -1);
  return out;
}

/** The shapes a quadratic regular expression chokes on, each `bytes` long (ASCII except the quotes). */
function hostileShapes(bytes: number): Array<[string, string]> {
  return [
    ['repeated punctuation', `${fill('!', bytes - 1)}x`],
    ['mixed punctuation', `${fill('?!.,;:', bytes - 1)}x`],
    ['repeated <@A|', fill('<@A|', bytes)],
    ['repeated <p', fill('<p', bytes)],
    ['repeated unclosed links', fill('<http:', bytes)],
    ['repeated <!here|', fill('<!here|', bytes)],
    ['nested quotes', `${fill('"\'\u201c\u2018', bytes - 1)}x`],
    ['long whitespace run', `a${fill(' \t', bytes - 3)}!x`],
    ['mixed', `${fill('<@A|<p <http:"\'!?', bytes - 1)}x`],
  ];
}

const ordinary = (bytes: number): string => fill('a', bytes);

function failures(results: Array<[string, StallVerdict]>): string[] {
  return results.filter(([, v]) => !v.ok).map(([shape, v]) => `${shape}: ${JSON.stringify(v.trials)}`);
}

let t: TestApp;
let healthUrl: string;
let sent = 0;
/** A new person each time: nobody is throttled, and no reply is mistaken for another's. */
const someone = (prefix: string): string => `${prefix}${(sent++).toString(36).toUpperCase().padStart(4, '0')}`;

beforeAll(async () => {
  t = await startTestApp('hostile_text');
  healthUrl = `${t.app.url.replace('localhost', '127.0.0.1')}/healthz`;
});
afterAll(async () => {
  await t.stop();
});

/** A Slack DM from a new person; resolves once the bot has answered in that DM. */
async function slackDm(text: string): Promise<string> {
  const p = new SlackPerson(t, someone('U0H'));
  const payload = eventCallback('message.im', { standIn: t.slack, userId: p.userId, teamId: t.slack.teamId, text });
  expect((await sendToBolt(t.slackUrl, 'event_callback', payload, { signingSecret: SIGNING_SECRET })).status).toBe(200);
  await waitFor(() => expect(p.inbox().length).toBeGreaterThan(0));
  await t.app.runtime.inbound.idle();
  return p.inboxText();
}

/** A Teams personal message from a new person; resolves with the bot's answer. */
async function teamsDm(text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const p = new TeamsPerson(t, `29:${someone('h')}`, 'Hostile Tester');
  const activity = {
    ...personalMessage(
      {
        serviceUrl: t.connector.serviceUrl,
        appId: t.appId,
        tenantId: TENANT,
        user: { id: p.id, name: p.name, aadObjectId: `aad-${p.id}` },
      },
      { text },
    ),
    ...extra,
  };
  expect((await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId })).status).toBe(200);
  await waitFor(() => expect(p.inbox().length).toBeGreaterThan(0));
  return p.inboxText();
}

/** Sends `copies` of an input at once (each from its own person) and waits for every answer. */
const atOnce = (copies: number, send: () => Promise<unknown>) => () => Promise.all(Array.from({ length: copies }, send));

describe('no input stalls the server: Slack', () => {
  it('direct messages of 40,000 characters in hostile shapes are answered while /healthz stays prompt', async () => {
    const results: Array<[string, StallVerdict]> = [];
    for (const [shape, text] of hostileShapes(SLACK_MESSAGE_MAX)) {
      results.push([
        shape,
        await staysResponsive(
          healthUrl,
          atOnce(COPIES, () => slackDm(ordinary(SLACK_MESSAGE_MAX))),
          atOnce(COPIES, () => slackDm(text)),
        ),
      ]);
    }
    expect(failures(results)).toEqual([]);
  });

  it('slash commands of 40,000 characters in hostile shapes are refused politely while /healthz stays prompt', async () => {
    const results: Array<[string, StallVerdict]> = [];
    const answers: string[] = [];
    const command = async (text: string) => {
      const res = await t.slashCommand(someone('U0C'), '/mission', text);
      answers.push(res.body);
    };
    for (const [shape, text] of hostileShapes(SLACK_MESSAGE_MAX)) {
      results.push([
        shape,
        await staysResponsive(
          healthUrl,
          atOnce(COPIES, () => command(ordinary(SLACK_MESSAGE_MAX))),
          atOnce(COPIES, () => command(text)),
        ),
      ]);
    }
    expect(failures(results)).toEqual([]);
    for (const body of answers) expect(body).toMatch(/too long/);
    expect(await t.app.store.connection.db!.collection('missions').countDocuments()).toBe(0);
  });

  it('a direct message longer than Slack allows is refused with a clear answer', async () => {
    const answer = await slackDm(`${ordinary(SLACK_MESSAGE_MAX)}!`);
    expect(answer).toMatch(/too long/);
    expect(answer).toMatch(/40,000/);
    expect(answer).not.toMatch(/None is open for you/);
  });
});

describe('no input stalls the server: Teams', () => {
  it('personal messages of about 28 KB in hostile shapes are answered while /healthz stays prompt', async () => {
    const results: Array<[string, StallVerdict]> = [];
    for (const [shape, text] of hostileShapes(TEAMS_MESSAGE_MAX_BYTES)) {
      results.push([
        shape,
        await staysResponsive(
          healthUrl,
          atOnce(COPIES, () => teamsDm(ordinary(TEAMS_MESSAGE_MAX_BYTES))),
          atOnce(COPIES, () => teamsDm(text)),
        ),
      ]);
    }
    expect(failures(results)).toEqual([]);
  });

  it('commands @mentioning the bot in a channel, at about 28 KB in hostile shapes, are refused politely while /healthz stays prompt', async () => {
    const results: Array<[string, StallVerdict]> = [];
    const answers: string[] = [];
    const mention = async (text: string) => {
      const p = new TeamsPerson(t, `29:${someone('c')}`, 'Hostile Tester');
      const ctx = {
        serviceUrl: t.connector.serviceUrl,
        appId: t.appId,
        tenantId: TENANT,
        user: { id: p.id, name: p.name, aadObjectId: `aad-${p.id}` },
      };
      const activity = channelMention(ctx, { text, conversationId: `19:hostile-${p.id}@thread.tacv2` });
      const res = await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId });
      expect(res.status).toBe(200);
      const replies = await waitForActivities(String((activity.conversation as { id: string }).id));
      answers.push(replies);
    };
    const prefix = 'mission create "';
    for (const [shape, text] of hostileShapes(TEAMS_MESSAGE_MAX_BYTES - 64)) {
      results.push([
        shape,
        await staysResponsive(
          healthUrl,
          atOnce(COPIES, () => mention(prefix + ordinary(TEAMS_MESSAGE_MAX_BYTES - 64))),
          atOnce(COPIES, () => mention(prefix + text)),
        ),
      ]);
    }
    expect(failures(results)).toEqual([]);
    // Each is answered in words: too long once its markup and spaces are read, or what to fix.
    for (const a of answers) expect(a).toMatch(/too long|a quote is not closed/);
    for (const a of answers) expect(a).not.toMatch(/went wrong/);
  });

  it('a message whose mention entities would multiply its text is answered while /healthz stays prompt', async () => {
    // Mention entities name the text to replace; an empty one matched between every character.
    const entities = Array.from({ length: 5 }, (_, i) => ({ type: 'mention', text: '', mentioned: { id: `29:m${i}`, name: `M${i}` } }));
    const text = fill('<at>M</at> ', 20_000);
    const verdict = await staysResponsive(
      healthUrl,
      () => teamsDm(text),
      () => teamsDm(text, { entities }),
    );
    expect(failures([['empty mention entities', verdict]])).toEqual([]);
  });

  it('a personal message longer than Teams allows is refused with a clear answer', async () => {
    const answer = await teamsDm(`${ordinary(TEAMS_MESSAGE_MAX_BYTES)}!`);
    expect(answer).toMatch(/too long/);
    expect(answer).not.toMatch(/None is open for you/);
  });
});

/** Waits for the bot's first answer in a conversation and returns everything it posted there. */
async function waitForActivities(conversationId: string): Promise<string> {
  await waitFor(() => expect(t.connector.activities(conversationId).length).toBeGreaterThan(0));
  return t.connector
    .activities(conversationId)
    .map((a) => JSON.stringify(a.activity))
    .join('\n');
}

describe('no input stalls the server: card values and buttons', () => {
  const answers = { moved: 'Two employers signed the pledge', next: 'Brief the partners', confidence: '4' };
  let ada: SlackPerson, ben: SlackPerson;
  let tamsin: TeamsPerson, raj: TeamsPerson;

  beforeAll(async () => {
    [ada, ben] = [new SlackPerson(t, 'U0ADA'), new SlackPerson(t, 'U0BEN')];
    await ada.command('/mission', 'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
    await ada.command('/mission', 'add ladywood-jobs <@U0BEN|ben> org="Ladywood Community Trust"');
    await ada.command('/mission', 'checkin-now ladywood-jobs');
    tamsin = new TeamsPerson(t, '29:tamsin', 'Tamsin Okafor');
    raj = new TeamsPerson(t, '29:raj', 'Raj Patel');
    for (const p of [tamsin, raj]) expect(await p.say('hi')).toBe(200);
    await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
    await tamsin.sayInChannel('mission add homes @Raj Patel org="Birmingham City Council Housing"', [raj]);
    await tamsin.say('mission checkin-now homes');
    await waitFor(() => expect(ben.inboxText()).toMatch(/Answer check-in/));
    await waitFor(() => expect(raj.inboxText()).toMatch(/"Submit"/));
    await settled(t.app);
  });

  const stored = async () => ({
    checkins: await t.app.store.connection.db!.collection('checkins').countDocuments(),
    drafts: await t.app.store.connection.db!.collection('checkin_drafts').countDocuments(),
  });

  it('Slack: check-in form values and a button value far past Slack’s limits are refused politely, store nothing, and /healthz stays prompt', async () => {
    const results: Array<[string, StallVerdict]> = [];
    const bodies: string[] = [];
    const submit = async (moved: string) => {
      expect(await ben.press(ben.inbox()[0], 'Answer check-in')).toBe(200);
      await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
      const view = ben.openView()!;
      const values: Record<string, Record<string, SlackStateValue>> = {};
      for (const [id, value] of Object.entries({ ...answers, moved, notes: moved }))
        values[id] = { [id]: { type: 'plain_text_input', value } };
      const res = await sendToBolt(t.slackUrl, 'view_submission', viewSubmissionFor(view, values, { userId: ben.userId }), {
        signingSecret: SIGNING_SECRET,
      });
      bodies.push(res.body);
      await t.app.runtime.inbound.idle();
    };
    for (const [shape, text] of hostileShapes(SLACK_MESSAGE_MAX)) {
      results.push([
        shape,
        await staysResponsive(
          healthUrl,
          () => submit(ordinary(SLACK_MESSAGE_MAX)),
          () => submit(text),
        ),
      ]);
    }
    expect(failures(results)).toEqual([]);
    for (const body of bodies) {
      expect(JSON.parse(body)).toMatchObject({ response_action: 'errors', errors: { moved: expect.stringMatching(/Nothing was saved/) } });
    }

    // A button whose value is past Slack's 2,000 characters did not come from the bot's messages.
    const prompt = ben.inbox()[0];
    const press = blockActions({
      standIn: t.slack,
      userId: ben.userId,
      actionId: 'checkin.skip',
      blockId: 'actions',
      value: ordinary(SLACK_MESSAGE_MAX),
      buttonText: 'Skip this week',
      source: { kind: 'message', channelId: prompt.channel, messageTs: prompt.ts, text: prompt.text, blocks: prompt.blocks },
    });
    expect((await sendToBolt(t.slackUrl, 'block_actions', press, { signingSecret: SIGNING_SECRET })).status).toBe(200);
    await settled(t.app);
    expect(t.slack.responseUrlPosts().map((c) => JSON.stringify(c.body))).toContainEqual(expect.stringMatching(/could not be read/));
    expect(await stored()).toEqual({ checkins: 0, drafts: 0 });
  });

  it('Teams: a check-in card submitted with values far past the message limit is refused, stores nothing, and /healthz stays prompt', async () => {
    const results: Array<[string, StallVerdict]> = [];
    const submit = async (moved: string) => {
      const prompt = raj.inbox().find((a) => JSON.stringify(a.activity).includes('"Submit"'))!;
      // The turn, and so the bot's answer, is finished when botbuilder answers the POST.
      expect(await raj.press(prompt, 'Submit', { ...answers, moved, notes: moved })).toBe(200);
    };
    const size = TEAMS_MESSAGE_MAX_BYTES - 2048;
    for (const [shape, text] of hostileShapes(size)) {
      results.push([
        shape,
        await staysResponsive(
          healthUrl,
          () => submit(ordinary(size)),
          () => submit(text),
        ),
      ]);
    }
    expect(failures(results)).toEqual([]);
    expect(raj.inboxText()).toMatch(/Nothing was saved/);
    expect(await stored()).toEqual({ checkins: 0, drafts: 0 });
  });
});
