import { checkinId, roundId } from '../../src/domain/checkin';
import type { Message } from '../../src/messages/model';
import { command, messageText, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';
import { outboxDrained } from '../support/wait-for';

/**
 * The weekly cycle through the services, the real database and the real outbox, with a
 * recording sender in place of a platform (the end-to-end tests cover the platforms).
 */
let h: CoreHarness;
const slack = new RecordingSender('slack');
const admin = slackUser('U_ADMIN', 'T1', 'Amira');
const ben = slackUser('U_BEN', 'T1', 'Ben');
const chi = slackUser('U_CHI', 'T1', 'Chi');
const dee = slackUser('U_DEE', 'T1', 'Dee');

const buttonsOf = (m: Message) =>
  m.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : [])).concat(m.form ? [m.form.openButton] : []);

beforeAll(async () => {
  // Thursday 26 Nov 2026, 12:00 London; the default schedule opens Fridays at 10:00.
  h = await startCore('checkin_cycle', new Date('2026-11-26T12:00:00Z'));
  h.runtime.startDispatcher(new Map([['slack', slack]]), { limits: { timeScale: 0.001 }, pollIntervalMs: 50 });
  await command(h, admin, 'mission create "Every young person in Ladywood in work or training" slug=ladywood-jobs');
  await command(h, admin, 'mission add ladywood-jobs <@U_BEN> <@U_CHI> <@U_DEE> org="Ladywood Community Trust"', undefined, {
    U_BEN: 'Ben',
    U_CHI: 'Chi',
    U_DEE: 'Dee',
  });
});
afterAll(async () => {
  await h.close();
});

describe('the weekly check-in cycle', () => {
  it('opens nothing before the scheduled time', async () => {
    expect(await h.runtime.scheduler.tick()).toEqual({ opened: 0, reminded: 0, closed: 0 });
  });

  it('an away member is not asked', async () => {
    const r = await command(h, dee, 'checkin away until=2026-12-10');
    expect(replyText(r)).toMatch(/away until 2026-12-10/);
  });

  it('opens the round at Friday 10:00 London and prompts every active member once', async () => {
    h.clock.set(new Date('2026-11-27T10:00:30Z'));
    expect((await h.runtime.scheduler.tick()).opened).toBe(1);
    expect((await h.runtime.scheduler.tick()).opened).toBe(0);
    await outboxDrained(h.runtime);
    for (const u of ['U_ADMIN', 'U_BEN', 'U_CHI']) {
      const inbox = slack.inbox(u);
      expect(inbox).toHaveLength(1);
      expect(messageText(inbox[0])).toMatch(/Time for your weekly check-in/);
      expect(buttonsOf(inbox[0]).map((b) => b.label)).toEqual(expect.arrayContaining(['Answer check-in', 'Skip this week']));
    }
    expect(slack.inbox('U_DEE')).toHaveLength(0);
  });

  it('refuses an invalid submission with errors on the fields and stores nothing', async () => {
    const mission = await h.store.missions.findBySlug(admin, 'ladywood-jobs');
    const round = roundId(mission!.id, '2026-W48');
    const r = await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round,
      values: { moved: '', next: 'x'.repeat(3001), confidence: '9' },
    });
    expect(r.kind).toBe('form-errors');
    if (r.kind !== 'form-errors') return;
    expect(r.errors.moved).toMatch(/needs an answer/);
    expect(r.errors.next).toMatch(/under 3000 characters/);
    expect(r.errors.confidence).toMatch(/Choose one of/);
    const ids = await h.store.members.listByMission(mission!.id);
    const benMember = ids.find((m) => m.userId === 'U_BEN')!;
    expect(await h.store.checkins.get(checkinId(round, benMember.id))).toBeUndefined();
  });

  it('stores an answer, turns the prompt into a confirmation, and keeps history on edit', async () => {
    const mission = await h.store.missions.findBySlug(admin, 'ladywood-jobs');
    const round = roundId(mission!.id, '2026-W48');
    const values = { moved: 'Two employers signed the pledge', next: 'Careers fair', confidence: '4', blocker: '', story: '' };
    expect((await h.core.onFormSubmit({ actor: ben, formId: 'checkin', state: round, values })).kind).toBe('form-done');
    await outboxDrained(h.runtime);
    const [confirmation] = slack.inbox('U_BEN');
    expect(messageText(confirmation)).toMatch(/Check-in received/);
    expect(messageText(confirmation)).toMatch(/Two employers signed the pledge/);
    expect(buttonsOf(confirmation).map((b) => b.label)).toContain('Edit');

    const edit = await h.core.onAction({
      actor: ben,
      where: { platform: 'slack', workspaceId: 'T1', conversationId: 'D-U_BEN', kind: 'dm' },
      actionId: 'checkin.edit',
      value: round,
    });
    expect(edit.kind).toBe('form');
    if (edit.kind === 'form')
      expect(edit.form.inputs.find((i) => i.id === 'moved')).toMatchObject({ initial: 'Two employers signed the pledge' });
    await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round,
      values: { ...values, moved: 'Three employers signed the pledge' },
    });
    await outboxDrained(h.runtime);
    const benMember = (await h.store.members.listByMission(mission!.id)).find((m) => m.userId === 'U_BEN')!;
    const stored = await h.store.checkins.get(checkinId(round, benMember.id));
    expect(stored?.answers.moved).toBe('Three employers signed the pledge');
    expect(stored?.history.map((x) => x.answers.moved)).toEqual(['Two employers signed the pledge']);
    const updated = messageText(slack.inbox('U_BEN')[0]);
    expect(updated).toMatch(/Three employers signed the pledge/);
    expect(updated).toMatch(/edited 1 time/);
  });

  it('lets a member skip, and reminds only those who neither answered nor skipped', async () => {
    expect(replyText(await command(h, chi, 'checkin skip'))).toMatch(/Skipped this week/);
    h.clock.set(new Date('2026-11-28T10:01:00Z'));
    expect((await h.runtime.scheduler.tick()).reminded).toBe(1);
    expect((await h.runtime.scheduler.tick()).reminded).toBe(0);
    await outboxDrained(h.runtime);
    expect(slack.inbox('U_ADMIN').map(messageText).join('\n')).toMatch(/Reminder/);
    for (const u of ['U_BEN', 'U_CHI', 'U_DEE']) expect(slack.inbox(u).map(messageText).join('\n')).not.toMatch(/Reminder/);
  });

  it('closes at the close time; a late answer is accepted and marked late; edits are then refused', async () => {
    h.clock.set(new Date('2026-11-30T10:01:00Z'));
    expect((await h.runtime.scheduler.tick()).closed).toBe(1);
    const mission = await h.store.missions.findBySlug(admin, 'ladywood-jobs');
    const round = roundId(mission!.id, '2026-W48');
    const late = await h.core.onFormSubmit({
      actor: admin,
      formId: 'checkin',
      state: round,
      values: { moved: 'Late but here', next: 'More', confidence: '3' },
    });
    expect(late.kind).toBe('form-done');
    const adminMember = (await h.store.members.listByMission(mission!.id)).find((m) => m.userId === 'U_ADMIN')!;
    expect((await h.store.checkins.get(checkinId(round, adminMember.id)))?.late).toBe(true);
    const again = await h.core.onFormSubmit({
      actor: ben,
      formId: 'checkin',
      state: round,
      values: { moved: 'Changed after close', next: 'x', confidence: '2' },
    });
    expect(again.kind).toBe('form-errors');
  });

  it('schedules the next round for the following Friday', async () => {
    const mission = await h.store.missions.findBySlug(admin, 'ladywood-jobs');
    expect(mission?.nextOpenAt?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
  });

  it('refuses check-in commands from people who are not members, and members from other workspaces', async () => {
    const mission = await h.store.missions.findBySlug(admin, 'ladywood-jobs');
    const round = roundId(mission!.id, '2026-W48');
    const stranger = slackUser('U_X', 'T2', 'X');
    const r = await h.core.onAction({
      actor: stranger,
      where: { platform: 'slack', workspaceId: 'T2', conversationId: 'D', kind: 'dm' },
      actionId: 'checkin.open',
      value: round,
    });
    // From another workspace the mission does not even exist.
    expect(replyText(r)).toMatch(/That check-in no longer exists/);
    expect(replyText(r)).not.toMatch(/ladywood-jobs/);
    const colleague = slackUser('U_Y', 'T1', 'Y');
    const c = await h.core.onAction({
      actor: colleague,
      where: { platform: 'slack', workspaceId: 'T1', conversationId: 'D', kind: 'dm' },
      actionId: 'checkin.open',
      value: round,
    });
    expect(replyText(c)).toMatch(/not on the mission/);
  });
});
