import { expectedAt } from '../../src/domain/indicator-status';
import { memberId, type Mission } from '../../src/domain/mission';
import { channelOf, command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';

/**
 * `mission indicator ...` and `mission indicators` through the core on the real database.
 * Commands are spread over several admins: the core allows each person 30 commands a minute.
 */
let h: CoreHarness;
let mission: Mission;
const amira = slackUser('U_AMIRA', 'T1', 'Amira'); // admin: the happy paths
const aled = slackUser('U_ALED', 'T1', 'Aled'); // admin: the refusals
const fatima = slackUser('U_FATIMA', 'T1', 'Fatima'); // admin of another mission: the limit
const ben = slackUser('U_BEN', 'T1', 'Ben'); // lead
const chi = slackUser('U_CHI', 'T1', 'Chi'); // member
const eve = slackUser('U_EVE', 'T2', 'Eve'); // another workspace
const NAMES = { U_BEN: 'Ben', U_CHI: 'Chi', U_ALED: 'Aled', U_DAFYDD: 'Dafydd', U_ZED: 'Zed' };
const SLUG = 'ladywood-jobs';

const dafydd = slackUser('U_DAFYDD', 'T1', 'Dafydd'); // admin: the refused readings
/** Runs a command a second after the last one, so the audit log and the indicators have an order. */
const run = (actor: typeof amira, text: string) => {
  h.clock.advance(1000);
  return command(h, actor, text, channelOf(actor), NAMES).then(replyText);
};
const indicator = (key: string) => h.store.indicators.get(mission.id, key);
const auditActions = async () => (await h.store.audit.list(mission.id, 200)).map((a) => a.action);
const ADD_CLAIMANTS = `mission indicator ${SLUG} add key=youth-claimants name="Young people claiming out-of-work benefits" baseline=420@2024-04 target=210@2030-03 unit=people`;

beforeAll(async () => {
  // Thursday 26 November 2026, midday in London.
  h = await startCore('indicators', new Date('2026-11-26T12:00:00Z'));
  await run(amira, `mission create "Every young person in Ladywood in work or training" slug=${SLUG}`);
  await run(amira, `mission add ${SLUG} <@U_BEN> role=lead org="Jobcentre Plus"`);
  await run(amira, `mission add ${SLUG} <@U_CHI> org="Ladywood Community Trust"`);
  await run(amira, `mission add ${SLUG} <@U_ALED> <@U_DAFYDD> role=admin`);
  mission = (await h.store.missions.findBySlug(amira, SLUG))!;
});
afterAll(async () => {
  await h.close();
});

describe('adding an indicator', () => {
  it('stores it, infers that lower is better, says what on track means today, and audits it', async () => {
    const text = await run(amira, ADD_CLAIMANTS);
    expect(text).toMatch(/Indicator added/);
    expect(text).toMatch(/lower is better/);
    // 2024-04-01 to 2030-03-01 is 2160 days; 26 Nov 2026 is day 969: 420 − 210 × 969/2160 = 325.79.
    expect(text).toMatch(/On track today means at most about 325\.79 people/);
    const stored = await indicator('youth-claimants');
    expect(stored).toMatchObject({
      key: 'youth-claimants',
      name: 'Young people claiming out-of-work benefits',
      unit: 'people',
      direction: 'down',
      baseline: { value: 420, date: '2024-04-01' },
      target: { value: 210, date: '2030-03-01' },
    });
    expect(stored?.ownerMemberId).toBeUndefined();
    const [entry] = await h.store.audit.list(mission.id, 1);
    expect(entry).toMatchObject({
      action: 'indicator.add',
      actorKey: 'slack:T1:U_AMIRA',
      after: { key: 'youth-claimants', direction: 'down' },
    });
  });

  it('takes an owner from the mission and infers that higher is better', async () => {
    const text = await run(
      amira,
      `mission indicator ${SLUG} add key=employer-pledges name="Employers signed up to the pledge" baseline=12@2025-01 target=200@2030-01 owner=<@U_BEN>`,
    );
    expect(text).toMatch(/higher is better/);
    expect(text).toMatch(/Ben will be asked for it in their check-in/);
    expect(await indicator('employer-pledges')).toMatchObject({ direction: 'up', ownerMemberId: memberId(mission.id, ben) });
  });

  it('lets the admin say the direction when the target equals the baseline', async () => {
    const text = await run(
      amira,
      `mission indicator ${SLUG} add key=care-leavers-housed name="Care leavers in settled housing" baseline=80@2025-04 target=80@2027-04 unit=% direction=up`,
    );
    expect(text).toMatch(/Indicator added/);
    expect(await indicator('care-leavers-housed')).toMatchObject({ direction: 'up', unit: '%' });
  });

  it.each([
    ['key=Youth_Claimants name="X y" baseline=1@2024-01 target=2@2025-01', /key must be 2–30 lowercase letters, digits or dashes/],
    ['key=k name="X y" baseline=1@2024-01 target=2@2025-01', /key must be 2–30 lowercase letters, digits or dashes/],
    ['key=new-one name="X y" baseline=420 target=210@2030-03', /baseline must be value@date, like 420@2024-04/],
    ['key=new-one name="X y" baseline=lots@2024-04 target=210@2030-03', /baseline must start with a number before the @/],
    ['key=new-one name="X y" baseline=420@2024-04 target=210@2030-13', /target must end with a date YYYY-MM or YYYY-MM-DD after the @/],
    [
      'key=new-one name="X y" baseline=420@2030-04 target=210@2024-03',
      /the target date \(2024-03-01\) must be after the baseline date \(2030-04-01\)/,
    ],
    [
      'key=new-one name="X y" baseline=420@2024-04 target=420@2030-03',
      /the target equals the baseline, so say which way is better: direction=down or direction=up/,
    ],
    ['key=new-one baseline=420@2024-04 target=210@2030-03', /name is required/],
    ['key=new-one name=Young people baseline=420@2024-04 target=210@2030-03', /put values with spaces in quotes, like name="Young people"/],
    ['key=new-one name="X y" baseline=420@2024-04 target=210@2030-03 direction=sideways', /direction must be one of down, up/],
    ['key=new-one name="X y" baseline=420@2024-04 target=210@2030-03 value=3', /mission indicator add has no option value/],
    ['key=new-one name="X y" baseline=420@2024-04 target=210@2030-03 owner=@ben', /@ben is not a mention: pick the person from the list/],
    [
      'key=new-one name="X y" baseline=420@2024-04 target=210@2030-03 owner=<@U_ZED>',
      /Zed is not on ladywood-jobs, so they cannot own an indicator/,
    ],
    ['key=youth-claimants name="X y" baseline=1@2024-01 target=2@2025-01', /already has an indicator with key youth-claimants/],
  ])('refuses `add %s` with a clear message and stores nothing', async (args, message) => {
    const before = await h.store.indicators.countByMission(mission.id);
    const audited = (await auditActions()).length;
    expect(await run(aled, `mission indicator ${SLUG} add ${args}`)).toMatch(message);
    expect(await h.store.indicators.countByMission(mission.id)).toBe(before);
    expect((await auditActions()).length).toBe(audited);
    expect((await indicator('youth-claimants'))?.name).toBe('Young people claiming out-of-work benefits');
  });

  it('refuses a missing or unknown action, pointing at the right form', async () => {
    expect(await run(aled, `mission indicator ${SLUG} key=x`)).toMatch(/say what to do after the slug: add, edit, remove or record/);
    expect(await run(aled, `mission indicator ${SLUG} recrod key=youth-claimants value=3`)).toMatch(/Did you mean record\?/);
    expect(await run(aled, `mission indicator add ${SLUG} key=x`)).toMatch(/put the mission's slug before add/);
  });

  it('allows at most 12 indicators per mission', async () => {
    await run(fatima, 'mission create "Warm, dry homes for every family in Ladywood" slug=warm-homes');
    const other = (await h.store.missions.findBySlug(fatima, 'warm-homes'))!;
    for (let i = 1; i <= 12; i++) {
      expect(
        await run(fatima, `mission indicator warm-homes add key=homes-${i} name="Homes ${i}" baseline=100@2025-01 target=50@2030-01`),
      ).toMatch(/Indicator added/);
    }
    expect(
      await run(fatima, 'mission indicator warm-homes add key=homes-13 name="Homes 13" baseline=100@2025-01 target=50@2030-01'),
    ).toMatch(/warm-homes already has 12 indicators, the most a mission can have/);
    expect(await h.store.indicators.countByMission(other.id)).toBe(12);
    expect(await h.store.indicators.get(other.id, 'homes-13')).toBeUndefined();
  });

  it('is for admins only: a lead and a member are refused', async () => {
    for (const who of [ben, chi]) {
      expect(await run(who, `mission indicator ${SLUG} add key=refused name="Refused one" baseline=1@2024-01 target=2@2025-01`)).toMatch(
        /Only the admins of "ladywood-jobs" can change it/,
      );
    }
    expect(await indicator('refused')).toBeUndefined();
  });

  it('is not visible from another workspace', async () => {
    expect(await run(eve, `mission indicator ${SLUG} add key=theirs name="Theirs one" baseline=1@2024-01 target=2@2025-01`)).toMatch(
      /No such mission: "ladywood-jobs"/,
    );
    expect(await run(eve, `mission indicators ${SLUG}`)).toMatch(/No such mission: "ladywood-jobs"/);
    expect(await run(eve, `mission indicator ${SLUG} record key=youth-claimants value=1`)).toMatch(/No such mission: "ladywood-jobs"/);
  });
});

describe('editing an indicator', () => {
  it('changes what is given, lists the changes, and audits before and after', async () => {
    const text = await run(amira, `mission indicator ${SLUG} edit key=youth-claimants target=200@2030-03 owner=<@U_CHI>`);
    expect(text).toMatch(/Indicator updated/);
    expect(text).toMatch(/Target: 210 people on 2030-03-01 → 200 people on 2030-03-01/);
    expect(text).toMatch(/Owner: none → Chi/);
    expect(await indicator('youth-claimants')).toMatchObject({
      target: { value: 200, date: '2030-03-01' },
      ownerMemberId: memberId(mission.id, chi),
      direction: 'down',
    });
    const [entry] = await h.store.audit.list(mission.id, 1);
    expect(entry).toMatchObject({ action: 'indicator.edit', before: { target: { value: 210 } }, after: { target: { value: 200 } } });
  });

  it('clears the owner and the unit with none', async () => {
    await run(amira, `mission indicator ${SLUG} edit key=care-leavers-housed unit=none owner=none`);
    const stored = await indicator('care-leavers-housed');
    expect(stored?.unit).toBeUndefined();
    expect(stored?.ownerMemberId).toBeUndefined();
  });

  it('says so when nothing would change, and writes nothing', async () => {
    const audited = (await auditActions()).length;
    expect(await run(aled, `mission indicator ${SLUG} edit key=youth-claimants target=200@2030-03`)).toMatch(/nothing changed/);
    expect((await auditActions()).length).toBe(audited);
  });

  it.each([
    ['key=youth-claimants', /say what to change, like target=200@2030-03/],
    ['key=nope name="New name"', /ladywood-jobs has no indicator with key nope/],
    ['key=youth-claimants target=100@2023-01', /The target date \(2023-01-01\) must be after the baseline date \(2024-04-01\)/],
    ['key=youth-claimants baseline=x@2024-01', /baseline must start with a number/],
    ['key=youth-claimants owner=<@U_ZED>', /Zed is not on ladywood-jobs/],
    ['key=youth-claimants value=3', /mission indicator edit has no option value/],
  ])('refuses `edit %s` and changes nothing', async (args, message) => {
    const before = await indicator('youth-claimants');
    expect(await run(aled, `mission indicator ${SLUG} edit ${args}`)).toMatch(message);
    expect(await indicator('youth-claimants')).toEqual(before);
  });

  it('is for admins only', async () => {
    expect(await run(ben, `mission indicator ${SLUG} edit key=youth-claimants name="Renamed by a lead"`)).toMatch(/Only the admins/);
    expect((await indicator('youth-claimants'))?.name).toBe('Young people claiming out-of-work benefits');
  });
});

describe('recording readings', () => {
  it('lets a lead record one, keeping who recorded it, and says the status', async () => {
    const text = await run(ben, `mission indicator ${SLUG} record key=youth-claimants value=380 date=2026-10 note="DWP quarterly release"`);
    expect(text).toMatch(/Recorded 380 people for Young people claiming out-of-work benefits \(youth-claimants\) on 2026-10-01/);
    // On 2026-10-01 the line (420 → 200) is at 327.0; 380 is 24% of the planned change behind.
    expect(text).toMatch(/off track: the trajectory was 327(\.\d+)? people on 2026-10-01/);
    const stored = (await indicator('youth-claimants'))!;
    const readings = await h.store.indicators.readings.list(stored.uid);
    expect(readings).toEqual([
      expect.objectContaining({
        value: 380,
        date: '2026-10-01',
        note: 'DWP quarterly release',
        recordedBy: memberId(mission.id, ben),
        recordedByName: 'Ben',
      }),
    ]);
    const [entry] = await h.store.audit.list(mission.id, 1);
    expect(entry).toMatchObject({ action: 'indicator.record', actorKey: 'slack:T1:U_BEN', after: { value: 380, date: '2026-10-01' } });
  });

  it('replaces a reading for the same date, keeping the earlier one as superseded', async () => {
    const text = await run(amira, `mission indicator ${SLUG} record key=youth-claimants value=330 date=2026-10-01`);
    expect(text).toMatch(/It replaces the 380 people recorded for that date earlier/);
    expect(text).toMatch(/on track/);
    const stored = (await indicator('youth-claimants'))!;
    expect((await h.store.indicators.readings.list(stored.uid)).map((r) => r.value)).toEqual([330]);
    const versions = await h.store.indicators.readings.versions(stored.uid, '2026-10-01');
    expect(versions.map((v) => v.value)).toEqual([380, 330]);
    expect(versions[0].supersededAt).toBeInstanceOf(Date);
    expect(versions[1].supersededAt).toBeUndefined();
  });

  it('dates a reading today when no date is given', async () => {
    await run(amira, `mission indicator ${SLUG} record key=employer-pledges value=40`);
    const stored = (await indicator('employer-pledges'))!;
    expect((await h.store.indicators.readings.list(stored.uid)).map((r) => [r.date, r.value])).toEqual([['2026-11-26', 40]]);
  });

  it.each([
    ['key=youth-claimants value=lots', /value must be a number, like 395/],
    ['key=youth-claimants', /value is required/],
    ['key=youth-claimants value=300 date=2027-01', /date cannot be in the future/],
    ['key=youth-claimants value=300 date=2026-13', /date must be YYYY-MM or YYYY-MM-DD/],
    ['key=nope value=300', /ladywood-jobs has no indicator with key nope/],
    [
      'key=youth-claimants value=300 baseline=1@2024-01',
      /mission indicator record has no option baseline; it accepts key, value, date, note/,
    ],
  ])('refuses `record %s` and stores nothing', async (args, message) => {
    const uid = (await indicator('youth-claimants'))!.uid;
    const before = await h.store.indicators.readings.list(uid);
    expect(await run(dafydd, `mission indicator ${SLUG} record ${args}`)).toMatch(message);
    expect(await h.store.indicators.readings.list(uid)).toEqual(before);
  });

  it('is for admins and leads: a member is refused', async () => {
    const uid = (await indicator('youth-claimants'))!.uid;
    expect(await run(chi, `mission indicator ${SLUG} record key=youth-claimants value=1`)).toMatch(
      /Only the admins and leads of "ladywood-jobs" can record readings/,
    );
    expect((await h.store.indicators.readings.list(uid)).map((r) => r.value)).toEqual([330]);
  });
});

describe('listing indicators', () => {
  it('shows every member each indicator with its latest value and status', async () => {
    const text = await run(chi, `mission indicators ${SLUG}`);
    expect(text).toMatch(/Young people claiming out-of-work benefits \(youth-claimants\) — 🟢 on track/);
    expect(text).toMatch(/Latest: 330 people on 2026-10-01/);
    expect(text).toMatch(/Owner: Chi/);
    expect(text).toMatch(/Employers signed up to the pledge \(employer-pledges\) — 🔴 off track/);
    expect(text).toMatch(/Care leavers in settled housing \(care-leavers-housed\) — ⚪ no readings yet/);
  });

  it('gives the digest each indicator with its readings, status and the value needed now', async () => {
    const all = await h.runtime.services.indicators.listWithStatus(mission.id, '2026-11-26');
    expect(all.map((x) => [x.indicator.key, x.status])).toEqual([
      ['youth-claimants', 'on-track'],
      ['employer-pledges', 'off-track'],
      ['care-leavers-housed', 'no-data'],
    ]);
    const claimants = all[0];
    expect(claimants.latest?.value).toBe(330);
    expect(claimants.readings.map((r) => r.value)).toEqual([330]);
    expect(claimants.expectedNow).toBeCloseTo(expectedAt(claimants.indicator, '2026-11-26'), 9);
    expect(claimants.expectedNow).toBeLessThan(claimants.expectedAtLatest!);
    expect(all[2].latest).toBeUndefined();
  });
});

describe('removing an indicator', () => {
  it('removes it with its readings, keeps them in the audit log, and a re-added key starts afresh', async () => {
    const text = await run(amira, `mission indicator ${SLUG} remove key=employer-pledges`);
    expect(text).toMatch(/Removed the indicator Employers signed up to the pledge \(employer-pledges\) from ladywood-jobs/);
    expect(await indicator('employer-pledges')).toBeUndefined();
    const [entry] = await h.store.audit.list(mission.id, 1);
    expect(entry).toMatchObject({
      action: 'indicator.remove',
      before: { key: 'employer-pledges', readings: [{ date: '2026-11-26', value: 40 }] },
    });

    await run(
      amira,
      `mission indicator ${SLUG} add key=employer-pledges name="Employers signed up to the pledge" baseline=12@2025-01 target=200@2030-01`,
    );
    const fresh = (await indicator('employer-pledges'))!;
    expect(await h.store.indicators.readings.list(fresh.uid)).toEqual([]);
  });

  it('refuses an unknown key and a member', async () => {
    expect(await run(dafydd, `mission indicator ${SLUG} remove key=nope`)).toMatch(/ladywood-jobs has no indicator with key nope/);
    expect(await run(chi, `mission indicator ${SLUG} remove key=youth-claimants`)).toMatch(/Only the admins/);
    expect(await indicator('youth-claimants')).toBeDefined();
  });
});

describe('owners written with a space after owner=', () => {
  it('takes the mention that follows', async () => {
    await run(amira, `mission indicator ${SLUG} edit key=care-leavers-housed owner= <@U_BEN>`);
    expect((await indicator('care-leavers-housed'))?.ownerMemberId).toBe(memberId(mission.id, ben));
  });
});
