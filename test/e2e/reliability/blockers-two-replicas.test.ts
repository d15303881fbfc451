import pino from 'pino';
import { slackPlugin } from '../../../adapters/slack';
import { teamsPlugin } from '../../../adapters/teams';
import { loadConfig } from '../../../src/config';
import { startApp, type RunningApp } from '../../../src/main';
import { blockActions, sendToBolt, viewSubmissionFor, type SlackStateValue } from '../../../adapters/stand-ins/slack';
import type { SlackMessage, SlackView } from '../../../adapters/stand-ins/slack/types';
import { SIGNING_SECRET, startTestApp, TEAMS_PASSWORD, type TestApp } from '../../support/app-harness';
import { SlackPerson } from '../../support/slack-person';
import { settled, waitFor } from '../../support/wait-for';

/**
 * Two replicas (two apps on one database, sharing the Slack stand-in and one clock), both
 * taking requests and both dispatching: a check-in submission delivered to both, "I can help"
 * pressed through both, two people resolving at once on different replicas, and both ticking at
 * escalation time. Every alert, DM, resolution and escalation happens exactly once.
 */
jest.setTimeout(120_000);
let t: TestApp;
let b: RunningApp;
let ada: SlackPerson, ben: SlackPerson, chi: SlackPerson, lee: SlackPerson;
const ALERTS = 'C0ALERTS';
const DAY = 24 * 60 * 60 * 1000;
const answers = {
  moved: 'Two employers signed the pledge',
  next: 'Careers fair',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

/** The second replica: same database, same stand-ins, same clock, its own process state. */
async function secondReplica(): Promise<RunningApp> {
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    MONGODB_URI: t.db.uri,
    MONGODB_DB: t.db.dbName,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: t.slack.botToken,
    SLACK_API_URL: t.slack.apiUrl,
  };
  for (const [k, v] of Object.entries(t.issuer.botAuthConfig({ appId: t.appId, appPassword: TEAMS_PASSWORD }))) env[k] = String(v);
  return startApp({
    config: loadConfig(env),
    clock: t.clock,
    logger: pino({ level: 'silent' }),
    platforms: [
      slackPlugin,
      teamsPlugin({ credentialsFactory: t.issuer.credentialsFactory({ appId: t.appId, appPassword: TEAMS_PASSWORD }) }),
    ],
    scheduler: false,
    dispatcher: { limits: { timeScale: 0.001 }, pollIntervalMs: 50 },
  });
}

const urls = (): string[] => [t.slackUrl, `${b.url.replace('localhost', '127.0.0.1')}/slack/events`];
const alerts = (): SlackMessage[] => t.slack.messages(ALERTS).filter((m) => !m.deleted);
const shown = (m: SlackMessage | undefined): string => (m ? `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}` : '');
/** Posts that landed in `channel`; a user id as the channel means the bot's DM with them, as on Slack. */
const posts = (channel: string, pattern: RegExp): number =>
  t.slack.calls('chat.postMessage').filter((c) => {
    const to = String((c.params as { channel?: string }).channel);
    return (
      c.outcome === 'ok' &&
      (to === channel || (/^[UW]/.test(to) && t.slack.dmChannelFor(to) === channel)) &&
      pattern.test(String((c.params as { text?: string }).text ?? ''))
    );
  }).length;

/** The same button press delivered to both replicas at once (a retry landing elsewhere). */
async function pressOnBoth(user: string, message: SlackMessage, label: string): Promise<void> {
  const buttons = (message.blocks ?? []).flatMap((blk) =>
    ((blk as { elements?: Array<{ type: string; action_id: string; value?: string; text: { text: string } }> }).elements ?? []).map(
      (e) => ({ e, blockId: (blk as { block_id?: string }).block_id ?? 'actions' }),
    ),
  );
  const found = buttons.find((x) => x.e.type === 'button' && x.e.text.text === label);
  if (!found) throw new Error(`no ${label} button`);
  const payload = blockActions({
    standIn: t.slack,
    userId: user,
    actionId: found.e.action_id,
    blockId: found.blockId,
    value: found.e.value,
    buttonText: label,
    source: { kind: 'message', channelId: message.channel, messageTs: message.ts, text: message.text, blocks: message.blocks },
  });
  const res = await Promise.all(urls().map((url) => sendToBolt(url, 'block_actions', payload, { signingSecret: SIGNING_SECRET })));
  expect(res.map((r) => r.status)).toEqual([200, 200]);
}

/** Submits `view` with these answers to one replica. */
function submit(url: string, user: string, view: SlackView, values: Record<string, string>, retryNum?: number) {
  const state: Record<string, Record<string, SlackStateValue>> = {};
  for (const blk of view.blocks as Array<{ type: string; block_id: string; element?: { type: string; action_id: string } }>) {
    if (blk.type !== 'input' || !blk.element) continue;
    const v = values[blk.block_id] ?? '';
    state[blk.block_id] = {
      [blk.element.action_id]:
        blk.element.type === 'static_select'
          ? { type: 'static_select', selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null }
          : { type: 'plain_text_input', value: v || null },
    };
  }
  return sendToBolt(url, 'view_submission', viewSubmissionFor(view, state, { userId: user }), {
    signingSecret: SIGNING_SECRET,
    ...(retryNum ? { retryNum } : {}),
  });
}

beforeAll(async () => {
  t = await startTestApp('blockers_two_replicas', { at: new Date('2026-11-26T12:00:00Z') });
  b = await secondReplica();
  [ada, ben, chi, lee] = ['U0ADA', 'U0BEN', 'U0CHI', 'U0LEE'].map((u) => new SlackPerson(t, u));
  await ada.command('/mission', 'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
  await ada.command('/mission', 'add ladywood-jobs <@U0BEN|ben> <@U0CHI|chi> org="Ladywood Community Trust"');
  await ada.command('/mission', 'add ladywood-jobs <@U0LEE|lee> role=lead');
  await ada.command('/mission', 'channel ladywood-jobs alerts', ALERTS);
});
afterAll(async () => {
  await b?.stop();
  await t.stop();
});

describe('blockers with two replicas', () => {
  it('a check-in submission delivered to both replicas makes one blocker and one alert', async () => {
    await ada.command('/mission', 'checkin-now ladywood-jobs');
    await waitFor(() => expect(ben.inboxText()).toMatch(/Time for your weekly check-in/));
    await ben.press(ben.inbox()[0], 'Answer check-in');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('checkin'));
    const view = ben.openView()!;
    const values = { ...answers, blocker: 'No youth worker for the Tuesday drop-in', blocker_severity: 'high' };
    const res = await Promise.all(urls().map((url, i) => submit(url, 'U0BEN', view, values, i)));
    expect(res.map((r) => r.status)).toEqual([200, 200]);
    await waitFor(() => expect(alerts()).toHaveLength(1));
    await settled(t.app, b);
    expect(posts(ALERTS, /High-severity blocker/)).toBe(1);
    const mission = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'ladywood-jobs');
    expect(await t.app.store.blockers.listOpen(mission!.id)).toHaveLength(1);
  });

  it('"I can help" pressed through both replicas records one offer and sends one DM', async () => {
    await pressOnBoth('U0CHI', alerts()[0], 'I can help');
    await waitFor(() => expect(shown(alerts()[0])).toMatch(/Offered to help/));
    await settled(t.app, b);
    expect(posts(ben.dm, /offered to help/)).toBe(1);
    expect(shown(alerts()[0]).match(/\*chi\*/g)).toHaveLength(1);
  });

  it('the owner and a lead resolving at once, on different replicas: one resolution, shown on the alert', async () => {
    await ben.press(alerts()[0], 'Resolved');
    await waitFor(() => expect(ben.openView()?.callbackId).toBe('blocker.resolve'));
    await lee.press(alerts()[0], 'Resolved');
    await waitFor(() => expect(lee.openView()?.callbackId).toBe('blocker.resolve'));
    const [u1, u2] = urls();
    await Promise.all([
      submit(u1, 'U0BEN', ben.openView()!, { note: 'Sorted by the owner' }),
      submit(u2, 'U0LEE', lee.openView()!, { note: 'Sorted by the lead' }),
    ]);
    const mission = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, 'ladywood-jobs');
    const [blocker] = await t.app.store.blockers.listForMission(mission!.id, new Date(0));
    expect(blocker.status).toBe('resolved');
    await waitFor(() => expect(shown(alerts()[0])).toContain(blocker.resolution!));
    await settled(t.app, b);
    const text = shown(alerts()[0]);
    expect(text).toContain(`Resolved by *${blocker.resolvedBy}*`);
    expect(text.match(/Sorted by the (owner|lead)/g)).toHaveLength(1);
    expect(alerts()).toHaveLength(1);
  });

  it('both replicas ticking at escalation time post one escalation', async () => {
    const raisedAt = new Date('2026-11-27T09:00:00Z');
    t.clock.set(raisedAt);
    await chi.command('/blocker', 'ladywood-jobs "Bus pass scheme paused" severity=medium');
    for (const offset of [7 * DAY, 14 * DAY + 60_000, 21 * DAY]) {
      t.clock.set(new Date(raisedAt.getTime() + offset));
      await Promise.all([t.app.runtime.scheduler.tick(), b.runtime.scheduler.tick()]);
    }
    await waitFor(() => expect(posts(ALERTS, /Bus pass scheme paused/)).toBe(1));
    await settled(t.app, b);
    expect(posts(ALERTS, /Bus pass scheme paused/)).toBe(1);
    expect(shown(alerts().find((m) => shown(m).includes('Bus pass scheme paused')))).toMatch(
      /For the attention of the leads: <@U0LEE>, <@U0ADA>/,
    );
  });
});
