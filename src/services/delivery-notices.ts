import type { Mission } from '../domain/mission';
import { deliveryFailedMessage, unreachableNoticeMessage } from '../messages/delivery-notice-messages';
import type { Message } from '../messages/model';
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
    const user = item.target.user;
    await this.tell(
      found,
      `unreachable:${item.missionId}:${user.platform}:${user.workspaceId}:${user.userId}`,
      unreachableNoticeMessage(item.context.name, found.mission.slug, user.platform),
      (a) => a.userId !== user.userId,
    );
  }

  async failed(item: OutboxItem): Promise<void> {
    if (!item.missionId || item.context.kind === 'notice') return;
    const found = await this.admins(item.missionId);
    if (!found) return;
    const message = deliveryFailedMessage({
      kind: item.context.kind,
      to: item.context.name,
      slug: found.mission.slug,
      attempts: item.attempts,
      reason: item.lastError?.message,
    });
    await this.tell(found, `failed:${item.key}`, message, () => true);
  }

  private async tell(
    found: NonNullable<Awaited<ReturnType<DeliveryNotices['admins']>>>,
    keyBase: string,
    message: Message,
    include: (a: { userId: string }) => boolean,
  ): Promise<void> {
    await this.ctx.outbox.enqueueMany(
      found.admins.filter(include).map((a) => ({
        key: `notice:${keyBase}:${a.id}`,
        missionId: found.mission.id,
        target: { user: { platform: a.platform, workspaceId: a.workspaceId, userId: a.userId } },
        message,
        context: { kind: 'notice' },
      })),
    );
  }
}
