import { DEFAULT_REUSE_MS } from '../../../src/store/stamps';
import { openStore } from '../../../src/store/store';
import { startBot, type BotHandle } from '../support/bot';
import { logDbTrace, percentile, round1, round2, scaled, sleep, type BenchContext } from '../support/context';
import { county } from '../support/county';
import { startPlatforms } from '../support/platforms';
import { seedCounty } from '../support/seed';

const SCENARIO = 'tick';
const TICKS = 10;
const WEEK_MS = 7 * 86_400_000;

async function ticks(bot: BotHandle, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Real ticks are a minute apart: wait past the reuse of stamp reads (DEFAULT_REUSE_MS) so
    // each tick pays for its own checks, as it would then.
    await sleep(DEFAULT_REUSE_MS * 3);
    const t = await bot.tick();
    if (t.result.opened + t.result.reminded + t.result.closed > 0) throw new Error(`a tick found due work: ${JSON.stringify(t.result)}`);
    out.push(t.ms);
  }
  return out;
}

/**
 * 4. Scheduler tick: the minute pass over due openings, reminders, closes and escalations, with
 * nothing due. Measured in the bot process at a tenth of the missions and at all of them: the
 * cost should follow due work, not the number of missions.
 */
export async function runSchedulerTick(ctx: BenchContext): Promise<void> {
  const { opts } = ctx;
  const total = scaled(10_000, opts.scale, 100);
  const first = Math.round(total / 10);
  const platforms = await startPlatforms();
  const db = ctx.db.fresh('tick');
  const now = new Date();
  // One member each: the tick reads missions, rounds and blockers, not members.
  const missions = county({
    missions: total,
    members: total,
    slackShare: 0.3,
    teamsTenants: 10,
    serviceUrl: platforms.connector.serviceUrl,
  });
  const store = await openStore(db.uri, db.dbName);
  const nextOpenAt = new Date(now.getTime() + WEEK_MS);
  let bot: BotHandle | undefined;
  try {
    await seedCounty(store, missions.slice(0, first), { at: now, nextOpenAt });
    bot = await startBot({ database: db, platformEnv: platforms.env, ...(opts.profile ? { cpuProfileDir: ctx.artifactsDir } : {}) });
    await ticks(bot, 3); // warm-up
    const small = await ticks(bot, TICKS);
    ctx.log(`${SCENARIO}: ${first} missions: median ${round1(percentile(small, 50))} ms; seeding up to ${total}`);
    await seedCounty(store, missions.slice(first), { at: now, nextOpenAt });
    await ticks(bot, 3);
    const large = await ticks(bot, TICKS);
    await logDbTrace(ctx, bot, SCENARIO);
    const p = { missions: total, due: 0, ticks: TICKS, database: ctx.db.label };
    const med = round1(percentile(large, 50));
    ctx.results.add(SCENARIO, { name: 'median', value: med, unit: 'ms', params: p, goal: { op: '<=', value: 20 } });
    ctx.results.add(SCENARIO, { name: 'p95', value: round1(percentile(large, 95)), unit: 'ms', params: p });
    ctx.results.add(SCENARIO, {
      name: 'median_at_tenth',
      value: round1(percentile(small, 50)),
      unit: 'ms',
      params: { ...p, missions: first },
    });
    ctx.results.add(SCENARIO, {
      name: 'growth',
      value: round2(med / Math.max(0.1, percentile(small, 50))),
      unit: `x for ${round1(total / first)}x missions`,
      params: p,
      goal: { op: '<=', value: 1.5 },
      note: 'cost at all missions / at a tenth',
    });
  } finally {
    await bot?.stop();
    await store.close();
    await platforms.close();
    await db.drop();
  }
}
