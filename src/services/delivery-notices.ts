import type { Mission } from '../domain/mission';
import { noticeMessage } from '../messages/checkin-messages';
import type { OutboxItem } from '../outbox';
import type { ServiceContext } from './context';

/**
 * Tells a mission's admins when the bot could not deliver something: a member it cannot reach
 * (with what to ask them to do), or a message that failed after every retry.
 */
export class DeliveryNotices {
  constructor(private readonly ctx: ServiceContext) {}

  private async admins(
    missionId: string,
  ): Promise<{ mission: Mission; admins: Awaited<ReturnType<ServiceContext['store']['members']['listByMission']>> } | undefined> {
    const mission = await this.ctx.store.missions.findById(missionId);
    if (!mission) return undefined;
    const members = await this.ctx.store.members.listByMission(missionId);
    return { mission, admins: members.filter((m) => m.role === 'admin') };
  }

  async unreachable(item: OutboxItem): Promise<void> {
    if (!item.missionId || item.context.kind === 'notice' || !('user' in item.target)) return;
    const found = await this.admins(item.missionId);
    if (!found) return;
    const who = item.context.name ?? 'A member';
    const user = item.target.user;
    const how =
      user.platform === 'teams'
        ? 'Mission Pulse is not installed for them in Teams. Ask them to open Teams, go to Apps, search for "Mission Pulse" and select Add'
        : 'Slack would not let Mission Pulse message them. Check that their account is active and that they have not blocked the app';
    const text = `${who} cannot be reached for ${found.mission.slug}'s check-ins. ${how}; they will be asked as soon as they can be reached.`;
    await this.tell(
      found,
      `unreachable:${item.missionId}:${user.platform}:${user.workspaceId}:${user.userId}`,
      text,
      (a) => a.userId !== user.userId,
    );
  }

  async failed(item: OutboxItem): Promise<void> {
    if (!item.missionId || item.context.kind === 'notice') return;
    const found = await this.admins(item.missionId);
    if (!found) return;
    const what = item.context.kind ?? 'message';
    const to = item.context.name ? ` to ${item.context.name}` : '';
    const why = item.lastError?.message ? ` (${item.lastError.message})` : '';
    const text = `Mission Pulse could not deliver a ${what}${to} for ${found.mission.slug} after ${item.attempts} attempts${why}. Nothing else was affected; you may want to let them know.`;
    await this.tell(found, `failed:${item.key}`, text, () => true);
  }

  private async tell(
    found: NonNullable<Awaited<ReturnType<DeliveryNotices['admins']>>>,
    keyBase: string,
    text: string,
    include: (a: { userId: string }) => boolean,
  ): Promise<void> {
    await this.ctx.outbox.enqueueMany(
      found.admins.filter(include).map((a) => ({
        key: `notice:${keyBase}:${a.id}`,
        missionId: found.mission.id,
        target: { user: { platform: a.platform, workspaceId: a.workspaceId, userId: a.userId } },
        message: noticeMessage(text),
        context: { kind: 'notice' },
      })),
    );
  }
}
