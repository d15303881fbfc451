import { openStore } from '../../../src/store/store';
import { startBot } from '../support/bot';
import { logDbTrace, percentile, round1, scaled, type BenchContext } from '../support/context';
import { county } from '../support/county';
import { seedHistory } from '../support/history';
import { startPlatforms } from '../support/platforms';
import { seedCounty } from '../support/seed';

const SCENARIO = 'digest';
const RUNS = 7;
/** More builds only while this lasts: on a database that scans, one build can take a minute. */
const BUDGET_MS = 30_000;

/**
 * 3. Digest build: a 300-member mission with three years of weekly history. One build is what
 * a round close does before enqueueing: read the data, compute, render the chart, and render
 * both platforms' messages. Run in the bot process; the first run (cold) is reported apart.
 */
export async function runDigestBuild(ctx: BenchContext): Promise<void> {
  const { opts } = ctx;
  const members = scaled(300, opts.scale, 10);
  const weeks = scaled(156, opts.scale, 12);
  const platforms = await startPlatforms();
  const db = ctx.db.fresh('digest');
  const now = new Date();
  const [mission] = county({ missions: 1, members, slackShare: 1, teamsTenants: 1, serviceUrl: platforms.connector.serviceUrl });
  const store = await openStore(db.uri, db.dbName);
  let seeded;
  try {
    await seedCounty(store, [mission], { at: now });
    ctx.log(`${SCENARIO}: seeding ${weeks} weeks of history for ${members} members`);
    const began = Date.now();
    seeded = await seedHistory(store, mission, { weeks, now });
    ctx.log(`${SCENARIO}: seeded ${seeded.checkins} check-ins in ${Math.round((Date.now() - began) / 1000)} s`);
  } finally {
    await store.close();
  }
  const bot = await startBot({ database: db, platformEnv: platforms.env, ...(opts.profile ? { cpuProfileDir: ctx.artifactsDir } : {}) });
  try {
    const answer = await bot.digest(mission.id, seeded.roundId, RUNS, BUDGET_MS);
    await logDbTrace(ctx, bot, SCENARIO);
    const warm = answer.runs.slice(1);
    const p = { members, weeks, checkins: seeded.checkins, runs: answer.runs.length, database: ctx.db.label, ...answer.sizes };
    const median = (k: 'totalMs' | 'buildMs' | 'slackMs' | 'teamsMs'): number =>
      round1(
        percentile(
          warm.map((r) => r[k]),
          50,
        ),
      );
    ctx.results.add(SCENARIO, {
      name: 'build',
      value: median('totalMs'),
      unit: 'ms',
      params: p,
      goal: { op: '<=', value: 200 },
      note: 'median of warm runs: read, compute, chart, both renderings',
    });
    ctx.results.add(SCENARIO, {
      name: 'build_cold',
      value: round1(answer.runs[0].totalMs),
      unit: 'ms',
      params: p,
      note: 'first build after start',
    });
    ctx.results.add(SCENARIO, { name: 'data_read', value: round1(answer.loadMs), unit: 'ms', params: p, note: 'the reads alone' });
    ctx.results.add(SCENARIO, {
      name: 'renderings',
      value: round1(
        percentile(
          warm.map((r) => r.slackMs + r.teamsMs),
          50,
        ),
      ),
      unit: 'ms',
      params: p,
      note: 'Block Kit + Adaptive Card',
    });
  } finally {
    await bot.stop();
    await platforms.close();
    await db.drop();
  }
}
