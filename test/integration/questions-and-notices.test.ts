import type { ConversationRef } from '../../src/domain/identity';
import type { Message } from '../../src/messages/model';
import { SendError } from '../../src/outbox/platform-sender';
import { command, messageText, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';
import { outboxDrained } from '../support/wait-for';

/** A sender whose posts to one DM always fail with a permanent error. */
class FailingFor extends RecordingSender {
  constructor(private readonly badDm: string) {
    super('slack');
  }
  async send(target: ConversationRef, message: Message) {
    if (target.conversationId === this.badDm) throw new SendError('permanent', 'channel_not_found');
    return super.send(target, message);
  }
}

let h: CoreHarness;
const slack = new FailingFor('D-U_GONE');
const admin = slackUser('U_ADMIN', 'T1', 'Amira');
const ben = slackUser('U_BEN', 'T1', 'Ben');
const where: ConversationRef = { platform: 'slack', workspaceId: 'T1', conversationId: 'C1', kind: 'channel' };

beforeAll(async () => {
  h = await startCore('questions_notices', new Date('2026-11-26T12:00:00Z'));
  h.runtime.startDispatcher(new Map([['slack', slack]]), { limits: { timeScale: 0.001 } });
  await command(h, admin, 'mission create "Every young person in Ladywood in work or training" slug=jobs');
  await command(h, admin, 'mission add jobs <@U_BEN> <@U_GONE>', where, { U_BEN: 'Ben', U_GONE: 'Gone' });
});
afterAll(async () => {
  await h.close();
});

describe('editing the questions', () => {
  it('is for admins only', async () => {
    expect(replyText(await command(h, ben, 'mission questions jobs'))).toMatch(/Only the admins/);
  });

  it('opens a form listing the current questions, and saves edits, removals and a new order', async () => {
    const r = await command(h, admin, 'mission questions jobs');
    expect(r.kind).toBe('form');
    if (r.kind !== 'form') return;
    const values: Record<string, string> = {};
    for (const input of r.form.inputs) values[input.id] = input.initial ?? '';
    // Reword question 1, remove the story (7), add a choice question first.
    values.q1_prompt = 'What moved this week for young people in Ladywood?';
    values.q7_prompt = '';
    values.q8_prompt = 'Which partner did you work with most?';
    values.q8_kind = 'choice';
    values.q8_options = 'Council, NHS, University, Community trust';
    values.q8_position = '1';
    values.q8_required = 'no';
    const saved = await h.core.onFormSubmit({ actor: admin, formId: r.form.formId, state: r.form.state, values });
    expect(replyText(saved)).toMatch(/Saved 7 questions/);
    const mission = await h.store.missions.findBySlug(admin, 'jobs');
    expect(mission!.questions.map((q) => q.prompt)[0]).toBe('Which partner did you work with most?');
    expect(mission!.questions[1]).toMatchObject({
      id: 'moved',
      prompt: 'What moved this week for young people in Ladywood?',
      role: 'moved',
    });
    expect(mission!.questions.find((q) => q.id === 'story')).toBeUndefined();
  });

  it('refuses a choice question without choices, and an empty list, changing nothing', async () => {
    const before = (await h.store.missions.findBySlug(admin, 'jobs'))!.questions;
    const r = await command(h, admin, 'mission questions jobs');
    if (r.kind !== 'form') throw new Error('expected a form');
    const values: Record<string, string> = {};
    for (const input of r.form.inputs) values[input.id] = input.initial ?? '';
    values.q2_kind = 'choice';
    values.q2_options = 'only one';
    const bad = await h.core.onFormSubmit({ actor: admin, formId: r.form.formId, state: r.form.state, values });
    expect(bad.kind).toBe('form-errors');
    if (bad.kind === 'form-errors') expect(bad.errors.q2_options).toMatch(/2 to 10 choices/);
    const empty: Record<string, string> = {};
    const none = await h.core.onFormSubmit({ actor: admin, formId: r.form.formId, state: r.form.state, values: empty });
    expect(none.kind).toBe('form-errors');
    expect((await h.store.missions.findBySlug(admin, 'jobs'))!.questions).toEqual(before);
  });

  it('a forged form state for another mission is refused', async () => {
    const r = await h.core.onFormSubmit({
      actor: ben,
      formId: 'questions',
      state: JSON.stringify({ missionId: 'msn_nope', ids: [] }),
      values: {},
    });
    expect(replyText(r)).toMatch(/out of date/);
  });

  it('the next round asks the new questions', async () => {
    expect(replyText(await command(h, admin, 'mission checkin-now jobs'))).toMatch(/Opened the check-in/);
    await outboxDrained(h.runtime);
    const prompt = slack.inbox('U_BEN')[0];
    expect(prompt.form?.form.inputs.map((i) => i.label)[0]).toBe('Which partner did you work with most?');
  });
});

describe('telling admins about failed deliveries', () => {
  it('a prompt that cannot be delivered is reported to the admins, once', async () => {
    await outboxDrained(h.runtime);
    const notices = slack
      .inbox('U_ADMIN')
      .map(messageText)
      .filter((t) => /could not deliver/.test(t));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/prompt to Gone for jobs/);
    expect(notices[0]).toMatch(/channel_not_found/);
  });
});
