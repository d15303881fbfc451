import type { Mission } from '../../src/domain/mission';
import { channelOf, command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';

/** `mission budget`: the share of partners' spend aligned with the mission, per period. */
let h: CoreHarness;
let mission: Mission;
const amira = slackUser('U_AMIRA', 'T1', 'Amira'); // admin
const aled = slackUser('U_ALED', 'T1', 'Aled'); // admin: the refusals
const ben = slackUser('U_BEN', 'T1', 'Ben'); // lead
const chi = slackUser('U_CHI', 'T1', 'Chi'); // member
const eve = slackUser('U_EVE', 'T2', 'Eve'); // another workspace
const SLUG = 'ladywood-jobs';

const run = (actor: typeof amira, text: string) => {
  h.clock.advance(1000);
  return command(h, actor, text, channelOf(actor), { U_BEN: 'Ben', U_CHI: 'Chi', U_ALED: 'Aled' }).then(replyText);
};
const trend = () => h.runtime.services.indicators.budgetTrend(mission.id);

beforeAll(async () => {
  h = await startCore('indicators_budget', new Date('2026-11-26T12:00:00Z'));
  await run(amira, `mission create "Every young person in Ladywood in work or training" slug=${SLUG}`);
  await run(amira, `mission add ${SLUG} <@U_BEN> role=lead`);
  await run(amira, `mission add ${SLUG} <@U_CHI>`);
  await run(amira, `mission add ${SLUG} <@U_ALED> role=admin`);
  mission = (await h.store.missions.findBySlug(amira, SLUG))!;
});
afterAll(async () => {
  await h.close();
});

describe('budget alignment', () => {
  it('says how to record it before anything is recorded', async () => {
    expect(await run(chi, `mission budget ${SLUG}`)).toMatch(/No budget alignment recorded for ladywood-jobs yet/);
  });

  it('records a period, with amounts written as people write them', async () => {
    const text = await run(amira, `mission budget ${SLUG} total=£5,000,000 aligned=£1,250,000 period=2025/26`);
    expect(text).toMatch(/Budget alignment for ladywood-jobs, 2025\/26: 25% \(£1,250,000 of £5,000,000\)/);
    expect(await trend()).toEqual([{ period: '2025/26', total: 5_000_000, aligned: 1_250_000, share: 0.25 }]);
    const [entry] = await h.store.audit.list(mission.id, 1);
    expect(entry).toMatchObject({
      action: 'budget.record',
      actorKey: 'slack:T1:U_AMIRA',
      after: { period: '2025/26', total: 5_000_000, aligned: 1_250_000 },
    });
  });

  it('defaults to the current UK financial year and compares with the period before', async () => {
    const text = await run(amira, `mission budget ${SLUG} total=5.2m aligned=1.56m`);
    expect(text).toMatch(/2026\/27: 30% \(£1,560,000 of £5,200,000\)/);
    expect(text).toMatch(/2025\/26: 25%, so up 5 points/);
  });

  it('replaces a period recorded again, keeping the earlier figures in its history and the audit log', async () => {
    const text = await run(amira, `mission budget ${SLUG} total=4m aligned=800k period=2025/26`);
    expect(text).toMatch(/2025\/26: 20%/);
    expect(text).toMatch(/It replaces 25% \(£1,250,000 of £5,000,000\) recorded earlier for 2025\/26/);
    expect((await trend()).map((p) => [p.period, p.share])).toEqual([
      ['2025/26', 0.2],
      ['2026/27', 0.3],
    ]);
    expect((await h.store.budgets.history(mission.id, '2025/26')).map((e) => e.aligned)).toEqual([1_250_000]);
    const [entry] = await h.store.audit.list(mission.id, 1);
    expect(entry).toMatchObject({ action: 'budget.record', before: { aligned: 1_250_000 }, after: { aligned: 800_000 } });
  });

  it('orders the trend by period, whatever order the periods were recorded in', async () => {
    await run(amira, `mission budget ${SLUG} total=3m aligned=300k period=2024/25`);
    expect((await trend()).map((p) => p.period)).toEqual(['2024/25', '2025/26', '2026/27']);
    const text = await run(chi, `mission budget ${SLUG}`);
    expect(text).toMatch(/2026\/27: aligned share of partners' spend 30\/100/);
    expect(text).toMatch(/2024\/25: 10% \(£300,000 of £3,000,000\)\n2025\/26: 20% \(£800,000 of £4,000,000\)\n2026\/27: 30%/);
  });

  it.each([
    ['total=5m aligned=6m', /aligned cannot be more than total/],
    ['total=0 aligned=0', /total must be more than zero/],
    ['total=lots aligned=1m', /total must be an amount of money, like £5,000,000, 1.25m or 250k/],
    ['total=5m', /aligned is required, like aligned=£1,250,000/],
    ['total=5m aligned=-1', /aligned must be an amount of money/],
    ['total=5m aligned=1m period=!!', /period must be up to 24 letters, digits, spaces or/],
    ['total=5m aligned=1m spend=2m', /mission budget has no option spend/],
  ])('refuses `%s` and stores nothing', async (args, message) => {
    const before = await trend();
    expect(await run(aled, `mission budget ${SLUG} ${args}`)).toMatch(message);
    expect(await trend()).toEqual(before);
  });

  it('is recorded by admins only, seen by every member, and invisible from another workspace', async () => {
    const before = await trend();
    for (const who of [ben, chi])
      expect(await run(who, `mission budget ${SLUG} total=1m aligned=1m period=2030/31`)).toMatch(/Only the admins of "ladywood-jobs"/);
    expect(await trend()).toEqual(before);
    expect(await run(ben, `mission budget ${SLUG}`)).toMatch(/Budget alignment of ladywood-jobs/);
    expect(await run(eve, `mission budget ${SLUG}`)).toMatch(/No such mission: "ladywood-jobs"/);
    expect(await run(eve, `mission budget ${SLUG} total=1m aligned=1m`)).toMatch(/No such mission: "ladywood-jobs"/);
  });
});
