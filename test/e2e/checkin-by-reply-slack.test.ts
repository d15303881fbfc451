import { checkinId } from '../../src/domain/checkin';
import { eventCallback, sendToBolt, type EventCallbackPayload } from '../../adapters/stand-ins/slack';
import type { SlackMessage } from '../../adapters/stand-ins/slack/types';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { settled, waitFor } from '../support/wait-for';

/**
 * Check-ins answered by replying in the bot's DM on Slack: signed `message.im` events through
 * Bolt, answers posted back with chat.postMessage, through the Slack stand-in.
 */
let t: TestApp;
let ada: SlackPerson, ben: SlackPerson, chi: SlackPerson, dee: SlackPerson;

beforeAll(async () => {
  t = await startTestApp('e2e_reply_slack', { at: new Date('2026-11-26T12:00:00Z') });
  [ada, ben, chi, dee] = ['U0ADA', 'U0BEN', 'U0CHI', 'U0DEE'].map((u) => new SlackPerson(t, u));
  await ada.command('/mission', 'create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
  await ada.command('/mission', 'add ladywood-jobs <@U0BEN|ben> <@U0CHI|chi> <@U0DEE|dee> org="Ladywood Community Trust"');
  await ada.command('/mission', 'create "Halve the families in temporary accommodation in Ladywood" slug=homes');
  await ada.command('/mission', 'add homes <@U0CHI|chi> org="Ladywood Community Trust"');
});
afterAll(async () => {
  await t.stop();
});

/** Every piece of text in a Slack message, as a person would read it. */
function plain(m: SlackMessage | undefined): string {
  const out: string[] = [m?.text ?? ''];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(m?.blocks ?? []);
  return out.join('\n').replace(/&amp;/g, '&');
}

const last = (p: SlackPerson): string => plain(p.inbox().at(-1));

function dmEvent(p: SlackPerson, text: string): EventCallbackPayload {
  return eventCallback('message.im', { standIn: t.slack, userId: p.userId, teamId: t.slack.teamId, text });
}

async function deliver(payload: EventCallbackPayload, retry?: { num: number; reason: string }): Promise<void> {
  const res = await sendToBolt(t.slackUrl, 'event_callback', payload, {
    signingSecret: SIGNING_SECRET,
    ...(retry ? { retryNum: retry.num, retryReason: retry.reason } : {}),
  });
  expect(res.status).toBe(200);
}

/** Writes to the bot at a person's pace and waits for its one answer. */
async function reply(p: SlackPerson, text: string): Promise<string> {
  t.clock.advance(5_000);
  const before = p.inbox().length;
  await deliver(dmEvent(p, text));
  await waitFor(() => expect(p.inbox().length).toBe(before + 1));
  return last(p);
}

async function openRound(slug: string) {
  const mission = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, slug);
  const round = await t.app.store.rounds.findOpen(mission!.id);
  return { mission: mission!, round: round! };
}

async function checkinOf(p: SlackPerson, slug = 'ladywood-jobs') {
  const { mission, round } = await openRound(slug);
  return t.app.store.checkins.get(checkinId(round.id, `${mission.id}:slack:${t.slack.teamId}:${p.userId}`));
}

describe('answering a check-in by replying on Slack', () => {
  it('the prompt says "or just reply here"', async () => {
    await ada.command('/mission', 'checkin-now ladywood-jobs');
    await waitFor(() => expect(ben.inbox()).toHaveLength(1));
    expect(plain(ben.inbox()[0])).toMatch(/or just reply here/);
  });

  it('a full check-in by replies, with every word, stored and confirmed as the form would', async () => {
    expect(await reply(ben, 'Two employers signed the youth jobs pledge')).toMatch(/question 2 of 5[\s\S]*What's next\?/);
    expect(await reply(ben, 'back')).toMatch(/question 1 of 5[\s\S]*Your answer so far[\s\S]*Two employers signed/);
    expect(await reply(ben, 'next')).toMatch(/question 2 of 5/);
    expect(await reply(ben, 'skip')).toMatch(/needs an answer, so it cannot be skipped/);
    expect(await reply(ben, 'Careers fair at the library')).toMatch(/question 3 of 5[\s\S]*Anything blocking you/);
    expect(await reply(ben, 'skip')).toMatch(/question 4 of 5[\s\S]*How confident/);
    expect(await reply(ben, 'pretty confident')).toMatch(/This one is a scale[\s\S]*question 4 of 5/);
    expect(await reply(ben, 'four')).toMatch(/Got it: 4 — likely[\s\S]*question 5 of 5/);
    expect(await reply(ben, 'stop')).toMatch(/Saved as a draft: 3 of 5 answered/);
    expect(await reply(ben, 'Met a young person who started an apprenticeship')).toMatch(/Carrying on[\s\S]*That's every question/);
    expect(await reply(ben, 'done')).toMatch(/Check-in received — thank you/);

    expect((await checkinOf(ben))?.answers).toEqual({
      moved: 'Two employers signed the youth jobs pledge',
      next: 'Careers fair at the library',
      confidence: '4',
      story: 'Met a young person who started an apprenticeship',
    });
    // The prompt became the same confirmation a form submission leaves.
    await waitFor(() => expect(plain(ben.inbox()[0])).toMatch(/Check-in received — thank you[\s\S]*Edit/));
  });

  it("Slack's retry of a message (X-Slack-Retry-Num) and a duplicate delivery do not advance twice", async () => {
    expect(await reply(dee, 'Job club moved to the library')).toMatch(/question 2 of 5/);
    t.clock.advance(5_000);
    const payload = dmEvent(dee, 'Recruit two mentors');
    await deliver(payload);
    await waitFor(() => expect(last(dee)).toMatch(/question 3 of 5/));
    const count = dee.inbox().length;
    await deliver(payload, { num: 1, reason: 'http_timeout' });
    await deliver(payload);
    await settled(t.app);
    expect(dee.inbox()).toHaveLength(count);
    // The next reply answers question 3, not 4.
    expect(await reply(dee, 'none')).toMatch(/No blocker, noted[\s\S]*question 4 of 5/);
  });

  it('edits, deletions and bot messages in the DM are not answers', async () => {
    const count = dee.inbox().length;
    const edited = dmEvent(dee, 'five');
    edited.event.subtype = 'message_changed';
    const fromBot = dmEvent(dee, 'five');
    fromBot.event.bot_id = 'B0OTHER';
    await deliver(edited);
    await deliver(fromBot);
    await settled(t.app);
    expect(dee.inbox()).toHaveLength(count);
    expect(await reply(dee, '2')).toMatch(/question 5 of 5/);
  });

  it('switching: started by reply, finished in the prefilled form; then edited by reply', async () => {
    const prompt = () => dee.inbox()[0];
    await waitFor(() => expect(plain(prompt())).toMatch(/answering this check-in[\s\S]*by reply/));
    expect(await dee.press(prompt(), 'Open the form')).toBe(200);
    await waitFor(() =>
      expect(dee.viewInitialValues()).toMatchObject({
        moved: 'Job club moved to the library',
        next: 'Recruit two mentors',
        confidence: '2',
      }),
    );
    const res = await dee.submitView({ ...dee.viewInitialValues(), story: 'A mentor found a placement' });
    expect(res.status).toBe(200);
    await waitFor(() => expect(plain(prompt())).toMatch(/Check-in received[\s\S]*A mentor found a placement/));

    expect(await reply(dee, 'how did I do?')).toMatch(/is in, thank you[\s\S]*reply `edit`/);
    expect(await reply(dee, 'edit 4')).toMatch(/question 4 of 5[\s\S]*Your answer so far[\s\S]*2 — unlikely/);
    expect(await reply(dee, '3')).toMatch(/question 5 of 5/);
    expect(await reply(dee, 'done')).toMatch(/Check-in received[\s\S]*edited 1 time/);
    const stored = await checkinOf(dee);
    expect(stored?.answers.confidence).toBe('3');
    expect(stored?.history).toHaveLength(1);
  });

  it('a member of two missions is asked which one, then answers that one', async () => {
    await ada.command('/mission', 'checkin-now homes');
    await waitFor(() => expect(chi.inbox()).toHaveLength(2));
    expect(await reply(chi, 'Two families rehoused')).toMatch(/check-ins open for 2 missions[\s\S]*homes[\s\S]*ladywood-jobs/);
    expect(await reply(chi, 'homes')).toMatch(/homes, then[\s\S]*homes · question 2 of 5/);
    expect(await reply(chi, 'Landlord forum')).toMatch(/homes · question 3 of 5/);
    const { mission, round } = await openRound('homes');
    const draft = await t.app.store.drafts.live(checkinId(round.id, `${mission.id}:slack:${t.slack.teamId}:U0CHI`));
    expect(draft?.answers).toEqual({ moved: 'Two families rehoused', next: 'Landlord forum' });
  });
});
