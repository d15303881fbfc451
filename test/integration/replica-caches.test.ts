import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_REUSE_MS } from '../../src/store/stamps';
import pino from 'pino';
import { openStore, type Store } from '../../src/store/store';
import { warmCaches } from '../../src/store/warm-caches';
import { channelOf, command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';

/**
 * Rosters, slugs, the schedule and the open rounds are cached per process behind change
 * stamps (src/store/stamped-cache.ts). A second replica on the same database must see every
 * change made through the first once a stamp read may no longer be reused (DEFAULT_REUSE_MS),
 * and repeat reads must not scan.
 */
let h: CoreHarness;
let other: Store;
const finds: Array<{ collection: string; filter: unknown }> = [];

beforeAll(async () => {
  h = await startCore('replica_caches');
  other = await openStore(h.db.uri, h.db.dbName, { onCommand: () => undefined }); // turns on command events
  other.connection.getClient().on('commandStarted', (ev: { commandName: string; command: Record<string, unknown> }) => {
    if (ev.commandName === 'find') finds.push({ collection: String(ev.command.find), filter: ev.command.filter });
  });
});
afterAll(async () => {
  await other.close();
  await h.close();
});

const amira = slackUser('U_AMIRA', 'T1', 'Amira');
const ben = slackUser('U_BEN', 'T1', 'Ben');

async function ok(text: string, mentions: Record<string, string> = {}): Promise<string> {
  const out = replyText(await command(h, amira, text, channelOf(amira), mentions));
  expect(out).not.toMatch(/^(Sorry|Only|You are not)/);
  await sleep(DEFAULT_REUSE_MS + 5);
  return out;
}

describe('a second replica reading through its caches', () => {
  it('finds a mission created on the first replica by its slug, after having looked and found none', async () => {
    expect(await other.missions.findBySlug(amira, 'warm-homes')).toBeUndefined();
    await ok('mission create "Warm homes for every family in Ladywood" slug=warm-homes');
    expect((await other.missions.findBySlug(amira, 'warm-homes'))?.statement).toMatch(/Warm homes/);
  });

  it('sees members added and removed on the first replica', async () => {
    const mission = (await other.missions.findBySlug(amira, 'warm-homes'))!;
    expect((await other.members.listByMission(mission.id)).map((m) => m.displayName)).toEqual(['Amira']);
    await ok('mission add warm-homes <@U_BEN> org="Ladywood Housing Trust"', { U_BEN: 'Ben' });
    expect((await other.members.listByMission(mission.id)).map((m) => m.displayName).sort()).toEqual(['Amira', 'Ben']);
    expect((await other.members.listByUser(ben)).map((m) => m.missionId)).toEqual([mission.id]);
    await ok('mission remove warm-homes <@U_BEN>', { U_BEN: 'Ben' });
    expect((await other.members.listByMission(mission.id)).map((m) => m.displayName)).toEqual(['Amira']);
    expect(await other.members.listByUser(ben)).toEqual([]);
  });

  it('reads a roster twice with one stamp lookup the second time, not a scan of the members', async () => {
    const mission = (await other.missions.findBySlug(amira, 'warm-homes'))!;
    await other.members.listByMission(mission.id);
    await sleep(DEFAULT_REUSE_MS + 5);
    finds.length = 0;
    await other.members.listByMission(mission.id);
    expect(finds.map((f) => f.collection)).toEqual(['stamps']);
    // The same check again at once (a command reads the mission, then its roster) is not repeated.
    await other.missions.findById(mission.id);
    await other.members.listByMission(mission.id);
    expect(finds.map((f) => f.collection)).toEqual(['stamps']);
  });

  it('follows a schedule paused and resumed on the first replica', async () => {
    const mission = (await other.missions.findBySlug(amira, 'warm-homes'))!;
    const later = new Date(h.clock.now().getTime() + 8 * 24 * 3600_000);
    expect((await other.missions.findDue(later, 10)).map((m) => m.id)).toEqual([mission.id]);
    await ok('mission pause warm-homes');
    expect(await other.missions.findDue(later, 10)).toEqual([]);
    await ok('mission resume warm-homes');
    expect((await other.missions.findDue(later, 10)).map((m) => m.id)).toEqual([mission.id]);
  });

  it('sees a round opened and closed on the first replica', async () => {
    const mission = (await other.missions.findBySlug(amira, 'warm-homes'))!;
    expect(await other.rounds.findOpen(mission.id)).toBeUndefined();
    await ok('mission checkin-now warm-homes');
    const open = await other.rounds.findOpen(mission.id);
    expect(open?.status).toBe('open');
    const farLater = new Date(h.clock.now().getTime() + 30 * 24 * 3600_000);
    expect((await other.rounds.dueCloses(farLater, 10)).map((r) => r.id)).toEqual([open!.id]);
    await ok('mission close-now warm-homes');
    expect(await other.rounds.findOpen(mission.id)).toBeUndefined();
    expect(await other.rounds.dueCloses(farLater, 10)).toEqual([]);
  });

  it('starts a third replica warm: its first command reads by _id only, no scans', async () => {
    const third = await openStore(h.db.uri, h.db.dbName, { onCommand: () => undefined });
    const seen: unknown[] = [];
    third.connection.getClient().on('commandStarted', (ev: { commandName: string; command: Record<string, unknown> }) => {
      if (ev.commandName === 'find') seen.push(ev.command.filter);
    });
    try {
      await warmCaches(third, pino({ level: 'silent' }));
      seen.length = 0;
      const mission = await third.missions.findBySlug(amira, 'warm-homes');
      expect((await third.members.listByMission(mission!.id)).map((m) => m.displayName)).toEqual(['Amira']);
      expect(seen.length).toBeGreaterThan(0);
      for (const filter of seen) expect(Object.keys(filter as object)).toEqual(['_id']);
    } finally {
      await third.close();
    }
  });

  it('stops showing a deleted mission by its slug', async () => {
    const mission = (await other.missions.findBySlug(amira, 'warm-homes'))!;
    await h.store.missions.deleteById(mission.id);
    await sleep(DEFAULT_REUSE_MS + 5);
    expect(await other.missions.findBySlug(amira, 'warm-homes')).toBeUndefined();
    expect(await other.missions.findDue(new Date(h.clock.now().getTime() + 30 * 24 * 3600_000), 10)).toEqual([]);
  });
});
