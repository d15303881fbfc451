import { DEFAULT_QUESTIONS } from '../../src/domain/questions';
import { missionModel } from '../../src/store/models/mission-model';
import { upgradeMissionTimeZones } from '../../src/store/mission-zone-upgrade';
import { openStore, type Store } from '../../src/store/store';
import { command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';

/**
 * Older versions stored a mission's zone twice (`timeZone` and `schedule.timeZone`), and
 * `mission schedule tz=` changed only the schedule's, which the rounds ran on. Missions stored
 * that way keep running on that zone, and every view shows it, before and after the store
 * moves them to one field when it opens.
 */
let h: CoreHarness;
const admin = slackUser('U_ADMIN', 'T1', 'Amira');
// Thursday 3 December 2026, 20:00 in London: already Friday 01:30 in Kolkata.
const NOW = new Date('2026-12-03T20:00:00Z');

/** A mission exactly as an older version wrote it. */
function olderDocument(id: string, slug: string, timeZone: string, scheduleZone: string | undefined, nextOpenAt: Date) {
  return {
    _id: id,
    home: { platform: 'slack', workspaceId: 'T1' },
    homeKey: 'slack:T1',
    workspaceKeys: ['slack:T1'],
    slug,
    statement: `By 2030, ${slug} reaches every young person in Ladywood`,
    timeZone,
    schedule: {
      day: 5,
      time: '10:00',
      ...(scheduleZone ? { timeZone: scheduleZone } : {}),
      remindAfterMinutes: 1440,
      closeAfterMinutes: 4320,
      paused: false,
    },
    questions: JSON.stringify(DEFAULT_QUESTIONS),
    nextOpenAt,
    createdBy: { platform: 'slack', workspaceId: 'T1', userId: 'U_ADMIN' },
    createdAt: new Date('2026-11-01T09:00:00Z'),
    updatedAt: new Date('2026-11-02T09:00:00Z'),
  };
}

// Fridays 10:00: 04:30 UTC in Kolkata, 15:00 in New York, 18:00 in Los Angeles.
const KOLKATA_OPENING = new Date('2026-12-04T04:30:00Z');
const OLDER = [
  // `mission schedule moved tz=Asia/Kolkata` on an older version: the two fields disagree.
  olderDocument('msn_moved', 'moved', 'Europe/London', 'Asia/Kolkata', KOLKATA_OPENING),
  olderDocument('msn_agreed', 'agreed', 'America/New_York', 'America/New_York', new Date('2026-12-04T15:00:00Z')),
  olderDocument('msn_current', 'current', 'America/Los_Angeles', undefined, new Date('2026-12-04T18:00:00Z')),
];

const stored = (store: Store) =>
  missionModel(store.connection)
    .find({}, { timeZone: 1, schedule: 1 })
    .sort({ _id: 1 })
    .lean<Array<{ _id: string; timeZone: string; schedule: Record<string, unknown> }>>()
    .exec();

beforeAll(async () => {
  h = await startCore('zone_upgrade', NOW);
  await missionModel(h.store.connection).collection.insertMany(OLDER as never[]);
  for (const d of OLDER) {
    await h.store.members.insertNew(d._id, [{ user: admin, displayName: 'Amira', role: 'admin' }], NOW);
  }
});
afterAll(async () => {
  await h.close();
});

describe('missions stored by an older version', () => {
  it('run on the zone their rounds ran on, before the store moves them', async () => {
    const moved = await h.store.missions.findById('msn_moved');
    expect(moved?.timeZone).toBe('Asia/Kolkata');
    expect(moved?.schedule).not.toHaveProperty('timeZone');
    expect(replyText(await command(h, admin, 'mission show moved'))).toMatch(/Time zone: Asia\/Kolkata/);
    expect((await h.store.missions.findById('msn_agreed'))?.timeZone).toBe('America/New_York');
    expect((await h.store.missions.findById('msn_current'))?.timeZone).toBe('America/Los_Angeles');
  });

  it('move to one field when stores open, on two replicas at once, and keep their zone', async () => {
    const replicas = await Promise.all([openStore(h.db.uri, h.db.dbName), openStore(h.db.uri, h.db.dbName)]);
    try {
      expect(await stored(replicas[0])).toEqual([
        { _id: 'msn_agreed', timeZone: 'America/New_York', schedule: expect.not.objectContaining({ timeZone: expect.anything() }) },
        { _id: 'msn_current', timeZone: 'America/Los_Angeles', schedule: expect.not.objectContaining({ timeZone: expect.anything() }) },
        { _id: 'msn_moved', timeZone: 'Asia/Kolkata', schedule: expect.not.objectContaining({ timeZone: expect.anything() }) },
      ]);
      expect((await stored(replicas[0])).map((d) => Object.keys(d.schedule).sort())).toEqual(
        OLDER.map(() => ['closeAfterMinutes', 'day', 'paused', 'remindAfterMinutes', 'time']),
      );
      // A third run finds nothing left to move.
      expect(await upgradeMissionTimeZones(replicas[1].connection)).toBe(0);
      expect((await replicas[1].missions.findById('msn_moved'))?.timeZone).toBe('Asia/Kolkata');
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it('open their next round at the same instant as before the move', async () => {
    h.clock.set(new Date(KOLKATA_OPENING.getTime() - 60_000));
    expect((await h.runtime.scheduler.tick()).opened).toBe(0);
    h.clock.set(new Date(KOLKATA_OPENING.getTime() + 30_000));
    expect((await h.runtime.scheduler.tick()).opened).toBe(1);
    const round = await h.store.rounds.findOpen('msn_moved');
    expect(round?.opensAt.toISOString()).toBe(KOLKATA_OPENING.toISOString());
    expect(round?.weekKey).toBe('2026-W49');
  });
});
