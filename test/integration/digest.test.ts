import { checkinId, roundId, type CheckinRound } from '../../src/domain/checkin';
import { memberId, type Mission } from '../../src/domain/mission';
import { DEFAULT_QUESTIONS } from '../../src/domain/questions';
import { addWeeks } from '../../src/domain/week-key';
import { DIGEST_DETAILS_ACTION } from '../../src/messages/digest-message';
import type { Message } from '../../src/messages/model';
import type { Reply } from '../../src/services/replies';
import { channelOf, command, messageText, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';
import { outboxDrained } from '../support/wait-for';

/**
 * The digest through the services, the real database and the outbox: a seeded history of
 * rounds, this week's answers through the check-in form, indicators and budget through their
 * commands; the round closes and one digest reaches the digest channel.
 */
let h: CoreHarness;
const slack = new RecordingSender('slack');
const admin = slackUser('U_ADMIN', 'T1', 'Amira Khan');
const lead = slackUser('U_LEAD', 'T1', 'Lena Ortiz');
const ben = slackUser('U_BEN', 'T1', 'Ben Okri');
const chi = slackUser('U_CHI', 'T1', 'Chi Obi');
const dee = slackUser('U_DEE', 'T1', 'Dee Ray');
const eve = slackUser('U_EVE', 'T1', 'Eve Arnold');
const outsider = slackUser('U_OUT', 'T1', 'Olly Out');
const CHANNEL = 'C-general';
let mission: Mission;
let round: CheckinRound;

/** Digests in the digest channel, as delivered. */
function digests(): Message[] {
  return slack.delivered.filter((d) => d.conversationId === CHANNEL && d.message.summary.startsWith('Digest for')).map((d) => d.message);
}

const answers = (over: Record<string, string>) => ({
  moved: '',
  next: 'Keep going',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
  ...over,
});

async function submit(actor: typeof ben, values: Record<string, string>): Promise<Reply> {
  return h.core.onFormSubmit({ actor, formId: 'checkin', state: round.id, values });
}

async function press(actor: typeof ben, value: string): Promise<Reply> {
  return h.core.onAction({ actor, where: channelOf(actor, CHANNEL), actionId: DIGEST_DETAILS_ACTION, value });
}

/** Eight closed weeks before this one, with confidence averages 2.5, 3, 3, 3.5, none, 3.5, 2, 3. */
async function seedHistory(): Promise<void> {
  const past: Array<Array<[typeof ben, string]>> = [
    [
      [ben, '2'],
      [chi, '3'],
    ],
    [
      [ben, '3'],
      [chi, '3'],
    ],
    [
      [ben, '3'],
      [chi, '3'],
    ],
    [
      [ben, '3'],
      [chi, '4'],
    ],
    [],
    [
      [ben, '3'],
      [chi, '4'],
    ],
    [
      [ben, '2'],
      [chi, '2'],
    ],
    [
      [ben, '3'],
      [chi, '3'],
    ],
  ];
  const asked = [admin, lead, ben, chi, dee, eve].map((u) => memberId(mission.id, u));
  for (const [i, people] of past.entries()) {
    const week = addWeeks('2026-W48', i - past.length);
    const opensAt = new Date(Date.UTC(2026, 9, 2 + i * 7, 10));
    const id = roundId(mission.id, week);
    await h.store.rounds.insert({
      id,
      missionId: mission.id,
      weekKey: week,
      status: 'open',
      opensAt,
      remindAt: opensAt,
      closesAt: new Date(opensAt.getTime() + 3 * 86_400_000),
      questions: DEFAULT_QUESTIONS,
      asked,
      away: [],
    });
    await h.store.rounds.markClosed(id, new Date(opensAt.getTime() + 3 * 86_400_000));
    for (const [u, confidence] of people) {
      const mid = memberId(mission.id, u);
      await h.store.checkins.insert({
        id: checkinId(id, mid),
        roundId: id,
        missionId: mission.id,
        memberId: mid,
        userKey: `slack:T1:${u.userId}`,
        status: 'answered',
        answers: answers({ moved: 'Earlier work', confidence }),
        late: false,
        submittedAt: opensAt,
      });
    }
  }
}

beforeAll(async () => {
  // Thursday 26 Nov 2026, 12:00 London.
  h = await startCore('digest_service', new Date('2026-11-26T12:00:00Z'));
  h.runtime.startDispatcher(new Map([['slack', slack]]), { limits: { timeScale: 0.001 }, pollIntervalMs: 50 });
  await command(
    h,
    admin,
    'mission create "Every young person in Ladywood in work or training" slug=ladywood-jobs',
    channelOf(admin, CHANNEL),
  );
  await command(h, admin, 'mission add ladywood-jobs <@U_LEAD> org="Birmingham City Council" role=lead', undefined, {
    U_LEAD: 'Lena Ortiz',
  });
  await command(h, admin, 'mission add ladywood-jobs <@U_BEN> <@U_CHI> org="Birmingham City Council"', undefined, {
    U_BEN: 'Ben Okri',
    U_CHI: 'Chi Obi',
  });
  await command(h, admin, 'mission add ladywood-jobs <@U_DEE> <@U_EVE> org="Ladywood Community Trust"', undefined, {
    U_DEE: 'Dee Ray',
    U_EVE: 'Eve Arnold',
  });
  await command(
    h,
    admin,
    'mission indicator ladywood-jobs add key=youth-claimants name="Young people claiming benefits" baseline=420@2026-01 target=300@2030-01 unit=people',
  );
  await command(h, admin, 'mission indicator ladywood-jobs record key=youth-claimants value=415 date=2026-09');
  await command(h, admin, 'mission indicator ladywood-jobs record key=youth-claimants value=403 date=2026-10');
  await command(h, admin, 'mission budget ladywood-jobs total=2000000 aligned=560000 period=2025/26');
  await command(h, admin, 'mission budget ladywood-jobs total=2100000 aligned=714000 period=2026/27');
  mission = (await h.store.missions.findBySlug({ platform: 'slack', workspaceId: 'T1' }, 'ladywood-jobs'))!;
});
afterAll(async () => {
  await h.close();
});

describe('the weekly digest', () => {
  it('is not sent on request before any round has run, and never by a plain member', async () => {
    expect(replyText(await command(h, lead, 'mission digest-now ladywood-jobs'))).toMatch(/No check-in has run for "ladywood-jobs" yet/);
    expect(replyText(await command(h, ben, 'mission digest-now ladywood-jobs'))).toMatch(
      /Only the leads and admins of "ladywood-jobs" can send its digest/,
    );
    await seedHistory();
  });

  it('a week of answers, a skip and an away member, then the round closes: one digest in the digest channel', async () => {
    h.clock.set(new Date('2026-11-27T10:00:00Z'));
    expect(replyText(await command(h, admin, 'mission checkin-now ladywood-jobs'))).toMatch(/open/i);
    round = (await h.store.rounds.findOpen(mission.id))!;
    await submit(
      ben,
      answers({
        moved: 'Two employers signed the pledge',
        confidence: '4',
        blocker: 'Employer portal down',
        blocker_severity: 'high',
        blocker_help: 'IT team',
      }),
    );
    await submit(chi, answers({ moved: 'Careers fair booked', confidence: '3', story: 'A young carer got her first interview' }));
    await submit(eve, answers({ moved: 'Youth club drop-in ran twice', confidence: '4' }));
    await command(h, dee, 'checkin skip ladywood-jobs');
    await command(h, lead, 'checkin away until=2026-12-20');
    h.clock.set(new Date('2026-11-30T10:00:00Z'));
    await command(h, admin, 'mission close-now ladywood-jobs');
    await outboxDrained(h.runtime);
    expect(digests()).toHaveLength(1);
    const items = await h.runtime.ctx.outboxItems.get(`digest:${round.id}`);
    expect(items?.status).toBe('sent');
  });

  it('shows participation by organisation, with skipped and away apart from missing', () => {
    const text = messageText(digests()[0]);
    expect(text).toContain('Weekly digest: ladywood-jobs: week 48, 23–29 Nov 2026');
    expect(text).toContain('Participation  3 of 5 answered (60%) · 1 skipped · 1 no reply · 1 away');
    expect(text).toContain('Heard from 2 of 2 organisations.');
    expect(text).toContain('Birmingham City Council: 2 of 2 answered · 1 away');
    expect(text).toContain('Ladywood Community Trust: 1 of 2 answered · 1 skipped');
    expect(text).toContain('No organisation: 0 of 1 answered · 1 no reply');
  });

  it('shows confidence against last week and the trend over the seeded weeks', () => {
    const text = messageText(digests()[0]);
    expect(text).toContain('Confidence  3.7 / 5 from 3 answers, up 0.7 on week 47 (3.0)');
    expect(text).toContain('Last 9 weeks: ▄▅▅▅·▅▃▅▆  2.5 → 3.7');
  });

  it('shows the indicator status and trajectory, the budget share, the new blocker and the story, attributed', () => {
    const text = messageText(digests()[0]);
    expect(text).toMatch(
      /Young people claiming benefits: 403 people \(Oct 2026\) · 🟢 on track · ↓ 12 people since Sep 2026 · needs ≤ 39\d(\.\d+)? people now · target 300 people by Jan 2030/,
    );
    expect(text).toContain('Budget alignment  34% aligned (£714,000 of £2,100,000, 2026/27), up 6 points on 2025/26');
    expect(text).toContain('🔴 Employer portal down — Ben Okri, Birmingham City Council · high');
    expect(text).toContain('“A young carer got her first interview” — Chi Obi, Birmingham City Council');
  });

  it('carries a real chart: a PNG of at most 12 KB with alt text', () => {
    const chart = digests()[0].blocks.find((b) => b.kind === 'chart');
    expect(chart?.kind).toBe('chart');
    if (chart?.kind !== 'chart') return;
    const png = Buffer.from(chart.pngBase64, 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.length).toBeGreaterThan(1_000);
    expect(png.length).toBeLessThanOrEqual(12_000);
    expect(chart.altText.length).toBeGreaterThan(20);
  });

  it('is sent once however often the close hook runs', async () => {
    expect(await h.runtime.services.rounds.close(mission, round)).toBe(false);
    await h.runtime.services.digests.onRoundClosed(mission, { ...round, status: 'closed' });
    await outboxDrained(h.runtime);
    expect(digests()).toHaveLength(1);
  });

  it('Full details gives a member every answer privately; others are refused', async () => {
    const button = digests()[0].blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []))[0];
    const reply = await press(dee, button.value);
    expect(reply.kind).toBe('private');
    const text = replyText(reply);
    expect(text).toContain('Full details: ladywood-jobs: week 48, 23–29 Nov 2026');
    expect(text).toContain('Ben Okri · Birmingham City Council\nWhat moved this week toward the mission?\nTwo employers signed the pledge');
    expect(text).toContain('Skipped: Dee Ray');
    expect(text).toContain('Away: Lena Ortiz');
    expect(replyText(await press(outsider, button.value))).toMatch(/Only members of "ladywood-jobs" can see the full details/);
    expect(replyText(await press(dee, '{"r":"round:nope:2026-W01","p":1}'))).toMatch(/no longer available/);
  });

  it('digest-now by a lead sends a new, numbered digest each time; a member is refused', async () => {
    expect(replyText(await command(h, lead, 'mission digest-now ladywood-jobs'))).toContain(
      'Sent the digest for ladywood-jobs: week 48, 23–29 Nov 2026 to the digest channel.',
    );
    expect(replyText(await command(h, admin, 'mission digest-now ladywood-jobs'))).toContain('Sent the digest');
    expect(replyText(await command(h, ben, 'mission digest-now ladywood-jobs'))).toMatch(/Only the leads and admins/);
    await outboxDrained(h.runtime);
    expect(digests()).toHaveLength(3);
    expect(await h.runtime.ctx.outboxItems.get(`digest:${round.id}:1`)).toMatchObject({ status: 'sent' });
    expect(await h.runtime.ctx.outboxItems.get(`digest:${round.id}:2`)).toMatchObject({ status: 'sent' });
  });

  it('digest-now on an open round says "so far"', async () => {
    h.clock.set(new Date('2026-12-04T10:00:00Z'));
    await command(h, admin, 'mission checkin-now ladywood-jobs');
    await submit(ben, answers({ moved: 'More progress', confidence: '5' })).catch(() => undefined);
    round = (await h.store.rounds.findOpen(mission.id))!;
    await submit(ben, answers({ moved: 'More progress', confidence: '5' }));
    expect(replyText(await command(h, lead, 'mission digest-now ladywood-jobs'))).toContain('week 49, 30 Nov – 6 Dec 2026 (so far)');
    await outboxDrained(h.runtime);
    const latest = digests()[digests().length - 1];
    expect(messageText(latest)).toContain('Round still open: numbers so far');
    expect(messageText(latest)).toContain('Participation  1 of 5 answered (20%) · 4 no reply · 1 away');
  });
});
