import { setTimeout as sleep } from 'node:timers/promises';
import { checkinId, roundId, type Checkin, type CheckinRound } from '../../src/domain/checkin';
import type { WeekPoint } from '../../src/domain/digest';
import { memberId, type Mission } from '../../src/domain/mission';
import { DEFAULT_QUESTIONS } from '../../src/domain/questions';
import { addWeeks } from '../../src/domain/week-key';
import { CheckinRepository } from '../../src/store/checkin-repository';
import { readShapes } from '../../src/store/read-shapes';
import { openStore, type Store } from '../../src/store/store';
import { channelOf, command, slackUser, startCore, type CoreHarness } from '../support/core-harness';

/**
 * The digest's trend comes from one stored figure per earlier round (src/store/week-point-
 * repository.ts), checked against the round's check-in stamp. A late answer, an edit or a
 * member added to a round must show in the next digest, whichever replica wrote it; an
 * unchanged week must be read from its figure, not from its check-ins.
 */
let h: CoreHarness;
let other: Store;
const finds: string[] = [];
const admin = slackUser('U_ADMIN', 'T1', 'Amira Khan');
const ben = slackUser('U_BEN', 'T1', 'Ben Okri');
const chi = slackUser('U_CHI', 'T1', 'Chi Obi');
const dee = slackUser('U_DEE', 'T1', 'Dee Ray');
const THIS_WEEK = '2026-W48';
/** Longer than a replica may reuse a stamp it has just read. */
const STAMP_REUSE_MS = 100;
let mission: Mission;
const mid = (u: typeof ben) => memberId(mission.id, u);
const weekId = (back: number) => roundId(mission.id, addWeeks(THIS_WEEK, -back));

const answers = (over: Record<string, string>) => ({
  moved: 'Some progress',
  next: 'Keep going',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
  ...over,
});

/** Closed rounds 1-3 weeks back, asked Amira, Ben and Chi; `confidence[i]` are Ben's and Chi's answers 3-i weeks back. */
async function seedWeeks(confidence: Array<Array<[typeof ben, string]>>): Promise<void> {
  for (const [i, people] of confidence.entries()) {
    const back = confidence.length - i;
    const week = addWeeks(THIS_WEEK, -back);
    const opensAt = new Date(Date.UTC(2026, 10, 27 - back * 7, 10));
    const closesAt = new Date(opensAt.getTime() + 3 * 86_400_000);
    const id = roundId(mission.id, week);
    await h.store.rounds.insert({
      id,
      missionId: mission.id,
      weekKey: week,
      status: 'open',
      opensAt,
      remindAt: opensAt,
      closesAt,
      questions: DEFAULT_QUESTIONS,
      asked: [admin, ben, chi].map(mid),
      away: [],
    });
    await h.store.rounds.markClosed(id, closesAt);
    for (const [u, c] of people) {
      await h.store.checkins.insert({
        id: checkinId(id, mid(u)),
        roundId: id,
        missionId: mission.id,
        memberId: mid(u),
        userKey: `slack:T1:${u.userId}`,
        status: 'answered',
        answers: answers({ confidence: c }),
        late: false,
        submittedAt: opensAt,
      });
    }
  }
}

async function trend(): Promise<WeekPoint[]> {
  const round = (await h.store.rounds.findOpen(mission.id))!;
  const { digest } = await h.runtime.services.digests.build(mission, round);
  return digest.confidence.trend;
}

const pointOf = (points: WeekPoint[], back: number) => points.find((p) => p.weekKey === addWeeks(THIS_WEEK, -back));

beforeAll(async () => {
  h = await startCore('week_points', new Date('2026-11-26T12:00:00Z'));
  other = await openStore(h.db.uri, h.db.dbName, { onCommand: () => undefined }); // turns on command events
  other.connection.getClient().on('commandStarted', (ev: { commandName: string; command: Record<string, unknown> }) => {
    if (ev.commandName === 'find') finds.push(String(ev.command.find));
  });
  await command(h, admin, 'mission create "Every young person in Ladywood in work or training" slug=ladywood-jobs', channelOf(admin));
  await command(h, admin, 'mission add ladywood-jobs <@U_BEN> <@U_CHI> org="Birmingham City Council"', undefined, {
    U_BEN: 'Ben Okri',
    U_CHI: 'Chi Obi',
  });
  mission = (await h.store.missions.findBySlug(admin, 'ladywood-jobs'))!;
  await seedWeeks([
    [
      [ben, '2'],
      [chi, '4'],
    ],
    [[ben, '3']],
    [[ben, '2']],
  ]);
  h.clock.set(new Date('2026-11-27T10:00:00Z'));
  await command(h, admin, 'mission checkin-now ladywood-jobs');
});
afterAll(async () => {
  await other.close();
  await h.close();
});

describe("the digest's trend from stored week figures", () => {
  it('starts from the earlier rounds as answered', async () => {
    const t = await trend();
    expect(t.map((p) => p.weekKey)).toEqual([addWeeks(THIS_WEEK, -3), addWeeks(THIS_WEEK, -2), addWeeks(THIS_WEEK, -1), THIS_WEEK]);
    expect(pointOf(t, 3)).toEqual({ weekKey: addWeeks(THIS_WEEK, -3), asked: 3, answered: 2, confidence: 3, confidenceAnswers: 2 });
    expect(pointOf(t, 1)).toMatchObject({ asked: 3, answered: 1, confidence: 2 });
  });

  it('shows a late answer to a closed round in the next digest', async () => {
    const reply = await h.core.onFormSubmit({ actor: chi, formId: 'checkin', state: weekId(1), values: answers({ confidence: '5' }) });
    expect(reply.kind).toBe('form-done');
    expect((await h.store.checkins.get(checkinId(weekId(1), mid(chi))))?.late).toBe(true);
    expect(pointOf(await trend(), 1)).toMatchObject({ asked: 3, answered: 2, confidence: 3.5, confidenceAnswers: 2 });
  });

  it('counts a member who joined the mission and answered a closed week as asked that week', async () => {
    await command(h, admin, 'mission add ladywood-jobs <@U_DEE> org="Ladywood Community Trust"', undefined, { U_DEE: 'Dee Ray' });
    await h.core.onFormSubmit({ actor: dee, formId: 'checkin', state: weekId(2), values: answers({ confidence: '4' }) });
    expect(pointOf(await trend(), 2)).toMatchObject({ asked: 4, answered: 2, confidence: 3.5 });
  });
});

describe('week figures across two replicas', () => {
  it('reads an unchanged week from its stored figure, not from its check-ins', async () => {
    const rounds = (await Promise.all([3, 2, 1].map((b) => other.rounds.get(weekId(b))))) as CheckinRound[];
    const first = await other.weekPoints.pointsOf(rounds);
    finds.length = 0;
    expect(await other.weekPoints.pointsOf(rounds)).toEqual(first);
    expect(finds).not.toContain('checkins');
    expect(finds.filter((c) => c === 'week_points')).toHaveLength(3);
  });

  it('sees an edit made through the other replica at its next read', async () => {
    const round = (await other.rounds.get(weekId(3)))!;
    expect((await other.weekPoints.pointsOf([round]))[0]).toMatchObject({ confidence: 3 });
    const previous = (await h.store.checkins.get(checkinId(weekId(3), mid(ben))))!;
    await h.store.checkins.edit(previous, answers({ confidence: '5' }), new Date('2026-11-27T11:00:00Z'));
    // A replica may reuse a stamp it read a moment ago (Stamps): "next read" is one after that.
    await sleep(STAMP_REUSE_MS);
    expect((await other.weekPoints.pointsOf([round]))[0]).toMatchObject({ confidence: 4.5, answered: 2 });
    // And the replica that wrote it agrees.
    expect((await h.store.weekPoints.pointsOf([round]))[0]).toMatchObject({ confidence: 4.5 });
  });

  it('sees a member added to a round on the other replica, and a skip changes no figure', async () => {
    await h.store.rounds.addAsked(weekId(1), mid(dee));
    const round = (await other.rounds.get(weekId(1)))!;
    expect((await other.weekPoints.pointsOf([round]))[0]).toMatchObject({ asked: 4, answered: 2 });
    await h.store.checkins.insert({
      id: checkinId(weekId(1), mid(admin)),
      roundId: weekId(1),
      missionId: mission.id,
      memberId: mid(admin),
      userKey: 'slack:T1:U_ADMIN',
      status: 'skipped',
      answers: {},
      late: true,
      submittedAt: new Date('2026-11-27T11:00:00Z'),
    });
    expect((await other.weekPoints.pointsOf([round]))[0]).toMatchObject({ asked: 4, answered: 2, confidence: 3.5 });
    expect((await other.checkins.listByRound(round)).map((c) => c.status).sort()).toEqual(['answered', 'answered', 'skipped']);
  });
});

describe("a round's check-ins by who was asked", () => {
  const sorted = (list: Checkin[]) => list.map((c) => `${c.memberId}:${c.status}`).sort();

  it('finds the same check-ins as the query on roundId, and none of another round', async () => {
    const open = (await h.store.rounds.findOpen(mission.id))!;
    await h.core.onFormSubmit({ actor: ben, formId: 'checkin', state: open.id, values: answers({ confidence: '4' }) });
    await command(h, chi, 'checkin skip ladywood-jobs');
    await h.store.checkins.insert({
      id: checkinId('round:other:2026-W48', mid(ben)),
      roundId: 'round:other:2026-W48',
      missionId: 'other',
      memberId: mid(ben),
      userKey: 'slack:T1:U_BEN',
      status: 'answered',
      answers: {},
      late: false,
      submittedAt: new Date(),
    });
    const round = (await h.store.rounds.get(open.id))!;
    const byId = new CheckinRepository(h.store.connection, h.store.stamps, readShapes('id-lookups', h.store.connection));
    const byQuery = new CheckinRepository(h.store.connection, h.store.stamps, readShapes('indexed', h.store.connection));
    const expected = sorted(await byQuery.listByRound(round.id));
    expect(expected).toEqual([`${mid(ben)}:answered`, `${mid(chi)}:skipped`]);
    expect(sorted(await byId.listByRound(round))).toEqual(expected);
    expect(sorted(await byQuery.listByRound(round))).toEqual(expected);
  });

  it('adds whoever answers to the round before storing the answer, so lookups by asked find it', async () => {
    const open = (await h.store.rounds.findOpen(mission.id))!;
    const w49 = roundId(mission.id, '2026-W49');
    await h.store.rounds.insert({ ...open, id: w49, weekKey: '2026-W49', asked: [mid(admin)], away: [] });
    await h.core.onFormSubmit({ actor: dee, formId: 'checkin', state: w49, values: answers({ confidence: '2' }) });
    const stored = (await h.store.rounds.get(w49))!;
    expect(stored.asked).toEqual([mid(admin), mid(dee)]);
    const byId = new CheckinRepository(h.store.connection, h.store.stamps, readShapes('id-lookups', h.store.connection));
    expect((await byId.listByRound(stored)).map((c) => c.memberId)).toEqual([mid(dee)]);
    // A digest given the round as it was before Dee answered still finds her answer.
    const input = await h.runtime.services.digests.load(mission, { ...stored, asked: [mid(admin)] });
    expect(input.checkins.map((c) => c.memberId)).toEqual([mid(dee)]);
  });
});
