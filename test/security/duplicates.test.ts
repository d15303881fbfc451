import { checkinId } from '../../src/domain/checkin';
import { memberId, type Mission } from '../../src/domain/mission';
import { eventCallback, sendToBolt, viewSubmissionFor, type SlackStateValue } from '../../adapters/stand-ins/slack';
import type { SlackMessage, SlackView } from '../../adapters/stand-ins/slack/types';
import {
  cardSubmit,
  channelMention,
  personalMessage,
  postActivity,
  type ConnectorActivity,
  type TeamsActivity,
} from '../../adapters/stand-ins/teams';
import { SIGNING_SECRET, startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { settled, waitFor } from '../support/wait-for';
import { TeamsPerson } from '../support/teams-person';

/**
 * Retries and duplicates, through the real adapters over HTTP with the stand-ins: Slack's retry
 * of an event (same event_id, X-Slack-Retry-Num), a button pressed twice, a modal submitted
 * twice, and Teams delivering the same activity (same id) twice: a command, a card submit.
 * Each is processed once: one record, one message, one alert.
 */
let t: TestApp;
let ada: SlackPerson, ben: SlackPerson, chi: SlackPerson;
let tamsin: TeamsPerson, raj: TeamsPerson, sol: TeamsPerson;
const SLUG = 'ladywood-jobs';
const ALERTS = 'C0ALERTS';
const teams = { platform: 'teams' as const, workspaceId: TENANT };
const answers = {
  moved: 'Two employers signed the youth jobs pledge',
  next: 'Careers fair at the library',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

const slackMission = async (): Promise<Mission> =>
  (await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, SLUG))!;
const shown = (m: SlackMessage | undefined): string => (m ? `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}` : '');
const postsTo = (channel: string, pattern: RegExp): number =>
  t.slack
    .calls('chat.postMessage')
    .filter((c) => c.outcome === 'ok' && (c.params as { channel?: string }).channel === channel && pattern.test(JSON.stringify(c.params)))
    .length;
const inboxCount = (p: SlackPerson, pattern: RegExp): number => p.inbox().filter((m) => pattern.test(shown(m))).length;
const outboxKeys = async (prefix: string): Promise<string[]> =>
  (await t.app.store.connection.db!.collection('outbox_items').find({}).toArray())
    .map((d) => String(d._id))
    .filter((k) => k.startsWith(prefix));

/** The values of a Slack modal's inputs, as view_submission carries them. */
function viewValues(view: SlackView, values: Record<string, string>): Record<string, Record<string, SlackStateValue>> {
  const out: Record<string, Record<string, SlackStateValue>> = {};
  for (const b of view.blocks as Array<{ type: string; block_id: string; element?: { type: string; action_id: string } }>) {
    if (b.type !== 'input' || !b.element) continue;
    const v = values[b.block_id] ?? '';
    out[b.block_id] = {
      [b.element.action_id]:
        b.element.type === 'static_select'
          ? { type: 'static_select', selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null }
          : { type: 'plain_text_input', value: v || null },
    };
  }
  return out;
}

/** Submits the open modal twice, the same payload both times (a double click that got through). */
async function submitTwice(p: SlackPerson, values: Record<string, string>): Promise<number[]> {
  const view = p.openView();
  if (!view) throw new Error(`${p.userId} has no open modal`);
  const payload = viewSubmissionFor(view, viewValues(view, values), { userId: p.userId });
  const first = await sendToBolt(t.slackUrl, 'view_submission', payload, { signingSecret: SIGNING_SECRET });
  const second = await sendToBolt(t.slackUrl, 'view_submission', payload, { signingSecret: SIGNING_SECRET });
  return [first.status, second.status];
}

interface CardAction {
  type: string;
  title: string;
  data?: Record<string, unknown>;
}

/** Every Action.Submit on a card, wherever it sits. */
function cardActions(card: ConnectorActivity): CardAction[] {
  const content = ((card.activity.attachments as Array<{ content: { actions?: CardAction[]; body?: unknown[] } }>) ?? [])[0]?.content;
  const found: CardAction[] = [...(content?.actions ?? [])];
  const walk = (items: unknown[]): void => {
    for (const item of items as Array<{
      type?: string;
      actions?: CardAction[];
      items?: unknown[];
      columns?: Array<{ items?: unknown[] }>;
    }>) {
      if (item.type === 'ActionSet') found.push(...(item.actions ?? []));
      if (item.items) walk(item.items);
      for (const c of item.columns ?? []) walk(c.items ?? []);
    }
  };
  walk(content?.body ?? []);
  return found;
}

const teamsCtx = (p: TeamsPerson) => ({
  serviceUrl: t.connector.serviceUrl,
  appId: t.appId,
  tenantId: TENANT,
  user: { id: p.id, name: p.name, aadObjectId: `aad-${p.id.replace(/\W/g, '')}` },
});
const post = async (activity: TeamsActivity): Promise<number> =>
  (await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId })).status;
const teamsMissions = async (): Promise<Mission[]> => {
  const docs = await t.app.store.connection
    .db!.collection('missions')
    .find({ homeKey: `teams:${TENANT}` })
    .toArray();
  return docs.map((d) => ({ id: String(d._id), slug: String(d.slug) }) as Mission);
};

beforeAll(async () => {
  t = await startTestApp('security_duplicates', { at: new Date('2026-11-26T12:00:00Z') });
  [ada, ben, chi] = ['U0ADA', 'U0BEN', 'U0CHI'].map((u) => new SlackPerson(t, u));
  await ada.command('/mission', `create "By 2030, no young person in Ladywood is long-term unemployed" slug=${SLUG}`);
  await ada.command('/mission', `add ${SLUG} <@U0BEN|Ben> <@U0CHI|Chi> org="Ladywood Community Trust"`);
  expect((await ada.command('/mission', `channel ${SLUG} alerts`, ALERTS)).body).toMatch(/blocker alerts/);
  await ada.command('/mission', `checkin-now ${SLUG}`);
  await waitFor(() => {
    for (const p of [ada, ben, chi]) expect(p.inboxText()).toMatch(/Time for your weekly check-in/);
  });

  tamsin = new TeamsPerson(t, '29:tamsin', 'Tamsin Okafor');
  raj = new TeamsPerson(t, '29:raj', 'Raj Patel');
  sol = new TeamsPerson(t, '29:sol', 'Sol Mensah');
  for (const p of [tamsin, raj, sol]) expect(await p.say('hi')).toBe(200);
}, 60_000);
afterAll(async () => {
  await t.stop();
});

describe('Slack', () => {
  it('a retried event (same event_id, X-Slack-Retry-Num: 1) is answered once and counted once', async () => {
    const mission = await slackMission();
    const round = (await t.app.store.rounds.findOpen(mission.id))!;
    const before = ada.inbox().length;
    const payload = eventCallback('message.im', {
      standIn: t.slack,
      userId: ada.userId,
      teamId: t.slack.teamId,
      text: 'Two employers signed the youth jobs pledge',
    });
    expect((await sendToBolt(t.slackUrl, 'event_callback', payload, { signingSecret: SIGNING_SECRET })).status).toBe(200);
    await waitFor(() => expect(ada.inbox().length).toBe(before + 1));
    expect(
      (await sendToBolt(t.slackUrl, 'event_callback', payload, { signingSecret: SIGNING_SECRET, retryNum: 1, retryReason: 'http_timeout' }))
        .status,
    ).toBe(200);
    await settled(t.app);
    expect(ada.inbox()).toHaveLength(before + 1);
    expect(shown(ada.inbox()[before])).toMatch(/question 2 of/);
    const draft = await t.app.store.drafts.live(
      checkinId(round.id, memberId(mission.id, { platform: 'slack', workspaceId: t.slack.teamId, userId: ada.userId })),
    );
    expect(Object.keys(draft?.answers ?? {})).toEqual(['moved']);
  });

  it('"Skip this week" pressed twice: one skip, the prompt changed once', async () => {
    const mission = await slackMission();
    const round = (await t.app.store.rounds.findOpen(mission.id))!;
    const prompt = ben.inbox()[0];
    expect(await ben.press(prompt, 'Skip this week')).toBe(200);
    expect(await ben.press(prompt, 'Skip this week')).toBe(200);
    await waitFor(() => expect(shown(ben.inbox()[0])).toMatch(/skipped/i));
    await settled(t.app);
    const key = checkinId(round.id, memberId(mission.id, { platform: 'slack', workspaceId: t.slack.teamId, userId: ben.userId }));
    expect((await t.app.store.checkins.get(key))?.status).toBe('skipped');
    expect(await outboxKeys(`skipped:${key}`)).toHaveLength(1);
    expect(ben.inbox()).toHaveLength(1);
    expect(
      t.slack.calls('chat.update').filter((c) => c.outcome === 'ok' && (c.params as { channel?: string }).channel === prompt.channel),
    ).toHaveLength(1);
  });

  it('a check-in modal submitted twice: one check-in, no edit, one confirmation, one alert', async () => {
    await chi.press(chi.inbox()[0], 'Answer check-in');
    await waitFor(() => expect(chi.openView()?.callbackId).toBe('checkin'));
    const statuses = await submitTwice(chi, {
      ...answers,
      blocker: 'No youth worker for the Tuesday drop-in',
      blocker_severity: 'high',
      blocker_help: 'Youth services',
    });
    expect(statuses).toEqual([200, 200]);
    await waitFor(() => expect(t.slack.messages(ALERTS).filter((m) => !m.deleted)).toHaveLength(1));
    await settled(t.app);
    const mission = await slackMission();
    const round = (await t.app.store.rounds.findOpen(mission.id))!;
    const stored = await t.app.store.checkins.get(
      checkinId(round.id, memberId(mission.id, { platform: 'slack', workspaceId: t.slack.teamId, userId: chi.userId })),
    );
    expect(stored).toMatchObject({ status: 'answered', history: [] });
    expect(await t.app.store.blockers.listOpen(mission.id)).toHaveLength(1);
    expect(await outboxKeys('confirm:')).toHaveLength(1);
    expect(postsTo(ALERTS, /No youth worker/)).toBe(1);
  });

  it('"I can help" pressed twice: one offer, the owner told once', async () => {
    const alert = t.slack.messages(ALERTS).filter((m) => !m.deleted)[0];
    expect(await ben.press(alert, 'I can help')).toBe(200);
    expect(await ben.press(alert, 'I can help')).toBe(200);
    await waitFor(() => expect(chi.inboxText()).toMatch(/offered to help with your blocker/));
    await settled(t.app);
    const [blocker] = await t.app.store.blockers.listOpen((await slackMission()).id);
    expect(blocker.helpers.map((h) => h.name)).toEqual(['Ben']);
    expect(inboxCount(chi, /offered to help/)).toBe(1);
    expect(t.slack.messages(ALERTS).filter((m) => !m.deleted)).toHaveLength(1);
  });

  it('the resolution note submitted twice: resolved once, the owner told once', async () => {
    const alert = t.slack.messages(ALERTS).filter((m) => !m.deleted)[0];
    await ada.press(alert, 'Resolved');
    await waitFor(() => expect(ada.openView()?.callbackId).toBe('blocker.resolve'));
    expect(await submitTwice(ada, { note: 'Youth services lent us a worker' })).toEqual([200, 200]);
    await waitFor(() => expect(shown(t.slack.messages(ALERTS)[0])).toMatch(/Resolved by/));
    await settled(t.app);
    const mission = await slackMission();
    const all = await t.app.store.blockers.listForMission(mission.id, new Date(0));
    expect(all.map((b) => [b.status, b.resolution])).toEqual([['resolved', 'Youth services lent us a worker']]);
    const audit = await t.app.store.audit.list(mission.id, 100);
    expect(audit.filter((e) => e.action === 'blocker.resolve')).toHaveLength(1);
    await waitFor(() => expect(inboxCount(chi, /Youth services lent us a worker/)).toBe(1));
    await settled(t.app);
    expect(inboxCount(chi, /Youth services lent us a worker/)).toBe(1);
  });
});

describe('Teams', () => {
  it('`mission create` delivered twice with the same activity id makes one mission; a second message makes another', async () => {
    const activity = personalMessage(teamsCtx(tamsin), {
      text: 'mission create "By 2030, halve the families in temporary accommodation in Ladywood"',
    });
    const before = tamsin.inbox().length;
    expect(await post(activity)).toBe(200);
    expect(await post(activity)).toBe(200);
    await settled(t.app);
    expect(await teamsMissions()).toHaveLength(1);
    expect(tamsin.inbox()).toHaveLength(before + 1);
    // The same words sent again are a new message (a new id): a second mission, numbered.
    expect(
      await post(
        personalMessage(teamsCtx(tamsin), { text: 'mission create "By 2030, halve the families in temporary accommodation in Ladywood"' }),
      ),
    ).toBe(200);
    const slugs = (await teamsMissions()).map((m) => m.slug);
    expect(slugs).toHaveLength(2);
    expect(slugs.filter((s) => s.endsWith('-2'))).toHaveLength(1);
  });

  it('two deliveries of one activity at the same moment still run once: one answer', async () => {
    const [mission] = await teamsMissions();
    const text = `mission add ${mission.slug} <at>Raj Patel</at> <at>Sol Mensah</at> org="Birmingham City Council Housing"`;
    const activity = channelMention(teamsCtx(tamsin), { text });
    activity.entities = [
      ...(activity.entities ?? []),
      ...[raj, sol].map((p) => ({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name } })),
    ];
    expect(await Promise.all([post(activity), post(activity)])).toEqual([200, 200]);
    await settled(t.app);
    const answers = t.connector
      .activities(activity.conversation.id)
      .filter((a) => a.fromAppId !== undefined && a.activity.type === 'message' && !a.deleted);
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0].activity)).toMatch(/Raj Patel/);
    expect((await t.app.store.members.listByMission(mission.id)).map((m) => m.displayName).sort()).toEqual([
      'Raj Patel',
      'Sol Mensah',
      'Tamsin Okafor',
    ]);
  });

  it('`blocker` delivered twice with the same activity id raises one blocker', async () => {
    const [mission] = await teamsMissions();
    const activity = personalMessage(teamsCtx(raj), {
      text: `blocker ${mission.slug} "Landlord consent forms held up by legal" severity=low`,
    });
    expect(await post(activity)).toBe(200);
    expect(await post(activity)).toBe(200);
    await settled(t.app);
    expect((await t.app.store.blockers.listOpen(mission.id)).map((b) => b.text)).toEqual(['Landlord consent forms held up by legal']);
  });

  it('card buttons delivered twice with the same activity id: one skip notice; one check-in, the card updated once', async () => {
    const [mission] = await teamsMissions();
    expect(await tamsin.say(`mission checkin-now ${mission.slug}`)).toBe(200);
    await waitFor(() => {
      for (const p of [raj, sol]) expect(p.inboxText()).toMatch(/Time for your weekly check-in/);
    });
    const promptOf = (p: TeamsPerson) => p.inbox().find((a) => JSON.stringify(a.activity).includes('Time for your weekly check-in'))!;
    const press = (p: TeamsPerson, title: string, inputs: Record<string, string> = {}): TeamsActivity => {
      const card = promptOf(p);
      const action = cardActions(card).find((a) => a.title === title);
      if (!action) throw new Error(`no ${title} on the prompt card`);
      return cardSubmit(teamsCtx(p), { value: { ...(action.data ?? {}), ...inputs }, replyToId: card.id, conversationId: p.dm });
    };
    const round = (await t.app.store.rounds.findOpen(mission.id))!;

    const skip = press(sol, 'Skip this week');
    const solBefore = sol.inbox().length;
    expect(await post(skip)).toBe(200);
    expect(await post(skip)).toBe(200);
    await waitFor(() => expect(sol.inboxText()).toMatch(/Skipped this week's check-in/));
    await settled(t.app);
    expect(sol.inbox()).toHaveLength(solBefore + 1);
    expect((await t.app.store.checkins.get(checkinId(round.id, memberId(mission.id, { ...teams, userId: sol.id }))))?.status).toBe(
      'skipped',
    );

    const card = promptOf(raj);
    const submit = press(raj, 'Submit', answers);
    expect(await post(submit)).toBe(200);
    expect(await post(submit)).toBe(200);
    await waitFor(() => expect(JSON.stringify(raj.inbox().find((a) => a.id === card.id)?.activity)).toMatch(/Check-in received/));
    await settled(t.app);
    const stored = await t.app.store.checkins.get(checkinId(round.id, memberId(mission.id, { ...teams, userId: raj.id })));
    expect(stored).toMatchObject({ status: 'answered', history: [] });
    expect(raj.inbox().find((a) => a.id === card.id)?.updates).toBe(1);
  });
});
