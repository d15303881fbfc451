import { randomUUID } from 'node:crypto';
import { checkinId } from '../../src/domain/checkin';
import { JOIN_WINDOW_MS } from '../../src/domain/checkin-draft';
import type { ConversationRef } from '../../src/domain/identity';
import type { Form } from '../../src/messages/model';
import type { CheckinExtension } from '../../src/services/checkin-extension';
import type { Actor } from '../../src/services/inbound-events';
import type { Reply } from '../../src/services/replies';
import { command, messageText, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';
import { outboxDrained } from '../support/wait-for';

/**
 * Check-ins answered by replying in the direct message, through the core on a real database:
 * the conversation, its words, the join window, redeliveries, several missions, and the draft
 * shared with the form.
 */
let h: CoreHarness;
const slack = new RecordingSender('slack');
const amira = slackUser('U_AMIRA', 'T1', 'Amira');
const ben = slackUser('U_BEN', 'T1', 'Ben');
const chi = slackUser('U_CHI', 'T1', 'Chi');
const dee = slackUser('U_DEE', 'T1', 'Dee');
const eve = slackUser('U_EVE', 'T1', 'Eve');
const fin = slackUser('U_FIN', 'T1', 'Fin');

const dmOf = (a: Actor): ConversationRef => ({
  platform: a.platform,
  workspaceId: a.workspaceId,
  conversationId: `D-${a.userId}`,
  kind: 'dm',
});

/** A reply typed at a person's pace (well apart from the previous one), unless `quick`. */
async function say(actor: Actor, text: string, opts: { id?: string; quick?: boolean } = {}): Promise<Reply> {
  if (!opts.quick) h.clock.advance(30_000);
  return h.core.onDirectMessage({ actor, where: dmOf(actor), text, messageId: opts.id ?? randomUUID() });
}

async function missionRound(slug: string) {
  const mission = await h.store.missions.findBySlug(amira, slug);
  const round = await h.store.rounds.findOpen(mission!.id);
  return { mission: mission!, round: round! };
}

async function checkinOf(actor: Actor, slug = 'ladywood-jobs') {
  const { mission, round } = await missionRound(slug);
  return h.store.checkins.get(checkinId(round.id, `${mission.id}:slack:T1:${actor.userId}`));
}

async function draftOf(actor: Actor, slug = 'ladywood-jobs') {
  const { mission, round } = await missionRound(slug);
  return h.store.drafts.live(checkinId(round.id, `${mission.id}:slack:T1:${actor.userId}`));
}

/** An extension input for Fin only, as the blockers feature asks "still blocking?". */
const stillBlocking: CheckinExtension & { seen: Array<Record<string, string>> } = {
  prefix: 'tst_',
  seen: [],
  async inputsFor(_mission, _round, members) {
    const out = new Map();
    for (const m of members) {
      if (m.userId === 'U_FIN')
        out.set(m.id, [
          {
            kind: 'choice',
            id: 'tst_venue',
            label: 'Still blocking you: "No venue for the careers fair"?',
            required: false,
            options: [
              { value: 'yes', label: 'Yes, still blocking' },
              { value: 'resolved', label: 'Resolved' },
            ],
          },
        ]);
    }
    return out;
  },
  async validate() {
    return {};
  },
  async afterSubmit(_mission, _round, member, _checkin, values) {
    if (member.userId === 'U_FIN') this.seen.push(values);
  },
};

beforeAll(async () => {
  h = await startCore('checkin_by_reply', new Date('2026-11-26T12:00:00Z'));
  h.runtime.startDispatcher(new Map([['slack', slack]]), { limits: { timeScale: 0.001 }, pollIntervalMs: 50 });
  h.runtime.services.rounds.extensions.push(stillBlocking);
  await command(h, amira, 'mission create "Every young person in Ladywood in work or training" slug=ladywood-jobs');
  await command(
    h,
    amira,
    'mission add ladywood-jobs <@U_BEN> <@U_CHI> <@U_DEE> <@U_EVE> <@U_FIN> org="Ladywood Community Trust"',
    undefined,
    { U_BEN: 'Ben', U_CHI: 'Chi', U_DEE: 'Dee', U_EVE: 'Eve', U_FIN: 'Fin' },
  );
  await command(h, amira, 'mission create "Halve the families in temporary accommodation" slug=homes');
  await command(h, amira, 'mission add homes <@U_CHI> org="Housing"', undefined, { U_CHI: 'Chi' });
});
afterAll(async () => {
  await h.close();
});

describe('before any check-in is open', () => {
  it('a message gets short help, not silence', async () => {
    const r = await say(ben, 'hello?');
    expect(replyText(r)).toMatch(/None is open for you right now/);
    expect(replyText(r)).toMatch(/mission help/);
  });
});

describe('a check-in answered by replies', () => {
  beforeAll(async () => {
    await command(h, amira, 'mission checkin-now ladywood-jobs');
    await outboxDrained(h.runtime);
  });

  it('the prompt offers the form and says "or just reply here"', () => {
    const prompt = slack.inbox('U_BEN')[0];
    expect(messageText(prompt)).toMatch(/or just reply here/);
    expect(prompt.summary).toMatch(/just reply here/);
    expect(prompt.form?.openButton.label).toBe('Answer check-in');
  });

  it('takes the first reply as the first answer and asks the next question, with progress', async () => {
    const r = replyText(await say(ben, 'Two employers signed the youth jobs pledge'));
    expect(r).toMatch(/taken that as your answer to “What moved this week toward the mission\?”/);
    expect(r).toMatch(/question 2 of 5/);
    expect(r).toMatch(/What's next\?/);
    expect(r).toMatch(/`stop` to finish later/);
  });

  it('turns the prompt into "answering by reply" with a button to the form', async () => {
    await outboxDrained(h.runtime);
    const prompt = slack.inbox('U_BEN')[0];
    expect(messageText(prompt)).toMatch(/answering this check-in .* by reply/);
    expect(messageText(prompt)).toMatch(/Open the form/);
    expect(prompt.form).toBeUndefined();
  });

  it('"no" to the blocker question means no blocker, and its follow-up questions are not asked', async () => {
    expect(replyText(await say(ben, 'Careers fair at the library'))).toMatch(/question 3 of 5[\s\S]*Anything blocking you/);
    const r = replyText(await say(ben, 'Nope'));
    expect(r).toMatch(/No blocker, noted/);
    expect(r).toMatch(/question 4 of 5[\s\S]*How confident/);
  });

  it('a reply that does not fit a scale gets a specific hint and the same question again', async () => {
    const r = replyText(await say(ben, 'pretty good I think'));
    expect(r).toMatch(/This one is a scale: reply with a number from 1 \(very unlikely\) to 5 \(very likely\)/);
    expect(r).toMatch(/question 4 of 5/);
    expect(replyText(await say(ben, '9'))).toMatch(/9 is not on the scale/);
  });

  it('accepts a number in words, then asks the optional story', async () => {
    const r = replyText(await say(ben, 'Four'));
    expect(r).toMatch(/Got it: 4 — likely/);
    expect(r).toMatch(/question 5 of 5[\s\S]*story or lesson/);
  });

  it('skip leaves out the optional story and shows the answers before sending', async () => {
    const r = replyText(await say(ben, 'skip'));
    expect(r).toMatch(/That's every question/);
    expect(r).toMatch(/Two employers signed the youth jobs pledge/);
    expect(r).toMatch(/4 — likely/);
    expect(await checkinOf(ben)).toBeUndefined();
  });

  it('done stores the check-in exactly as the form would, and confirms the same way', async () => {
    const r = await say(ben, 'done');
    expect(replyText(r)).toMatch(/Check-in received — thank you/);
    const stored = await checkinOf(ben);
    expect(stored?.status).toBe('answered');
    expect(stored?.answers).toEqual({
      moved: 'Two employers signed the youth jobs pledge',
      next: 'Careers fair at the library',
      confidence: '4',
    });
    expect(await draftOf(ben)).toBeUndefined();
    await outboxDrained(h.runtime);
    expect(messageText(slack.inbox('U_BEN')[0])).toMatch(/Check-in received — thank you[\s\S]*Two employers signed/);
  });

  it('after sending, a reply says it is in and how to edit', async () => {
    expect(replyText(await say(ben, 'thanks!'))).toMatch(/is in, thank you. To change it, reply `edit`/);
  });

  it('edit 2 changes one answer by reply and keeps the history', async () => {
    const r = replyText(await say(ben, 'edit 2'));
    expect(r).toMatch(/question 2 of 5[\s\S]*What's next\?[\s\S]*Your answer so far[\s\S]*Careers fair at the library/);
    await say(ben, 'Careers fair at the library on 12 December');
    const review = replyText(await say(ben, 'done'));
    expect(review).toMatch(/edited 1 time/);
    const stored = await checkinOf(ben);
    expect(stored?.answers.next).toBe('Careers fair at the library on 12 December');
    expect(stored?.history.map((x) => x.answers.next)).toEqual(['Careers fair at the library']);
  });
});

describe('edits from either side', () => {
  it('a check-in sent by reply opens in the form with its answers, and a form edit keeps the history', async () => {
    const { round } = await missionRound('ladywood-jobs');
    const edit = await h.core.onAction({ actor: ben, where: dmOf(ben), actionId: 'checkin.edit', value: round.id });
    const form = (edit as { form: Form }).form;
    const initial = Object.fromEntries(form.inputs.map((i) => [i.id, i.initial]));
    expect(initial).toMatchObject({
      moved: 'Two employers signed the youth jobs pledge',
      next: 'Careers fair at the library on 12 December',
      confidence: '4',
    });
    const r = await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round.id,
      values: { ...initial, confidence: '5' } as Record<string, string>,
    });
    expect(r.kind).toBe('form-done');
    const stored = await checkinOf(ben);
    expect(stored?.answers.confidence).toBe('5');
    expect(stored?.history).toHaveLength(2);
  });
});

describe('the words', () => {
  it('skip on a required question says why and asks again; back goes to the previous one', async () => {
    expect(replyText(await say(dee, 'skip'))).toMatch(/needs an answer, so it cannot be skipped[\s\S]*question 1 of 5/);
    await say(dee, 'Job club moved to the library');
    expect(replyText(await say(dee, 'back'))).toMatch(/question 1 of 5[\s\S]*Your answer so far[\s\S]*Job club moved to the library/);
    expect(replyText(await say(dee, 'back'))).toMatch(/This is the first question/);
  });

  it('next keeps an answer; a new reply replaces it; the next question is the first still open', async () => {
    expect(replyText(await say(dee, 'next'))).toMatch(/question 2 of 5/);
    await say(dee, 'back');
    expect(replyText(await say(dee, 'Job club moved to the central library'))).toMatch(/question 2 of 5/);
    expect((await draftOf(dee))?.answers.moved).toBe('Job club moved to the central library');
  });

  it('a named blocker brings its follow-ups: severity by number, and severity cannot be skipped', async () => {
    await say(dee, 'Recruit two mentors');
    const r = replyText(await say(dee, 'No venue for the careers fair'));
    expect(r).toMatch(/question 4 of 7[\s\S]*How serious is the blocker\?/);
    expect(replyText(await say(dee, 'skip'))).toMatch(/Say how serious the blocker is/);
    expect(replyText(await say(dee, '3'))).toMatch(/Got it: high[\s\S]*question 5 of 7[\s\S]*Who could help/);
  });

  it('stop keeps the answers as a draft that prefills the form', async () => {
    const r = replyText(await say(dee, 'stop'));
    expect(r).toMatch(/Saved as a draft: 4 of 7 answered/);
    const open = await h.core.onAction({
      actor: dee,
      where: dmOf(dee),
      actionId: 'checkin.open',
      value: (await missionRound('ladywood-jobs')).round.id,
    });
    expect(open.kind).toBe('form');
    const form = (open as { form: Form }).form;
    const initial = Object.fromEntries(form.inputs.map((i) => [i.id, i.initial]));
    expect(initial).toMatchObject({
      moved: 'Job club moved to the central library',
      next: 'Recruit two mentors',
      blocker: 'No venue for the careers fair',
      blocker_severity: 'high',
    });
  });

  it('a reply after stop carries on where it stopped', async () => {
    const r = replyText(await say(dee, 'The library manager'));
    expect(r).toMatch(/Carrying on with your check-in/);
    expect(r).toMatch(/question 6 of 7[\s\S]*How confident/);
  });

  it('done before a required question is answered goes to it', async () => {
    expect(replyText(await say(dee, 'done'))).toMatch(/Not quite yet: “How confident[\s\S]*question 6 of 7/);
    await say(dee, 'unsure');
    expect(replyText(await say(dee, 'done'))).toMatch(/Check-in received/);
    expect((await checkinOf(dee))?.answers).toEqual({
      moved: 'Job club moved to the central library',
      next: 'Recruit two mentors',
      blocker: 'No venue for the careers fair',
      blocker_severity: 'high',
      blocker_help: 'The library manager',
      confidence: '3',
    });
  });
});

describe('a long answer in several messages', () => {
  it('messages within the join window are one answer, not answers to several questions', async () => {
    await say(eve, 'Employer breakfast held');
    await say(eve, 'Follow up with everyone who came:');
    h.clock.advance(JOIN_WINDOW_MS - 1500);
    const r = replyText(await say(eve, 'eleven employers,', { quick: true }));
    expect(r).toMatch(/Added that to your answer to “What's next\?”/);
    expect(r).toMatch(/question 3 of 5/);
    h.clock.advance(JOIN_WINDOW_MS - 1500);
    await say(eve, 'four of them offered placements.', { quick: true });
    expect((await draftOf(eve))?.answers.next).toBe(
      'Follow up with everyone who came:\neleven employers,\nfour of them offered placements.',
    );
    expect(replyText(await say(eve, 'no'))).toMatch(/question 4 of 5/);
  });

  it('a message after the window is the next answer', async () => {
    await say(eve, '2');
    h.clock.advance(JOIN_WINDOW_MS + 1);
    expect(replyText(await say(eve, 'Short story', { quick: true }))).toMatch(/That's every question/);
    expect((await draftOf(eve))?.answers.story).toBe('Short story');
  });

  it('a quick message after a scale answer is not joined to it', async () => {
    await say(eve, 'back');
    await say(eve, 'back');
    await say(eve, '3');
    h.clock.advance(1000);
    expect(replyText(await say(eve, 'because hiring is up', { quick: true }))).toMatch(
      /Every question has an answer, so I did not take that as one/,
    );
    const d = await draftOf(eve);
    expect(d?.answers.confidence).toBe('3');
    expect(d?.answers.story).toBe('Short story');
  });
});

describe('redelivered messages', () => {
  it('the same message delivered twice advances once and is answered once', async () => {
    await say(chi, 'Housing fair booked');
    const answer = randomUUID();
    expect(replyText(await say(chi, 'Mentoring scheme launched', { id: answer }))).toMatch(/question 3 of 5/);
    expect((await say(chi, 'Mentoring scheme launched', { id: answer })).kind).toBe('none');
    expect((await draftOf(chi))?.answers).toEqual({ moved: 'Housing fair booked', next: 'Mentoring scheme launched' });
  });

  it('a redelivery the message log has forgotten is still not applied twice: the draft remembers it', async () => {
    const id = randomUUID();
    expect(replyText(await say(chi, 'none', { id }))).toMatch(/question 4 of 5/);
    const before = await draftOf(chi);
    await h.store.connection.collection('dm_seen').deleteOne({ _id: `slack:T1:${id}` } as never);
    expect((await say(chi, 'none', { id })).kind).toBe('none');
    const after = await draftOf(chi);
    expect(after?.answers).toEqual(before?.answers);
    expect(after?.position).toBe('confidence');
  });

  it('a message taken in by a process that crashed before answering is handled when redelivered', async () => {
    const id = randomUUID();
    const stale = new Date(h.clock.now().getTime() - 60_000);
    await h.store.connection.collection('dm_seen').insertOne({ _id: `slack:T1:${id}`, at: stale, done: false } as never);
    expect(replyText(await say(chi, '4', { id }))).toMatch(/Got it: 4 — likely[\s\S]*question 5 of 5/);
    expect(replyText(await say(chi, 'back'))).toMatch(/question 4 of 5/);
  });

  it('two deliveries at the same moment advance once', async () => {
    const id = randomUUID();
    h.clock.advance(30_000);
    const replies = await Promise.all([0, 1, 2].map(() => say(chi, '5', { id, quick: true })));
    expect(replies.filter((r) => r.kind !== 'none')).toHaveLength(1);
    const d = await draftOf(chi);
    expect(d?.answers.confidence).toBe('5');
    expect(d?.position).toBe('story');
  });

  it('two different messages at the same moment are both kept', async () => {
    for (const word of ['back', 'back', 'back']) await say(chi, word);
    expect((await draftOf(chi))?.position).toBe('next');
    h.clock.advance(30_000);
    await Promise.all([say(chi, 'Mentoring scheme launched in Ladywood', { quick: true }), say(chi, 'with two schools', { quick: true })]);
    const d = await draftOf(chi);
    expect(d?.answers.next?.split('\n').sort()).toEqual(['Mentoring scheme launched in Ladywood', 'with two schools'].sort());
    expect(d?.position).toBe('story');
  });
});

describe('a member of two missions', () => {
  it('keeps answering the mission under way; the other is taken up once this one is sent', async () => {
    await command(h, amira, 'mission checkin-now homes');
    expect(replyText(await say(chi, 'skip'))).toMatch(/That's every question for ladywood-jobs/);
    expect(replyText(await say(chi, 'done'))).toMatch(/Check-in received/);
    expect(replyText(await say(chi, 'Two families rehoused'))).toMatch(/homes · question 2 of 5[\s\S]*What's next/);
    expect((await draftOf(chi, 'homes'))?.answers.moved).toBe('Two families rehoused');
  });

  it('with two check-ins open and none under way, asks which one first and uses the reply once chosen', async () => {
    await command(h, amira, 'mission add homes <@U_FIN> org="Housing"', undefined, { U_FIN: 'Fin' });
    const r = replyText(await say(fin, 'Landlord forum held'));
    expect(r).toMatch(/check-ins open for 2 missions[\s\S]*1 — homes[\s\S]*2 — ladywood-jobs/);
    expect(replyText(await say(fin, 'three'))).toMatch(/I didn't catch which one/);
    const chosen = replyText(await say(fin, '1'));
    expect(chosen).toMatch(/homes, then\. Thanks, I've taken that as your answer/);
    expect((await draftOf(fin, 'homes'))?.answers.moved).toBe('Landlord forum held');
    expect(await draftOf(fin, 'ladywood-jobs')).toBeUndefined();
  });
});

describe('form and replies share one draft', () => {
  it('a form sent back with errors keeps its answers, and replies carry on from the first missing one', async () => {
    await say(fin, 'stop');
    const { round } = await missionRound('ladywood-jobs');
    const r = await h.core.onFormSubmit({
      actor: fin,
      formId: 'checkin',
      state: round.id,
      values: { moved: 'Venue search started', next: '', confidence: '' },
    });
    expect(r.kind).toBe('form-errors');
    await command(h, amira, 'mission close-now homes');
    const next = replyText(await say(fin, 'hi'));
    expect(next).toMatch(/Carrying on with your check-in[\s\S]*question 2 of 6[\s\S]*What's next\?/);
  });

  it('extension inputs are asked after the questions, as optional, and reach the extension', async () => {
    await say(fin, 'Visit three venues');
    await say(fin, 'no');
    await say(fin, '4');
    const r = replyText(await say(fin, 'skip'));
    expect(r).toMatch(
      /question 6 of 6[\s\S]*Still blocking you: "No venue for the careers fair"\?[\s\S]*1 — Yes, still blocking[\s\S]*2 — Resolved/,
    );
    expect(r).toMatch(/Or `skip` to leave it out/);
    expect(replyText(await say(fin, 'resolved'))).toMatch(/That's every question/);
    expect(replyText(await say(fin, 'done'))).toMatch(/Check-in received/);
    expect(stillBlocking.seen.at(-1)).toMatchObject({
      moved: 'Venue search started',
      next: 'Visit three venues',
      confidence: '4',
      tst_venue: 'resolved',
    });
  });

  it('started by reply and finished in the form: the form is prefilled and sending it clears the draft', async () => {
    await command(h, amira, 'mission add ladywood-jobs <@U_GIA> org="Ladywood Community Trust"', undefined, { U_GIA: 'Gia' });
    const gia = slackUser('U_GIA', 'T1', 'Gia');
    await say(gia, 'Mapped every youth service in the ward');
    const { round } = await missionRound('ladywood-jobs');
    const open = await h.core.onAction({ actor: gia, where: dmOf(gia), actionId: 'checkin.open', value: round.id });
    expect((open as { form: Form }).form.inputs.find((i) => i.id === 'moved')?.initial).toBe('Mapped every youth service in the ward');
    const done = await h.core.onFormSubmit({
      actor: gia,
      formId: 'checkin',
      state: round.id,
      values: { moved: 'Mapped every youth service in the ward', next: 'Share the map', confidence: '5' },
    });
    expect(done.kind).toBe('form-done');
    expect(await draftOf(gia)).toBeUndefined();
    expect(replyText(await say(gia, 'Share the map'))).toMatch(/is in, thank you/);
  });
});
