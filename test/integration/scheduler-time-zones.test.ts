import { command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';

/**
 * The scheduler opens each round at the mission's local time, in weeks when the clocks change
 * and in zones other than London, and opens a round that fell due while the bot was down.
 */
let h: CoreHarness;
const admin = slackUser('U_ADMIN', 'T1', 'Amira');

beforeAll(async () => {
  h = await startCore('scheduler_zones', new Date('2026-03-20T12:00:00Z'));
  h.runtime.startDispatcher(new Map([['slack', new RecordingSender('slack')]]), { limits: { timeScale: 0.001 } });
});
afterAll(async () => {
  await h.close();
});

async function nextOpen(slug: string): Promise<string | undefined> {
  return (await h.store.missions.findBySlug(admin, slug))?.nextOpenAt?.toISOString();
}

async function openedAt(instant: string): Promise<number> {
  h.clock.set(new Date(instant));
  return (await h.runtime.scheduler.tick()).opened;
}

describe('scheduler across time zones and clock changes', () => {
  it('opens a Monday 09:00 London round at 09:00 GMT before and 08:00 UTC after the spring change', async () => {
    await command(h, admin, 'mission create "Every child in Ladywood reads by age seven" slug=reading');
    const r = await command(h, admin, 'mission schedule reading day=mon time=09:00 tz=Europe/London');
    expect(replyText(r)).toMatch(/Mondays at 09:00 \(Europe\/London\)/);
    expect(await nextOpen('reading')).toBe('2026-03-23T09:00:00.000Z');
    expect(await openedAt('2026-03-23T08:59:00Z')).toBe(0);
    expect(await openedAt('2026-03-23T09:00:10Z')).toBe(1);
    // The clocks go forward on Sunday 29 March: the next Monday 09:00 is 08:00 UTC.
    expect(await nextOpen('reading')).toBe('2026-03-30T08:00:00.000Z');
    await command(h, admin, 'mission close-now reading');
    expect(await openedAt('2026-03-30T07:59:00Z')).toBe(0);
    expect(await openedAt('2026-03-30T08:00:05Z')).toBe(1);
    await command(h, admin, 'mission pause reading');
  });

  it('opens a New York mission at 09:00 New York time, whose clocks changed on a different date', async () => {
    h.clock.set(new Date('2026-03-03T12:00:00Z'));
    await command(h, admin, 'mission create "Twinned with Ladywood: every young person in work" slug=twinned tz=America/New_York');
    await command(h, admin, 'mission schedule twinned day=tue time=09:00');
    expect(await nextOpen('twinned')).toBe('2026-03-03T14:00:00.000Z');
    expect(await openedAt('2026-03-03T14:00:30Z')).toBe(1);
    await command(h, admin, 'mission close-now twinned');
    // New York moved to daylight time on 8 March (London not until 29 March): 09:00 EDT = 13:00 UTC.
    expect(await nextOpen('twinned')).toBe('2026-03-10T13:00:00.000Z');
    expect(await openedAt('2026-03-10T13:00:30Z')).toBe(1);
    await command(h, admin, 'mission pause twinned');
  });

  it('opens a round that fell due while the bot was down, if it has not closed yet', async () => {
    h.clock.set(new Date('2026-03-31T12:00:00Z'));
    await command(h, admin, 'mission create "Warm homes for every family in Ladywood ward" slug=warm-homes');
    await command(h, admin, 'mission schedule warm-homes day=wed time=10:00 close=48h');
    expect(await nextOpen('warm-homes')).toBe('2026-04-01T09:00:00.000Z');
    // Down from Tuesday until Thursday morning: Wednesday's round is still open until Friday 09:00 UTC.
    expect(await openedAt('2026-04-02T08:00:00Z')).toBe(1);
    const mission = await h.store.missions.findBySlug(admin, 'warm-homes');
    const round = await h.store.rounds.findOpen(mission!.id);
    expect(round?.weekKey).toBe('2026-W14');
    expect(round?.closesAt.toISOString()).toBe('2026-04-03T09:00:00.000Z');
  });

  it('skips a round that opened and closed while the bot was down, and schedules the next', async () => {
    await command(h, admin, 'mission close-now warm-homes');
    // Down from Thursday 2 April to Saturday 11 April: the round of 8 April opened and closed unseen.
    expect(await openedAt('2026-04-11T12:00:00Z')).toBe(0);
    expect(await nextOpen('warm-homes')).toBe('2026-04-15T09:00:00.000Z');
  });

  it('does not open rounds while paused, and resumes on schedule', async () => {
    expect(replyText(await command(h, admin, 'mission pause warm-homes'))).toMatch(/Paused/);
    expect(await openedAt('2026-04-15T09:00:30Z')).toBe(0);
    expect(replyText(await command(h, admin, 'mission resume warm-homes'))).toMatch(
      /Next check-in opens Wed 22 Apr 2026, 10:00 \(Europe\/London\)/,
    );
  });

  it('explains a bad schedule and changes nothing', async () => {
    const r = await command(h, admin, 'mission schedule warm-homes day=funday time=25:00 remind=80h close=72h');
    expect(replyText(r)).toMatch(/day/);
    expect(replyText(r)).toMatch(/time must be HH:MM/);
    const mission = await h.store.missions.findBySlug(admin, 'warm-homes');
    expect(mission?.schedule).toMatchObject({ day: 3, time: '10:00', closeAfterMinutes: 48 * 60 });
  });
});
