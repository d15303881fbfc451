import { userKey } from '../domain/identity';
import type { ServiceContext } from './context';
import type { InstallEvent } from './inbound-events';

/**
 * Where the app is installed, beyond people being reachable: a person removing it (their DM is
 * forgotten, so sends to them are reported unreachable and the mission's admins are told), and
 * teams adding or removing it (their General channel is remembered for proactive posts).
 * Removal never deletes mission data; that goes by the retention policy.
 */
export class InstallService {
  constructor(private readonly ctx: ServiceContext) {}

  async handle(ev: InstallEvent): Promise<void> {
    const { store, clock } = this.ctx;
    const now = clock.now();
    switch (ev.kind) {
      case 'removed-for-person': {
        const { changed } = await store.people.clearDm(ev.user, now);
        this.log(ev.user.platform, ev.user.workspaceId).info(
          { forgotDm: changed },
          'app removed by a person: no direct messages to them until they add it again',
        );
        return;
      }
      case 'added-to-team': {
        if (ev.team.platform !== 'teams') return;
        await store.teamsTeams.remember(
          {
            tenantId: ev.team.workspaceId,
            teamId: ev.team.teamId,
            ...(ev.team.name ? { name: ev.team.name } : {}),
            channel: ev.team.channel,
            ...(ev.by ? { installedBy: userKey(ev.by) } : {}),
          },
          now,
        );
        this.log(ev.team.platform, ev.team.workspaceId).info({ team: ev.team.teamId }, 'app added to a team');
        return;
      }
      case 'removed-from-team': {
        if (ev.team.platform !== 'teams') return;
        const forgot = await store.teamsTeams.forget(ev.team.workspaceId, ev.team.teamId);
        this.log(ev.team.platform, ev.team.workspaceId).info(
          { team: ev.team.teamId, forgot },
          'app removed from a team; mission data is kept until its retention period ends',
        );
        return;
      }
    }
  }

  private log(platform: string, workspace: string) {
    return this.ctx.logger.child({ platform, workspace });
  }
}
