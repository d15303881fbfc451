import type { CheckinRound } from '../../src/domain/checkin';
import { checkinId } from '../../src/domain/checkin';
import { memberId, type Mission } from '../../src/domain/mission';
import { ACTION_EDIT } from '../../src/messages/checkin-messages';
import type { Form, FormInput } from '../../src/messages/model';
import { promptKey } from '../../src/services/round-service';
import { channelOf, command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';

/** An indicator's owner is asked for its latest value in their weekly check-in. */
let h: CoreHarness;
let mission: Mission;
let round: CheckinRound;
const amira = slackUser('U_AMIRA', 'T1', 'Amira'); // admin
const ben = slackUser('U_BEN', 'T1', 'Ben'); // lead, owns nothing
const chi = slackUser('U_CHI', 'T1', 'Chi'); // member, owns youth-claimants
const SLUG = 'ladywood-jobs';
const INPUT = 'ind_youth-claimants';
const ANSWERS = { moved: 'Two employers signed the pledge', next: 'Careers fair', confidence: '4', blocker: '', story: '' };

const run = (actor: typeof amira, text: string) => {
  h.clock.advance(1000);
  return command(h, actor, text, channelOf(actor), { U_BEN: 'Ben', U_CHI: 'Chi' }).then(replyText);
};
const submit = (actor: typeof amira, values: Record<string, string>) => {
  h.clock.advance(1000);
  return h.core.onFormSubmit({ actor, formId: 'checkin', state: round.id, values });
};
async function formOf(actor: typeof amira): Promise<Form> {
  const r = await command(h, actor, 'checkin', { platform: 'slack', workspaceId: 'T1', conversationId: `D-${actor.userId}`, kind: 'dm' });
  if (r.kind !== 'form') throw new Error(`expected a form, got ${r.kind}: ${replyText(r)}`);
  return r.form;
}
const indicatorInputs = (inputs: FormInput[]) => inputs.filter((i) => i.id.startsWith('ind_'));
const claimants = async () => (await h.store.indicators.get(mission.id, 'youth-claimants'))!;
const readings = async () => h.store.indicators.readings.list((await claimants()).uid);

beforeAll(async () => {
  h = await startCore('indicators_checkin', new Date('2026-11-26T12:00:00Z'));
  await run(amira, `mission create "Every young person in Ladywood in work or training" slug=${SLUG}`);
  await run(amira, `mission add ${SLUG} <@U_BEN> role=lead`);
  await run(amira, `mission add ${SLUG} <@U_CHI>`);
  await run(
    amira,
    `mission indicator ${SLUG} add key=youth-claimants name="Young people claiming out-of-work benefits" baseline=420@2024-04 target=210@2030-03 unit=people owner=<@U_CHI>`,
  );
  await run(
    amira,
    `mission indicator ${SLUG} add key=employer-pledges name="Employers signed up to the pledge" baseline=12@2025-01 target=200@2030-01`,
  );
  await run(ben, `mission indicator ${SLUG} record key=youth-claimants value=340 date=2026-10`);
  expect(await run(amira, `mission checkin-now ${SLUG}`)).toMatch(/Opened the check-in/);
  mission = (await h.store.missions.findBySlug(amira, SLUG))!;
  round = (await h.store.rounds.findOpen(mission.id))!;
});
afterAll(async () => {
  await h.close();
});

describe("the owner's check-in", () => {
  it('asks the owner, and only the owner, for the latest value, optionally', async () => {
    const [input] = indicatorInputs((await formOf(chi)).inputs);
    expect(input).toMatchObject({
      kind: 'text',
      id: INPUT,
      label: 'Latest value of Young people claiming out-of-work benefits (people)',
      required: false,
    });
    expect(input.hint).toMatch(/Last reading: 340 people on 2026-10-01\. On track today means at most about 325\.79 people\./);
    expect(input).not.toHaveProperty('initial');
    expect(indicatorInputs((await formOf(ben)).inputs)).toEqual([]);
    expect(indicatorInputs((await formOf(amira)).inputs)).toEqual([]);
  });

  it('puts the question in the prompt the owner was sent when the round opened', async () => {
    const prompt = await h.runtime.ctx.outboxItems.get(promptKey(round.id, memberId(mission.id, chi)));
    expect(prompt?.message.form?.form.inputs.map((i) => i.id)).toContain(INPUT);
    const benPrompt = await h.runtime.ctx.outboxItems.get(promptKey(round.id, memberId(mission.id, ben)));
    expect(benPrompt?.message.form?.form.inputs.map((i) => i.id)).not.toContain(INPUT);
  });

  it('refuses a value that is not a number, on the field, and stores nothing', async () => {
    const r = await submit(chi, { ...ANSWERS, [INPUT]: 'about 330' });
    expect(r.kind).toBe('form-errors');
    if (r.kind !== 'form-errors') return;
    expect(r.errors[INPUT]).toMatch(/Enter a number, like 420, or leave it blank/);
    expect(await h.store.checkins.get(checkinId(round.id, memberId(mission.id, chi)))).toBeUndefined();
    expect((await readings()).map((x) => x.value)).toEqual([340]);
  });

  it('records a number as a reading by the owner, dated today, and audits it', async () => {
    expect((await submit(chi, { ...ANSWERS, [INPUT]: '330' })).kind).toBe('form-done');
    expect((await readings()).map((x) => [x.date, x.value, x.recordedBy, x.recordedByName])).toEqual([
      ['2026-10-01', 340, memberId(mission.id, ben), 'Ben'],
      ['2026-11-26', 330, memberId(mission.id, chi), 'Chi'],
    ]);
    const [entry] = await h.store.audit.list(mission.id, 1);
    expect(entry).toMatchObject({
      action: 'indicator.record',
      actorKey: 'slack:T1:U_CHI',
      after: { key: 'youth-claimants', value: 330, date: '2026-11-26' },
    });
    const [status] = await h.runtime.services.indicators.listWithStatus(mission.id, '2026-11-26');
    expect(status.latest?.value).toBe(330);
    expect(status.status).toBe('on-track');
  });

  it('shows the value given in this round when the check-in is opened again', async () => {
    const r = await h.core.onAction({
      actor: chi,
      where: { platform: 'slack', workspaceId: 'T1', conversationId: 'D-U_CHI', kind: 'dm' },
      actionId: ACTION_EDIT,
      value: round.id,
    });
    expect(r.kind).toBe('form');
    if (r.kind !== 'form') return;
    const [input] = indicatorInputs(r.form.inputs);
    expect(input.initial).toBe('330');
  });

  it('does not pile up copies when the check-in is submitted again unchanged', async () => {
    expect((await submit(chi, { ...ANSWERS, moved: 'Three employers signed', [INPUT]: '330' })).kind).toBe('form-done');
    expect(await h.store.indicators.readings.versions((await claimants()).uid, '2026-11-26')).toHaveLength(1);
  });

  it('an edited value supersedes the one recorded earlier today', async () => {
    expect((await submit(chi, { ...ANSWERS, [INPUT]: '1,325' })).kind).toBe('form-done');
    const versions = await h.store.indicators.readings.versions((await claimants()).uid, '2026-11-26');
    expect(versions.map((v) => [v.value, v.supersededAt !== undefined])).toEqual([
      [330, true],
      [1325, false],
    ]);
  });

  it('a blank answer records nothing, and nobody else can record through the form', async () => {
    const before = await readings();
    expect((await submit(chi, { ...ANSWERS, [INPUT]: '' })).kind).toBe('form-done');
    expect((await submit(ben, { ...ANSWERS, [INPUT]: '1' })).kind).toBe('form-done');
    expect(await readings()).toEqual(before);
  });
});
