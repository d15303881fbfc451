import autocannon from 'autocannon';
import { openStore } from '../../../src/store/store';
import { signSlackRequest, slashCommand, encodeSlackPayload, DEFAULT_SLACK_TEAM_ID } from '../../../adapters/stand-ins/slack';
import { personalMessage } from '../../../adapters/stand-ins/teams';
import { startBot } from '../support/bot';
import { logDbTrace, scaled, round1, round2, sleep, type BenchContext } from '../support/context';
import { county, type CountyMission, type CountyPerson } from '../support/county';
import { SIGNING_SECRET, startPlatforms, type BenchPlatforms } from '../support/platforms';
import { sampleProcess, waitForQuiet } from '../support/proc';
import { seedCounty } from '../support/seed';
import { steadyLoad, type SteadyRequest } from '../support/steady-load';

const SCENARIO = 'ack';
/** What the per-person command limit answers; a benchmark that hits it measures the wrong path. */
const THROTTLED = 'faster than Mission Pulse can take them';

interface Actor {
  person: CountyPerson;
  mission: CountyMission;
}

function actorsOn(platform: 'slack' | 'teams', missions: CountyMission[]): Actor[] {
  return missions.filter((m) => m.home.platform === platform).flatMap((mission) => mission.members.map((person) => ({ person, mission })));
}

/** A signed `/mission show <slug>`, round-robin over the Slack members, stamped when sent. */
function slackRequests(actors: Actor[]): () => SteadyRequest {
  let next = 0;
  return () => {
    const { person, mission } = actors[next++ % actors.length];
    const payload = slashCommand({
      userId: person.user.userId,
      teamId: DEFAULT_SLACK_TEAM_ID,
      command: '/mission',
      text: `show ${mission.slug}`,
      channelId: 'C0BENCH',
    });
    const { body, contentType } = encodeSlackPayload('slash_command', payload);
    return {
      body,
      headers: { 'content-type': contentType, ...(signSlackRequest(body, SIGNING_SECRET) as unknown as Record<string, string>) },
    };
  };
}

/** A Teams personal message `mission show <slug>`, with one valid channel JWT. */
function teamsRequests(actors: Actor[], platforms: BenchPlatforms): () => SteadyRequest {
  const token = platforms.issuer.issueChannelToken({ appId: platforms.appId, serviceUrl: platforms.connector.serviceUrl });
  let next = 0;
  return () => {
    const { person, mission } = actors[next++ % actors.length];
    const activity = personalMessage(
      {
        serviceUrl: platforms.connector.serviceUrl,
        appId: platforms.appId,
        tenantId: person.user.workspaceId,
        user: { id: person.user.userId, name: person.name, aadObjectId: `aad-${person.user.userId.slice(3)}` },
      },
      { text: `mission show ${mission.slug}` },
    );
    return {
      body: JSON.stringify(activity),
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    };
  };
}

/**
 * autocannon at `rate`: its limiter lets each connection send its share of the second back to
 * back when the second starts, so the whole second's requests arrive at once. Kept as a burst
 * figure beside the steady one.
 */
async function burstLoad(url: string, next: () => SteadyRequest, rate: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: Math.max(10, Math.ceil(rate / 4)),
    overallRate: rate,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'POST', path: new URL(url).pathname, setupRequest: (req) => ({ ...req, ...next() }) }],
  });
}

/**
 * 1. Acknowledgement latency: signed Slack slash commands and JWT-checked Teams messages
 * (`mission show`, which reads the mission and its members) at a fixed offered rate, each
 * platform on its own, against a county-sized database.
 */
export async function runAckLatency(ctx: BenchContext): Promise<void> {
  const { opts } = ctx;
  const layout = { missions: scaled(500, opts.scale), members: scaled(10_000, opts.scale), slackShare: 0.3, teamsTenants: 10 };
  const rate = opts.ackRate;
  const seconds = opts.ackSeconds;
  const platforms = await startPlatforms({ timeScale: 1 });
  const db = ctx.db.fresh('ack');
  const missions = county({ ...layout, serviceUrl: platforms.connector.serviceUrl });
  const store = await openStore(db.uri, db.dbName);
  try {
    await seedCounty(store, missions, { at: new Date() });
  } finally {
    await store.close();
  }
  try {
    const params = { ...layout, rate, seconds, command: 'mission show <slug>', database: ctx.db.label };
    for (const platform of ['slack', 'teams'] as const) {
      // A fresh bot per platform: one that fell behind keeps working through abandoned requests.
      const bot = await startBot({
        database: db,
        platformEnv: platforms.env,
        ...(opts.profile ? { cpuProfileDir: ctx.artifactsDir } : {}),
      });
      try {
        await sleep(1000);
        const actors = actorsOn(platform, missions);
        const requests = platform === 'slack' ? slackRequests(actors) : teamsRequests(actors, platforms);
        const url = `${bot.url}${platform === 'slack' ? '/slack/events' : '/api/messages'}`;
        ctx.log(`${SCENARIO}: ${platform}, ${rate} requests/s for ${seconds} s over ${actors.length} people`);
        const single = await steadyLoad(url, requests, 2, 3); // unloaded: one request at a time
        await steadyLoad(url, requests, Math.min(rate, 20), 2); // warm-up: JIT, connection pools, caches
        const cpuBefore = sampleProcess(bot.pid)?.cpuMs ?? 0;
        const r = await steadyLoad(url, requests, rate, seconds, THROTTLED);
        const cpuMs = (sampleProcess(bot.pid)?.cpuMs ?? 0) - cpuBefore;
        // Where the rate is too much for this machine, the rate it does carry says how far off it is.
        // (after the bot has worked off what the full rate left queued).
        if (r.p99 > 100) await waitForQuiet(bot.pid);
        const half = r.p99 > 100 ? await steadyLoad(url, requests, Math.round(rate / 2), seconds, THROTTLED) : undefined;
        await waitForQuiet(bot.pid);
        const burst = await burstLoad(url, requests, rate, Math.min(seconds, 5));
        await logDbTrace(ctx, bot, `${SCENARIO} ${platform}`);
        const p = { ...params, platform, people: actors.length, generator: 'loadtest (open model, evenly spaced)' };
        ctx.results.add(SCENARIO, {
          name: `${platform}.unloaded_p50`,
          value: single.p50,
          unit: 'ms',
          params: { ...p, rate: 2, seconds: 3 },
          note: 'two requests a second',
        });
        // Nothing answered within the run: the run's length is a lower bound on every latency.
        const none = r.total === 0;
        const latency = (v: number): number => (none ? Math.round(r.seconds * 1000) : v);
        const note = none ? 'no answer within the run: a lower bound' : undefined;
        ctx.results.add(SCENARIO, { name: `${platform}.p50`, value: latency(r.p50), unit: 'ms', params: p, ...(note ? { note } : {}) });
        ctx.results.add(SCENARIO, {
          name: `${platform}.p99`,
          value: latency(r.p99),
          unit: 'ms',
          params: p,
          goal: { op: '<=', value: 100 },
          ...(note ? { note } : {}),
        });
        ctx.results.add(SCENARIO, { name: `${platform}.max`, value: latency(r.max), unit: 'ms', params: p, ...(note ? { note } : {}) });
        ctx.results.add(SCENARIO, {
          name: `${platform}.throughput`,
          value: round1(r.total / r.seconds),
          unit: 'req/s',
          params: p,
          goal: { op: '>=', value: rate * 0.97 },
        });
        ctx.results.add(SCENARIO, {
          name: `${platform}.cpu_per_request`,
          value: round2(cpuMs / Math.max(1, r.total)),
          unit: 'ms',
          params: p,
          note: 'the bot process alone',
        });
        ctx.results.add(SCENARIO, {
          name: `${platform}.failed`,
          value: r.failed + r.refused,
          unit: 'requests',
          params: { ...p, failed: r.failed, throttled: r.refused },
          goal: { op: '==', value: 0 },
        });
        if (half) {
          const h = { ...p, rate: Math.round(rate / 2) };
          ctx.results.add(SCENARIO, {
            name: `${platform}.half_rate_p99`,
            value: half.p99,
            unit: 'ms',
            params: h,
            note: `at ${h.rate} requests/s`,
          });
          ctx.results.add(SCENARIO, {
            name: `${platform}.half_rate_throughput`,
            value: round1(half.total / half.seconds),
            unit: 'req/s',
            params: h,
            note: `at ${h.rate} requests/s`,
          });
        }
        const b = {
          ...params,
          platform,
          seconds: Math.min(seconds, 5),
          generator: "autocannon overallRate (each second's requests sent together)",
        };
        ctx.results.add(SCENARIO, {
          name: `${platform}.burst_p50`,
          value: burst.latency.p50,
          unit: 'ms',
          params: b,
          note: "the second's requests all at once",
        });
        ctx.results.add(SCENARIO, {
          name: `${platform}.burst_p99`,
          value: burst.latency.p99,
          unit: 'ms',
          params: b,
          note: "the second's requests all at once",
        });
      } finally {
        await bot.stop();
        await waitForQuiet(ctx.db.serverPids);
      }
    }
  } finally {
    await platforms.close();
    await db.drop();
  }
}
