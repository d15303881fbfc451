import { checkinId, roundId } from '../../src/domain/checkin';
import type { ConversationRef } from '../../src/domain/identity';
import { memberId, type Mission } from '../../src/domain/mission';
import type { Button, Message } from '../../src/messages/model';
import type { Reply } from '../../src/services/replies';
import { channelOf, command, messageText, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';
import { outboxDrained } from '../support/wait-for';

/**
 * Blockers through the services, the real database and the real outbox, with a recording
 * sender in place of Slack: every command, button and form, their refusals, the check-in
 * extension, the fallbacks when no channel is set, escalation, and what the digest reads.
 */
let h: CoreHarness;
const slack = new RecordingSender('slack');
const amira = slackUser('U_AMIRA', 'T1', 'Amira'); // admin
const lee = slackUser('U_LEE', 'T1', 'Lee'); // lead
const ben = slackUser('U_BEN', 'T1', 'Ben');
const chi = slackUser('U_CHI', 'T1', 'Chi');
const stranger = slackUser('U_X', 'T1', 'Xavier');
const ALERTS = 'C-alerts';
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
let mission: Mission;

/** The messages in a conversation, each as it looks now. */
function conversation(id: string): Message[] {
  return slack.delivered.filter((d) => d.conversationId === id).map((d) => d.updates[d.updates.length - 1] ?? d.message);
}

const textOf = (messages: Message[]) => messages.map(messageText).join('\n---\n');
const buttons = (m: Message): Button[] => m.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []));
const button = (m: Message, label: string): Button => {
  const found = buttons(m).find((b) => b.label === label);
  if (!found)
    throw new Error(
      `no ${label} button: ${buttons(m)
        .map((b) => b.label)
        .join(', ')}`,
    );
  return found;
};
const dm = (u: { userId: string }): ConversationRef => ({
  platform: 'slack',
  workspaceId: 'T1',
  conversationId: `D-${u.userId}`,
  kind: 'dm',
});
const press = (actor: typeof ben, m: Message, label: string, where: ConversationRef = channelOf(actor, ALERTS)): Promise<Reply> =>
  h.core.onAction({ actor, where, actionId: button(m, label).actionId, value: button(m, label).value });

beforeAll(async () => {
  // Thursday 26 November 2026, noon in London.
  h = await startCore('blockers', new Date('2026-11-26T12:00:00Z'));
  h.runtime.startDispatcher(
    new Map([
      ['slack', slack],
      ['teams', new RecordingSender('teams')],
    ]),
    { limits: { timeScale: 0.001 }, pollIntervalMs: 50 },
  );
  await command(h, amira, 'mission create "Every young person in Ladywood in work or training" slug=ladywood-jobs');
  await command(h, amira, 'mission add ladywood-jobs <@U_BEN> <@U_CHI> org="Ladywood Community Trust"', undefined, {
    U_BEN: 'Ben',
    U_CHI: 'Chi',
  });
  await command(h, amira, 'mission add ladywood-jobs <@U_LEE> org="Birmingham City Council" role=lead', undefined, { U_LEE: 'Lee' });
  await command(h, amira, 'mission channel ladywood-jobs alerts', channelOf(amira, ALERTS));
  mission = (await h.store.missions.findBySlug(amira, 'ladywood-jobs'))!;
});
afterAll(async () => {
  await h.close();
});

describe('blocker <slug> "<text>"', () => {
  it('refuses people who are not on the mission, and says how to raise one when arguments are wrong', async () => {
    expect(replyText(await command(h, stranger, 'blocker ladywood-jobs "No venue for the careers fair"'))).toMatch(
      /not on the mission "ladywood-jobs".*Amira/,
    );
    expect(replyText(await command(h, ben, 'blocker ladywood-jobs "No venue" severity=urgent'))).toMatch(
      /severity must be one of low, medium, high/,
    );
    expect(replyText(await command(h, ben, 'blocker ladywood-jobs'))).toMatch(/the blocker is required/);
    expect(replyText(await command(h, ben, 'blocker'))).toMatch(/slug is required/);
    expect(replyText(await command(h, ben, 'blocker no-such-mission "x y z"'))).toMatch(/No such mission/);
    expect(await h.store.blockers.listOpen(mission.id)).toHaveLength(0);
  });

  it('a medium blocker is recorded quietly: no alert', async () => {
    const r = await command(h, ben, 'blocker ladywood-jobs "No venue for the careers fair" help="The library manager"');
    expect(replyText(r)).toMatch(/Raised your medium-severity blocker on ladywood-jobs\. Your next check-in will ask/);
    const [b] = await h.store.blockers.listOpen(mission.id);
    expect(b).toMatchObject({
      ownerName: 'Ben',
      ownerOrganisation: 'Ladywood Community Trust',
      severity: 'medium',
      helpWanted: 'The library manager',
      source: 'command',
      status: 'open',
      firstWeek: '2026-W48',
    });
    await outboxDrained(h.runtime);
    expect(conversation(ALERTS)).toHaveLength(0);
  });

  it('unquoted text works too, up to the first option', async () => {
    h.clock.advance(60_000);
    await command(h, chi, 'blocker ladywood-jobs waiting for DBS checks severity=low');
    const texts = (await h.store.blockers.listOpen(mission.id)).map((b) => b.text);
    expect(texts).toContain('waiting for DBS checks');
  });

  it('a high blocker goes at once to the alert channel, with I can help and Resolved', async () => {
    h.clock.advance(60_000);
    const r = await command(
      h,
      ben,
      'blocker ladywood-jobs "DWP data-sharing agreement stuck with legal" severity=high help="Someone at DWP"',
    );
    expect(replyText(r)).toMatch(/An alert went to the alert channel/);
    await outboxDrained(h.runtime);
    const alerts = conversation(ALERTS);
    expect(alerts).toHaveLength(1);
    const text = messageText(alerts[0]);
    expect(text).toMatch(/High-severity blocker/);
    expect(text).toMatch(/Ben \(Ladywood Community Trust\) is blocked on ladywood-jobs/);
    expect(text).toMatch(/DWP data-sharing agreement stuck with legal/);
    expect(text).toMatch(/Who could help: Someone at DWP/);
    expect(buttons(alerts[0]).map((b) => b.label)).toEqual(['I can help', 'Resolved']);
  });
});

describe('mission blockers <slug>', () => {
  it('lists the open blockers for members, most severe first, with owner, age and who could help', async () => {
    const text = replyText(await command(h, chi, 'mission blockers ladywood-jobs'));
    expect(text).toMatch(/Open blockers — ladywood-jobs/);
    const lines = text.split('\n').filter((l) => /^(High|Medium|Low) ·/.test(l));
    expect(lines.map((l) => l.split(' ·')[0])).toEqual(['High', 'Medium', 'Low']);
    expect(lines[1]).toMatch(
      /Ben \(Ladywood Community Trust\) · new this week · No venue for the careers fair · could help: The library manager/,
    );
    expect(text).toMatch(/escalated to the leads/);
  });

  it('refuses non-members', async () => {
    expect(replyText(await command(h, stranger, 'mission blockers ladywood-jobs'))).toMatch(/not on the mission/);
  });

  it('only admins change the escalation threshold, within 1 to 26 weeks', async () => {
    expect(replyText(await command(h, lee, 'mission blockers ladywood-jobs escalate=3'))).toMatch(/Only the admins/);
    expect(replyText(await command(h, amira, 'mission blockers ladywood-jobs escalate=0'))).toMatch(/between 1 and 26 weeks/);
    expect(replyText(await command(h, amira, 'mission blockers ladywood-jobs escalate=soon'))).toMatch(/whole number of weeks/);
    const set = replyText(await command(h, amira, 'mission blockers ladywood-jobs escalate=3'));
    expect(set).toMatch(/open for more than 3 weeks will now be escalated to the leads \(3 open blockers rescheduled\)/);
    const open = await h.store.blockers.listOpen(mission.id);
    for (const b of open) expect(b.escalateAt?.getTime()).toBe(b.firstSeenAt.getTime() + 3 * WEEK);
    expect(replyText(await command(h, amira, 'mission blockers ladywood-jobs escalate=2'))).toMatch(/more than 2 weeks/);
    for (const b of await h.store.blockers.listOpen(mission.id)) expect(b.escalateAt?.getTime()).toBe(b.firstSeenAt.getTime() + 2 * WEEK);
  });

  it('keeps a long list inside the message: 20 shown, "and N more"', async () => {
    const other = await h.core.onCommand({
      actor: amira,
      where: channelOf(amira),
      command: 'mission',
      text: 'create "A second mission with many blockers to list" slug=many-blockers',
      mentionNames: {},
    });
    expect(replyText(other)).toMatch(/Mission created/);
    // Straight to the service: the per-person command throttle would (rightly) stop 27 commands a minute.
    for (let i = 0; i < 27; i++)
      await h.runtime.services.blockers.raise(amira, 'many-blockers', {
        text: `Blocker number ${i} ${'with a long explanation '.repeat(20)}`,
        severity: 'medium',
      });
    const r = await command(h, amira, 'mission blockers many-blockers');
    expect(r.kind).toBe('private');
    if (r.kind !== 'private') return;
    const list = r.message.blocks.find((b) => b.kind === 'list');
    expect(list).toMatchObject({ kind: 'list', more: 7 });
    expect(list?.kind === 'list' && list.items).toHaveLength(20);
    for (const item of list?.kind === 'list' ? list.items : [])
      expect(item.map((p) => (typeof p === 'string' ? p : '')).join('').length).toBeLessThan(400);
  });
});

describe('the alert buttons', () => {
  const alert = () => conversation(ALERTS)[0];

  it('I can help records the helper, tells the owner who offered, and the alert shows it', async () => {
    const r = await press(chi, alert(), 'I can help');
    expect(replyText(r)).toMatch(/Ben has been told that you can help/);
    await outboxDrained(h.runtime);
    const toBen = textOf(slack.inbox('U_BEN'));
    expect(toBen).toMatch(/@Chi \(Ladywood Community Trust\) offered to help with your blocker on ladywood-jobs/);
    expect(toBen).toMatch(/DWP data-sharing agreement stuck with legal/);
    expect(messageText(alert())).toMatch(/Offered to help\nChi \(Ladywood Community Trust\)/);
    expect(conversation(ALERTS)).toHaveLength(1); // updated in place, not posted again
  });

  it('pressing again does not record or tell twice', async () => {
    const before = slack.inbox('U_BEN').length;
    expect(replyText(await press(chi, alert(), 'I can help'))).toMatch(/already offered to help; Ben knows/);
    await outboxDrained(h.runtime);
    expect(slack.inbox('U_BEN')).toHaveLength(before);
    const [b] = (await h.store.blockers.listOpen(mission.id)).filter((x) => x.severity === 'high');
    expect(b.helpers.map((x) => x.name)).toEqual(['Chi']);
  });

  it('the owner cannot help themselves, and non-members cannot press', async () => {
    expect(replyText(await press(ben, alert(), 'I can help'))).toMatch(/your own blocker/);
    expect(replyText(await press(stranger, alert(), 'I can help'))).toMatch(/not on the mission "ladywood-jobs"/);
    expect(replyText(await press(stranger, alert(), 'Resolved'))).toMatch(/Only Ben \(who raised it\) or a lead or admin/);
  });

  it('Resolved is refused politely to a member who is neither the owner nor a lead', async () => {
    const r = await press(chi, alert(), 'Resolved');
    expect(r.kind).toBe('private');
    expect(replyText(r)).toMatch(/Only Ben \(who raised it\) or a lead or admin of "ladywood-jobs" can mark this blocker resolved/);
    const [b] = (await h.store.blockers.listOpen(mission.id)).filter((x) => x.severity === 'high');
    // Even a hand-made submission of the form is refused: roles come from the actor.
    expect(
      replyText(await h.core.onFormSubmit({ actor: chi, formId: 'blocker.resolve', state: b.id, values: { note: 'sorted' } })),
    ).toMatch(/Only Ben/);
    expect((await h.store.blockers.get(b.id))?.status).toBe('open');
  });

  it('a lead gets a one-line form; an empty note is refused on the field', async () => {
    const r = await press(lee, alert(), 'Resolved');
    expect(r.kind).toBe('form');
    if (r.kind !== 'form') return;
    expect(r.form.inputs).toEqual([expect.objectContaining({ id: 'note', required: true, maxLength: 200 })]);
    const empty = await h.core.onFormSubmit({ actor: lee, formId: r.form.formId, state: r.form.state, values: { note: '  ' } });
    expect(empty).toMatchObject({ kind: 'form-errors', errors: { note: expect.stringMatching(/how it was resolved/) } });
    const long = await h.core.onFormSubmit({ actor: lee, formId: r.form.formId, state: r.form.state, values: { note: 'x'.repeat(201) } });
    expect(long).toMatchObject({ kind: 'form-errors', errors: { note: expect.stringMatching(/under 200 characters/) } });
  });

  it('submitting the note resolves it: the alert shows who and how, without buttons; the owner is told', async () => {
    const r = await press(lee, alert(), 'Resolved');
    if (r.kind !== 'form') throw new Error('expected a form');
    expect(
      (await h.core.onFormSubmit({ actor: lee, formId: r.form.formId, state: r.form.state, values: { note: 'Signed at the\nDWP board' } }))
        .kind,
    ).toBe('form-done');
    await outboxDrained(h.runtime);
    const text = messageText(alert());
    expect(text).toMatch(/Resolved: high-severity blocker/);
    expect(text).toMatch(/Resolved by Lee on 26 Nov 2026: Signed at the DWP board/);
    expect(text).toMatch(/Chi \(Ladywood Community Trust\)/);
    expect(buttons(alert())).toEqual([]);
    expect(textOf(slack.inbox('U_BEN'))).toMatch(
      /@Lee \(Birmingham City Council\) marked your blocker on ladywood-jobs resolved: Signed at the DWP board/,
    );
    const b = (await h.store.blockers.listForMission(mission.id, new Date(0))).find((x) => x.severity === 'high')!;
    expect(b).toMatchObject({ status: 'resolved', resolvedBy: 'Lee', resolution: 'Signed at the DWP board' });
  });

  it('a stale button or a second resolution changes nothing', async () => {
    const stale = conversation(ALERTS)[0];
    const original = slack.delivered.find((d) => d.conversationId === ALERTS)!.message;
    expect(replyText(await press(ben, original, 'Resolved'))).toMatch(/already resolved by Lee/);
    expect(replyText(await press(chi, original, 'I can help'))).toMatch(/already resolved by Lee/);
    const b = (await h.store.blockers.listForMission(mission.id, new Date(0))).find((x) => x.severity === 'high')!;
    expect((await h.core.onFormSubmit({ actor: ben, formId: 'blocker.resolve', state: b.id, values: { note: 'me too' } })).kind).toBe(
      'form-done',
    );
    expect((await h.store.blockers.get(b.id))?.resolution).toBe('Signed at the DWP board');
    await outboxDrained(h.runtime);
    expect(messageText(conversation(ALERTS)[0])).toBe(messageText(stale));
    expect(
      replyText(await h.core.onAction({ actor: ben, where: channelOf(ben, ALERTS), actionId: 'blocker.help', value: 'blocker:nope' })),
    ).toMatch(/no longer exists/);
  });
});

describe('blockers in check-ins', () => {
  const values = { moved: 'Two employers signed', next: 'Careers fair', confidence: '4' };
  let round = '';
  const benId = () => memberId(mission.id, ben);
  const checkinBlocker = () => h.store.blockers.get(`blocker:${checkinId(round, benId())}`);

  it('a high blocker answer becomes a record and an alert at once', async () => {
    h.clock.set(new Date('2026-11-27T09:00:00Z'));
    expect(replyText(await command(h, amira, 'mission checkin-now ladywood-jobs'))).toMatch(/Opened the check-in/);
    round = roundId(mission.id, '2026-W48');
    await outboxDrained(h.runtime);
    const r = await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round,
      values: { ...values, blocker: 'No youth worker for the drop-in', blocker_severity: 'high', blocker_help: 'Youth services' },
    });
    expect(r.kind).toBe('form-done');
    const b = await checkinBlocker();
    expect(b).toMatchObject({
      status: 'open',
      severity: 'high',
      text: 'No youth worker for the drop-in',
      helpWanted: 'Youth services',
      source: 'checkin',
      firstWeek: '2026-W48',
      ownerName: 'Ben',
    });
    await outboxDrained(h.runtime);
    expect(conversation(ALERTS)).toHaveLength(2);
    expect(messageText(conversation(ALERTS)[1])).toMatch(/No youth worker for the drop-in/);
  });

  it('the same submission again changes nothing; an edit updates the same record and its alert', async () => {
    await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round,
      values: { ...values, blocker: 'No youth worker for the drop-in', blocker_severity: 'high', blocker_help: 'Youth services' },
    });
    await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round,
      values: { ...values, blocker: 'No youth worker for the Tuesday drop-in', blocker_severity: 'high', blocker_help: '' },
    });
    await outboxDrained(h.runtime);
    const open = (await h.store.blockers.listOpen(mission.id)).filter((b) => b.source === 'checkin');
    expect(open).toHaveLength(1);
    expect(open[0].text).toBe('No youth worker for the Tuesday drop-in');
    expect(open[0].helpWanted).toBeUndefined();
    expect(conversation(ALERTS)).toHaveLength(2);
    expect(messageText(conversation(ALERTS)[1])).toMatch(/Tuesday drop-in/);
  });

  it('emptying the blocker answer withdraws it (not resolved); filling it again reopens it', async () => {
    await h.core.onFormSubmit({ actor: ben, formId: 'checkin', state: round, values: { ...values, blocker: '' } });
    await outboxDrained(h.runtime);
    expect(await checkinBlocker()).toMatchObject({ status: 'withdrawn', resolvedBy: 'Ben' });
    expect(messageText(conversation(ALERTS)[1])).toMatch(/Withdrawn by Ben/);
    expect(buttons(conversation(ALERTS)[1])).toEqual([]);

    await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round,
      values: { ...values, blocker: 'No youth worker after all', blocker_severity: 'high' },
    });
    await outboxDrained(h.runtime);
    expect(await checkinBlocker()).toMatchObject({ status: 'open', text: 'No youth worker after all', generation: 1 });
    expect(messageText(conversation(ALERTS)[1])).toMatch(/No youth worker after all/);
    expect(buttons(conversation(ALERTS)[1]).map((b) => b.label)).toEqual(['I can help', 'Resolved']);
  });

  it('the form of the same round does not ask about the blocker it raised, only the earlier ones', async () => {
    const r = await h.core.onAction({ actor: ben, where: dm(ben), actionId: 'checkin.edit', value: round });
    if (r.kind !== 'form') throw new Error('expected a form');
    const asked = r.form.inputs.filter((i) => i.id.startsWith('blk_'));
    expect(asked.map((i) => i.label)).toEqual(['Is this still blocking you? "No venue for the careers fair"']);
    expect(asked[0]).toMatchObject({
      kind: 'choice',
      required: false,
      options: [
        { value: 'still', label: 'Still blocking' },
        { value: 'resolved', label: 'Resolved' },
      ],
    });
  });

  it('the next check-in asks about each open blocker; Resolved resolves it with the note', async () => {
    await command(h, amira, 'mission close-now ladywood-jobs');
    h.clock.set(new Date('2026-12-04T10:00:30Z'));
    expect((await h.runtime.scheduler.tick()).opened).toBeGreaterThanOrEqual(1);
    await outboxDrained(h.runtime);
    const next = roundId(mission.id, '2026-W49');
    const prompt = slack
      .inbox('U_BEN')
      .find((m) => messageText(m).includes('Time for your weekly check-in') && m.form?.form.state === next)!;
    const asked = prompt.form!.form.inputs.filter((i) => i.id.startsWith('blk_'));
    expect(asked.map((i) => i.label)).toEqual([
      'Is this still blocking you? "No venue for the careers fair"',
      'Is this still blocking you? "No youth worker after all"',
    ]);
    // Chi's form asks about Chi's blocker only.
    const chiPrompt = slack.inbox('U_CHI').find((m) => m.form?.form.state === next)!;
    expect(chiPrompt.form!.form.inputs.filter((i) => i.id.startsWith('blk_')).map((i) => i.label)).toEqual([
      'Is this still blocking you? "waiting for DBS checks"',
    ]);

    const bad = await h.core.onFormSubmit({ actor: ben, formId: 'checkin', state: next, values: { ...values, [asked[0].id]: 'maybe' } });
    expect(bad).toMatchObject({ kind: 'form-errors', errors: { [asked[0].id]: expect.stringMatching(/Still blocking or Resolved/) } });

    await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: next,
      values: { ...values, [asked[0].id]: 'still', [asked[1].id]: 'resolved' },
    });
    await outboxDrained(h.runtime);
    const venue = (await h.store.blockers.listOpen(mission.id)).find((b) => b.text === 'No venue for the careers fair');
    expect(venue?.status).toBe('open');
    expect(await checkinBlocker()).toMatchObject({ status: 'resolved', resolution: 'resolved in check-in', resolvedBy: 'Ben' });
    expect(messageText(conversation(ALERTS)[1])).toMatch(/Resolved by Ben on 4 Dec 2026: resolved in check-in/);
  });
});

describe('escalation', () => {
  let id = '';

  it('a medium blocker open for more than 2 weeks is escalated once, naming the leads', async () => {
    h.clock.set(new Date('2026-12-07T09:00:00Z'));
    await command(h, chi, 'blocker ladywood-jobs "Bus pass scheme paused" severity=medium');
    id = (await h.store.blockers.listOpen(mission.id)).find((b) => b.text === 'Bus pass scheme paused')!.id;
    const escalations = () => conversation(ALERTS).filter((m) => messageText(m).includes('Bus pass scheme paused'));
    // A lead on Teams cannot be mentioned in a Slack channel: named in text instead.
    await h.store.members.insertNew(
      mission.id,
      [{ user: { platform: 'teams', workspaceId: 'tenant-1', userId: '29:tamsin' }, displayName: 'Tamsin', role: 'lead' }],
      h.clock.now(),
    );

    for (const at of ['2026-12-14T09:00:00Z', '2026-12-21T08:59:00Z', '2026-12-21T09:00:00Z']) {
      h.clock.set(new Date(at));
      await h.runtime.scheduler.tick();
      await outboxDrained(h.runtime);
      expect(escalations()).toHaveLength(0);
    }
    h.clock.set(new Date('2026-12-21T09:01:00Z'));
    await h.runtime.scheduler.tick();
    await h.runtime.scheduler.tick();
    await outboxDrained(h.runtime);
    expect(escalations()).toHaveLength(1);
    const [post] = escalations();
    const text = messageText(post);
    expect(text).toMatch(/Blocker open for more than 2 weeks/);
    expect(text).toMatch(/Chi \(Ladywood Community Trust\) is blocked on ladywood-jobs/);
    expect(text).toMatch(/For the attention of the leads: @Lee, Tamsin \(on Teams\), @Amira/);
    const leads = post.blocks.flatMap((b) => (b.kind === 'text' ? b.text : [])).filter((p) => typeof p === 'object' && 'user' in p);
    expect(leads).toEqual([{ user: { userId: 'U_LEE', name: 'Lee' } }, { user: { userId: 'U_AMIRA', name: 'Amira' } }]);
    expect((await h.store.blockers.get(id))?.escalatedAt).toBeDefined();
  });

  it('never again, week after week', async () => {
    for (const at of ['2026-12-28T09:01:00Z', '2027-01-04T09:01:00Z']) {
      h.clock.set(new Date(at));
      await h.runtime.scheduler.tick();
    }
    await outboxDrained(h.runtime);
    expect(conversation(ALERTS).filter((m) => messageText(m).includes('Bus pass scheme paused'))).toHaveLength(1);
  });

  it('the escalation post has the buttons and updates like an alert', async () => {
    const post = conversation(ALERTS).find((m) => messageText(m).includes('Bus pass scheme paused'))!;
    await press(ben, post, 'I can help');
    await outboxDrained(h.runtime);
    expect(messageText(conversation(ALERTS).find((m) => messageText(m).includes('Bus pass scheme paused'))!)).toMatch(
      /Offered to help\nBen/,
    );
  });
});

describe('with no alert or digest channel', () => {
  it('a high blocker goes to the admins by direct message', async () => {
    h.clock.set(new Date('2027-01-05T10:00:00Z'));
    const inDm = await h.core.onCommand({
      actor: amira,
      where: dm(amira),
      command: 'mission',
      text: 'create "A mission set up in a direct message" slug=dm-mission',
      mentionNames: {},
    });
    expect(replyText(inDm)).toMatch(/Mission created/);
    await command(h, amira, 'mission add dm-mission <@U_BEN> role=member', dm(amira), { U_BEN: 'Ben' });
    const before = slack.inbox('U_AMIRA').length;
    const r = await command(h, ben, 'blocker dm-mission "Nobody can open the shared drive" severity=high');
    expect(replyText(r)).toMatch(/An alert went to the mission's admins/);
    await outboxDrained(h.runtime);
    const inbox = slack.inbox('U_AMIRA');
    expect(inbox.length).toBe(before + 1);
    expect(messageText(inbox[inbox.length - 1])).toMatch(/High-severity blocker[\s\S]*Nobody can open the shared drive/);
    expect(slack.inbox('U_BEN').map(messageText).join('\n')).not.toMatch(/High-severity blocker/);
  });
});

describe('for the digest', () => {
  it('the digest reads the open blockers and those resolved since the start of its week, most severe then oldest first', async () => {
    const all = await h.runtime.services.blockers.listForMission(mission.id, new Date('2026-11-01T00:00:00Z'));
    expect(all.map((b) => [b.status, b.text])).toEqual([
      ['resolved', 'DWP data-sharing agreement stuck with legal'],
      ['resolved', 'No youth worker after all'],
      ['open', 'No venue for the careers fair'],
      ['open', 'Bus pass scheme paused'],
      ['open', 'waiting for DBS checks'],
    ]);
    // From a later week: the blocker resolved before it began is left out; the open ones stay.
    const later = await h.runtime.services.blockers.listForMission(mission.id, new Date('2026-11-27T00:00:00Z'));
    expect(later.map((b) => b.text)).toEqual([
      'No youth worker after all',
      'No venue for the careers fair',
      'Bus pass scheme paused',
      'waiting for DBS checks',
    ]);
  });
});
