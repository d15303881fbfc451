import cron, { type ScheduledTask } from 'node-cron';
import { dueRound } from '../domain/schedule';
import { userKey } from '../domain/identity';
import type { Mission } from '../domain/mission';
import type { Logger } from '../logger';
import { BlockerEscalations } from '../services/blocker-escalations';
import type { ServiceContext } from '../services/context';
import type { RoundService } from '../services/round-service';

const BATCH = 200;
/** Bounds one pass's openings (10,000 missions); the rest wait for the next tick. */
const MAX_OPENING_BATCHES = 50;

export interface TickResult {
  opened: number;
  reminded: number;
  closed: number;
}

/**
 * Finds due work by indexed reads of stored due times (never by scanning every mission) and
 * hands it to the round service, whose steps are claimed so replicas do each unit once.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<TickResult> | undefined;
  /** More work run on every pass (each guards itself with its own claims, e.g. once a day). */
  readonly passes: Array<{ name: string; run: () => Promise<unknown> }> = [];
  /** Needs only the context, so the scheduler builds its own: every replica runs the pass. */
  private readonly escalations: BlockerEscalations;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly rounds: RoundService,
    private readonly logger: Logger = ctx.logger.child({ component: 'scheduler' }),
    /** Told how long each pass took (metrics). */
    private readonly observe?: (seconds: number) => void,
  ) {
    this.escalations = new BlockerEscalations(ctx);
  }

  /** One pass over due openings, reminders and closes. Overlapping calls share one pass. */
  tick(): Promise<TickResult> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async pass(): Promise<TickResult> {
    const started = Date.now();
    const result: TickResult = { opened: 0, reminded: 0, closed: 0 };
    const { store, clock } = this.ctx;
    const now = clock.now();

    // Batch after batch: a county's missions often share an opening time, and waiting a
    // minute per 200 of them would delay the last prompts by minutes.
    const seen = new Set<string>();
    for (let batch = 0; batch < MAX_OPENING_BATCHES; batch++) {
      const found = await store.missions.findDue(now, BATCH);
      const fresh = found.filter((m) => !seen.has(m.id));
      if (fresh.length === 0) break;
      await this.openDue(fresh, now, result, seen);
      if (found.length < BATCH) break;
    }

    // A replica that crashed while enqueueing prompts left its round unfinished: finish it.
    for (const round of await store.rounds.unfinishedFanOuts(BATCH)) {
      const mission = await store.missions.findById(round.missionId);
      if (!mission) continue;
      try {
        await this.rounds.finishFanOut(mission, round);
      } catch (e) {
        this.logger.error({ err: e, missionId: mission.id, round: round.id }, 'finishing a fan-out failed');
      }
    }

    for (const round of await store.rounds.dueReminders(now, BATCH)) {
      const mission = await store.missions.findById(round.missionId);
      if (!mission) continue;
      try {
        result.reminded += await this.rounds.remind(mission, round);
      } catch (e) {
        this.logger.error({ err: e, missionId: mission.id, round: round.id }, 'reminders failed');
      }
    }

    for (const round of await store.rounds.dueCloses(now, BATCH)) {
      const mission = await store.missions.findById(round.missionId);
      if (!mission) continue;
      try {
        if (await this.rounds.close(mission, round)) result.closed++;
      } catch (e) {
        this.logger.error({ err: e, missionId: mission.id, round: round.id }, 'closing a round failed');
      }
    }
    // Blockers open too long go to the leads, once (the outbox key is per blocker).
    let escalated = 0;
    try {
      escalated = await this.escalations.run(now, BATCH);
    } catch (e) {
      this.logger.error({ err: e }, 'escalating blockers failed; will retry next tick');
    }
    for (const pass of this.passes) {
      try {
        await pass.run();
      } catch (e) {
        this.logger.error({ err: e, pass: pass.name }, 'scheduled pass failed; will retry next tick');
      }
    }
    this.logger.debug({ ...result, escalated, ms: Date.now() - started }, 'tick');
    this.observe?.((Date.now() - started) / 1000);
    return result;
  }

  /** Opens the due round of each mission and moves its next opening on. */
  private async openDue(missions: Mission[], now: Date, result: TickResult, seen: Set<string>): Promise<void> {
    const { store } = this.ctx;
    // One read of the batch's members and people rather than two per mission: where the
    // database has no secondary indexes (FerretDB on SQLite) each of those reads is a scan.
    const members = await store.members.listByMissions(missions.map((m) => m.id));
    const people = await store.people.getMany([...new Set([...members.values()].flat().map((m) => userKey(m)))]);
    for (const mission of missions) {
      seen.add(mission.id);
      try {
        // The round open right now, if any: one whose close passed while the bot was down is
        // skipped rather than opened late.
        const due = dueRound(mission.schedule, mission.timeZone, now);
        if (due) {
          const { opened } = await this.rounds.open(mission, due.weekKey, due, { members: members.get(mission.id) ?? [], people });
          if (opened) result.opened++;
        }
        await store.missions.setNextOpenAt(mission.id, this.rounds.nextOpenAt(mission, now));
      } catch (e) {
        this.logger.error({ err: e, missionId: mission.id }, 'opening a round failed; will retry next tick');
      }
    }
  }

  /** Ticks every minute, and once now: work that fell due while the bot was down runs on start. */
  start(): void {
    if (this.task) return;
    this.task = cron.schedule('* * * * *', () => {
      this.tick().catch((e: unknown) => this.logger.error({ err: e }, 'tick failed'));
    });
    this.tick().catch((e: unknown) => this.logger.error({ err: e }, 'first tick failed'));
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = undefined;
    await this.running?.catch(() => undefined);
  }
}
