import type { Member, Mission } from '../domain/mission';
import { BlockerAlerts } from './blocker-alerts';
import type { ServiceContext } from './context';

/**
 * The scheduler's escalation pass: blockers whose `escalateAt` has passed, found by an indexed
 * range read. Safe on many replicas at once: the escalation post's outbox key is
 * `escalate:<blockerId>`, so however many replicas pick a blocker up, it is posted once.
 */
export class BlockerEscalations {
  private readonly alerts: BlockerAlerts;

  constructor(private readonly ctx: ServiceContext) {
    this.alerts = new BlockerAlerts(ctx);
  }

  /** Escalates what is due at `now`; returns how many blockers it handled. */
  async run(now: Date, limit: number): Promise<number> {
    const { store, logger } = this.ctx;
    const missions = new Map<string, Mission | undefined>();
    const members = new Map<string, Member[]>();
    let handled = 0;
    for (const b of await store.blockers.dueEscalations(now, limit)) {
      try {
        if (!missions.has(b.missionId)) missions.set(b.missionId, await store.missions.findById(b.missionId));
        const mission = missions.get(b.missionId);
        if (!mission || b.status !== 'open') {
          await store.blockers.clearEscalation(b.id);
          continue;
        }
        if (!members.has(mission.id)) members.set(mission.id, await store.members.listByMission(mission.id));
        await this.alerts.escalate(mission, b, members.get(mission.id));
        handled++;
        logger.info({ missionId: mission.id, blocker: b.id }, 'blocker escalated');
      } catch (e) {
        logger.error({ err: e, blocker: b.id }, 'escalating a blocker failed; will retry next tick');
      }
    }
    return handled;
  }
}
