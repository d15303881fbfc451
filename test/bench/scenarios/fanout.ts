import { OutboxRepository } from '../../../src/outbox';
import { systemClock } from '../../../src/domain/clock';
import { DEFAULT_SCHEDULE, type IsoWeekday, type Schedule } from '../../../src/domain/schedule';
import { openStore } from '../../../src/store/store';
import { startBot, type BotHandle } from '../support/bot';
import { logDbTrace, round1, round2, scaled, sleep, type BenchContext } from '../support/context';
import { county, type CountyMission } from '../support/county';
import { startPlatforms, type BenchPlatforms } from '../support/platforms';
import { MB, PeakSampler, sampleProcess, sampleServer } from '../support/proc';
import { seedCounty } from '../support/seed';

const SCENARIO = 'fanout';

/** The published limits the stand-ins enforce in this run (unscaled). */
export const PLATFORM_LIMITS = {
  /** Slack chat.postMessage per workspace: a bucket holding a tenth of a minute's quota. */
  slackPostsPerWorkspacePerMinute: 600,
  /** Teams: requests per app per tenant per second. */
  teamsPerTenantPerSecond: 50,
};

/**
 * The least time the platforms' limits allow to deliver `n` posts in one workspace or tenant, in
 * real seconds at `timeScale`. Every DM is its own conversation, so only the workspace/tenant
 * ceilings bind: Slack's bucket lets C = perMinute/6 go at once, then perMinute/60 a second;
 * Teams' one-second window lets L go in each second, the n-th at floor((n-1)/L) s.
 */
export function floorSeconds(platform: 'slack' | 'teams', n: number, timeScale: number): number {
  if (n <= 0) return 0;
  if (platform === 'slack') {
    const perMinute = PLATFORM_LIMITS.slackPostsPerWorkspacePerMinute;
    return (Math.max(0, n - perMinute / 6) / (perMinute / 60)) * timeScale;
  }
  return Math.floor((n - 1) / PLATFORM_LIMITS.teamsPerTenantPerSecond) * timeScale;
}

/** A UTC schedule whose round opened an hour ago, so the scheduler's next pass opens it. */
function dueNowSchedule(now: Date): { schedule: Schedule; opensAt: Date } {
  const opensAt = new Date(Math.floor((now.getTime() - 3_600_000) / 60_000) * 60_000);
  const day = (((opensAt.getUTCDay() + 6) % 7) + 1) as IsoWeekday;
  const time = `${String(opensAt.getUTCHours()).padStart(2, '0')}:${String(opensAt.getUTCMinutes()).padStart(2, '0')}`;
  return {
    schedule: { ...DEFAULT_SCHEDULE, day, time, remindAfterMinutes: 24 * 60, closeAfterMinutes: 72 * 60 },
    opensAt,
  };
}

interface Deliveries {
  /** Per DM conversation: how many prompts arrived. */
  perConversation: Map<string, number>;
  lastAt: number;
  rateLimited: number;
}

/** Prompts the stand-ins accepted: Slack posts into DMs (D…), Teams sends into personal chats. */
function deliveries(platforms: BenchPlatforms): Deliveries {
  const perConversation = new Map<string, number>();
  let lastAt = 0;
  let rateLimited = 0;
  for (const call of platforms.slack.calls('chat.postMessage')) {
    if (call.outcome === 'rate_limited') rateLimited++;
    const channel = (call.response as { ok?: boolean; channel?: string } | undefined)?.channel;
    if (call.outcome !== 'ok' || !channel?.startsWith('D')) continue;
    perConversation.set(`slack:${channel}`, (perConversation.get(`slack:${channel}`) ?? 0) + 1);
    lastAt = Math.max(lastAt, call.at);
  }
  for (const call of platforms.connector.calls('sendToConversation')) {
    if (call.outcome === 'rate_limited') rateLimited++;
    if (call.outcome !== 'ok' || !call.conversationId?.startsWith('a:')) continue;
    perConversation.set(`teams:${call.conversationId}`, (perConversation.get(`teams:${call.conversationId}`) ?? 0) + 1);
    lastAt = Math.max(lastAt, call.at);
  }
  return { perConversation, lastAt, rateLimited };
}

function countDelivered(platforms: BenchPlatforms): number {
  return deliveries(platforms).perConversation.size;
}

/** Ticks the scheduler on the scaled minute (as its cron would) until every mission's round is open. */
async function tickUntilOpen(
  bot: BotHandle,
  missions: number,
  minuteMs: number,
  until: () => boolean,
): Promise<{ ticks: number; opened: number; firstTickMs: number }> {
  let opened = 0;
  let ticks = 0;
  let firstTickMs = 0;
  while (opened < missions && !until()) {
    const started = Date.now();
    const t = await bot.tick();
    if (ticks === 0) firstTickMs = t.ms;
    ticks++;
    opened += t.result.opened;
    if (opened >= missions) break;
    await sleep(Math.max(0, minuteMs - (Date.now() - started)));
  }
  return { ticks, opened, firstTickMs };
}

/**
 * 2. Fan-out (and 5. memory): rounds open for every mission of a county at once; the stand-ins
 * enforce the platforms' rate limits, shrunk by the time scale. Measures the time to the last
 * prompt against the floor those limits allow, CPU per prompt, lost and duplicated prompts,
 * and the bot's resident memory idle and at peak.
 */
export async function runFanout(ctx: BenchContext): Promise<void> {
  const { opts } = ctx;
  const timeScale = opts.timeScale;
  const layout = { missions: scaled(500, opts.scale), members: scaled(10_000, opts.scale), slackShare: 0.3, teamsTenants: 10 };
  const platforms = await startPlatforms({
    timeScale,
    slackRateLimits: { postMessagePerWorkspacePerMinute: PLATFORM_LIMITS.slackPostsPerWorkspacePerMinute },
    teamsRateLimits: { perTenantPerSecond: PLATFORM_LIMITS.teamsPerTenantPerSecond },
  });
  const db = ctx.db.fresh('fanout');
  const missions: CountyMission[] = county({ ...layout, serviceUrl: platforms.connector.serviceUrl });
  const expected = missions.reduce((n, m) => n + m.members.length, 0);
  const now = new Date();
  const { schedule, opensAt } = dueNowSchedule(now);
  const store = await openStore(db.uri, db.dbName);
  let bot: BotHandle | undefined;
  try {
    await seedCounty(store, missions, { at: now, schedule, timeZone: 'UTC', nextOpenAt: opensAt });

    // The floor: the slowest workspace or tenant under the platforms' published limits.
    const perWorkspace = new Map<string, { platform: 'slack' | 'teams'; n: number }>();
    for (const m of missions) {
      const key = `${m.home.platform}:${m.home.workspaceId}`;
      const w = perWorkspace.get(key) ?? { platform: m.home.platform, n: 0 };
      w.n += m.members.length;
      perWorkspace.set(key, w);
    }
    const floorS = Math.max(...[...perWorkspace.values()].map((w) => floorSeconds(w.platform, w.n, timeScale)));
    const slackN = [...perWorkspace.values()].filter((w) => w.platform === 'slack').reduce((n, w) => n + w.n, 0);

    bot = await startBot({
      database: db,
      platformEnv: platforms.env,
      timeScale,
      ...(opts.profile ? { cpuProfileDir: ctx.artifactsDir } : {}),
    });
    await sleep(5000);
    const idle = sampleProcess(bot.pid);
    const params = { ...layout, expected, timeScale, slackPeople: slackN, teamsPeople: expected - slackN, database: ctx.db.label };
    if (idle)
      ctx.results.add('memory', {
        name: 'idle',
        value: round1(idle.rssBytes / MB),
        unit: 'MB',
        params: { after: 'start + 5 s, county seeded', database: ctx.db.label },
        goal: { op: '<=', value: 150 },
      });

    const botBefore = await bot.usage();
    const dbBefore = sampleServer(ctx.db.serverPids);
    const botPeak = new PeakSampler(bot.pid).start();
    const dbPeak = ctx.db.serverPids.length > 0 ? new PeakSampler(ctx.db.serverPids, 250).start() : undefined;
    const deadlineMs = Math.max(120_000, floorS * 1000 * 4);
    ctx.log(
      `${SCENARIO}: ${layout.missions} missions, ${expected} people; floor ${round1(floorS)} s at time scale ${timeScale}; giving up after ${round1(deadlineMs / 1000)} s`,
    );
    const t0 = Date.now();
    let done = false;
    const ticking = tickUntilOpen(bot, layout.missions, 60_000 * timeScale, () => done);
    let delivered = 0;
    let lastLog = t0;
    while (Date.now() - t0 < deadlineMs) {
      delivered = countDelivered(platforms);
      if (delivered >= expected) break;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        ctx.log(`${SCENARIO}: ${delivered}/${expected} delivered after ${round1((Date.now() - t0) / 1000)} s`);
      }
      await sleep(100);
    }
    // Give stragglers (duplicates would arrive now) a moment before counting.
    await sleep(Math.max(1000, 2000 * timeScale));
    done = true;
    const ticks = await ticking;
    await logDbTrace(ctx, bot, SCENARIO);
    const botAfter = await bot.usage();
    const dbAfter = sampleServer(ctx.db.serverPids);
    const peak = botPeak.stop();
    const dbPeakRss = dbPeak?.stop();

    const d = deliveries(platforms);
    const unique = d.perConversation.size;
    const duplicated = [...d.perConversation.values()].reduce((n, c) => n + (c - 1), 0);
    const lost = expected - unique;
    const elapsedS = (d.lastAt - t0) / 1000;
    const counts = await new OutboxRepository(store.connection, systemClock).countByStatus();
    const p = {
      ...params,
      floorS: round2(floorS),
      floor: 'max over workspaces: Slack max(0, n - 100)/10 s, Teams floor((n - 1)/50) s, times the time scale',
      ticks: ticks.ticks,
    };
    ctx.results.add(SCENARIO, { name: 'last_prompt', value: round1(elapsedS), unit: 's', params: p });
    ctx.results.add(SCENARIO, { name: 'floor', value: round1(floorS), unit: 's', params: p });
    ctx.results.add(SCENARIO, {
      name: 'ratio',
      value: round2(elapsedS / floorS),
      unit: 'x floor',
      params: p,
      goal: { op: '<=', value: 1.1 },
    });
    ctx.results.add(SCENARIO, {
      name: 'cpu_per_prompt',
      value: round2((botAfter.cpuMs - botBefore.cpuMs) / Math.max(1, unique)),
      unit: 'ms',
      params: { ...p, botCpuMs: Math.round(botAfter.cpuMs - botBefore.cpuMs) },
    });
    if (dbBefore && dbAfter) {
      ctx.results.add(SCENARIO, {
        name: 'db_cpu_per_prompt',
        value: round2((dbAfter.cpuMs - dbBefore.cpuMs) / Math.max(1, unique)),
        unit: 'ms',
        params: { ...p, dbCpuMs: Math.round(dbAfter.cpuMs - dbBefore.cpuMs) },
        note: 'database server processes',
      });
    }
    ctx.results.add(SCENARIO, {
      name: 'lost',
      value: lost,
      unit: 'prompts',
      params: { ...p, outbox: counts },
      goal: { op: '==', value: 0 },
    });
    ctx.results.add(SCENARIO, { name: 'duplicated', value: duplicated, unit: 'prompts', params: p, goal: { op: '==', value: 0 } });
    ctx.results.add(SCENARIO, {
      name: 'rate_limited',
      value: d.rateLimited,
      unit: 'calls',
      params: p,
      note: '429s from the stand-ins (retried)',
    });
    ctx.results.add(SCENARIO, {
      name: 'first_tick',
      value: round1(ticks.firstTickMs),
      unit: 'ms',
      params: p,
      note: 'the scheduler pass that opened the rounds',
    });
    ctx.results.add('memory', {
      name: 'peak',
      value: round1(peak / MB),
      unit: 'MB',
      params: { during: 'fan-out', ...params },
      goal: { op: '<=', value: 300 },
    });
    if (dbPeakRss)
      ctx.results.add('memory', {
        name: 'db_peak',
        value: round1(dbPeakRss / MB),
        unit: 'MB',
        params: { during: 'fan-out', ...params },
        note: 'database server processes',
      });
  } finally {
    await bot?.stop();
    await store.close();
    await platforms.close();
    await db.drop();
  }
}
