import { createHash } from 'node:crypto';
import { escalateWeeksOf, type Blocker } from '../domain/blocker';
import { sameWorkspace, workspaceKey, type UserRef, type WorkspaceRef } from '../domain/identity';
import { canLead, type Member, type Mission } from '../domain/mission';
import {
  blockerPostMessage,
  helpOfferedMessage,
  resolvedForOwnerMessage,
  type LeadRef,
  type PersonRef,
  type PostKind,
} from '../messages/blocker-messages';
import { ALERT_PLACE } from '../messages/blocker-texts';
import type { EnqueueInput, OutboxTarget } from '../outbox';
import type { ServiceContext } from './context';
import { missionChannels, perWorkspaceKey } from './mission-channels';

export const alertKey = (blockerId: string): string => `alert:${blockerId}`;
export const escalationKey = (blockerId: string): string => `escalate:${blockerId}`;

/** Short and stable: keeps outbox keys well under their length limit whatever the ids. */
export function shortHash(text: string, length = 12): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/** Everything a post shows that can change: the same state always gives the same key. */
export function stateHash(b: Blocker): string {
  return shortHash(
    JSON.stringify([
      b.status,
      b.text,
      b.severity,
      b.helpWanted ?? '',
      b.helpers.map((h) => h.memberId),
      b.resolvedBy ?? '',
      b.resolution ?? '',
      b.generation ?? 0,
    ]),
  );
}

interface Post {
  key: string;
  target: OutboxTarget;
  /** The workspace readers of the post are in: people there can be mentioned. */
  where: WorkspaceRef;
  name: string;
}

const userOf = (m: Member): UserRef => ({ platform: m.platform, workspaceId: m.workspaceId, userId: m.userId });

/** A person named in a message read in `where`: mentioned only if they are in that workspace. */
export function personIn(
  m: Pick<Member, 'platform' | 'workspaceId' | 'userId' | 'displayName' | 'organisation'>,
  where: WorkspaceRef,
): PersonRef {
  return {
    name: m.displayName,
    ...(m.organisation ? { organisation: m.organisation } : {}),
    ...(sameWorkspace(m, where) ? { mention: { userId: m.userId, name: m.displayName } } : {}),
  };
}

/**
 * Posts blocker alerts and escalations and keeps them current. Every write goes through the
 * outbox under a deterministic key, so replicas doing the same step at once send one message.
 */
export class BlockerAlerts {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * In each workspace of the mission (home and linked), its alert channel, else its digest
   * channel: partners on the other platform are often the ones who can help. With no channel
   * anywhere, `fallback` by direct message. The home post keeps the key it always had.
   */
  private async posts(mission: Mission, base: string, fallback: Member[]): Promise<Post[]> {
    const out: Post[] = [];
    for (const place of await missionChannels(this.ctx.store, mission)) {
      const channel = place.alert ?? place.digest;
      if (!channel) continue;
      out.push({
        key: perWorkspaceKey(base, place),
        target: { conversation: channel },
        where: channel,
        name: place.alert ? ALERT_PLACE.alertChannel : ALERT_PLACE.digestChannel,
      });
    }
    if (out.length > 0) return out;
    return fallback.map((m) => ({ key: `${base}:dm:${shortHash(m.id)}`, target: { user: userOf(m) }, where: m, name: m.displayName }));
  }

  /** Where an alert for this mission goes, in words for the person who raised it. */
  describeAlertTarget(mission: Mission): string {
    if (mission.alertChannel) return ALERT_PLACE.alertChannel;
    if (mission.digestChannel) return ALERT_PLACE.digestChannel;
    return ALERT_PLACE.admins;
  }

  /** A high-severity open blocker is posted once (later calls are no-ops by key). */
  async alert(mission: Mission, b: Blocker, members?: Member[]): Promise<boolean> {
    if (b.severity !== 'high' || b.status !== 'open') return false;
    const all = members ?? (await this.ctx.store.members.listByMission(mission.id));
    await this.post(
      mission,
      b,
      'alert',
      await this.posts(
        mission,
        alertKey(b.id),
        all.filter((m) => m.role === 'admin'),
      ),
      all,
    );
    return true;
  }

  /** Posts the escalation once, naming the leads, and stops the blocker being picked up again. */
  async escalate(mission: Mission, b: Blocker, known?: Member[]): Promise<void> {
    const members = known ?? (await this.ctx.store.members.listByMission(mission.id));
    if (b.status === 'open')
      await this.post(
        mission,
        b,
        'escalation',
        await this.posts(
          mission,
          escalationKey(b.id),
          members.filter((m) => canLead(m.role)),
        ),
        members,
      );
    await this.ctx.store.blockers.markEscalated(b.id, this.ctx.clock.now());
  }

  private message(mission: Mission, b: Blocker, kind: PostKind, where: WorkspaceRef, members: Member[]) {
    const leads: LeadRef[] | undefined =
      kind === 'escalation'
        ? members
            .filter((m) => canLead(m.role))
            .sort((x, y) => Number(y.role === 'lead') - Number(x.role === 'lead') || x.displayName.localeCompare(y.displayName))
            .map((m) => ({ ...personIn(m, where), platform: m.platform }))
        : undefined;
    return blockerPostMessage(mission, b, this.ctx.clock.now(), {
      kind,
      escalateWeeks: escalateWeeksOf(mission),
      channelPlatform: where.platform,
      ...(leads ? { leads } : {}),
    });
  }

  private async post(mission: Mission, b: Blocker, kind: PostKind, posts: Post[], members: Member[]): Promise<void> {
    // Recorded before the enqueue, so no post can exist that a later change would not update.
    for (const p of posts) await this.ctx.store.blockers.addPost(b.id, p.key);
    await this.ctx.outbox.enqueueMany(
      posts.map((p) => ({
        key: p.key,
        missionId: mission.id,
        target: p.target,
        message: this.message(mission, b, kind, p.where, members),
        context: { kind: kind === 'alert' ? 'blocker alert' : 'blocker escalation', blocker: b.id, name: p.name },
      })),
    );
  }

  /**
   * After a change, every alert and escalation about the blocker is replaced by one showing the
   * new state. The key carries a hash of the state, so each change is one update. If the state
   * moved on while this ran (another replica's change), a last update re-asserts the latest.
   */
  async refresh(mission: Mission, blockerId: string): Promise<void> {
    const b = await this.ctx.store.blockers.get(blockerId);
    if (!b) return;
    const members = await this.ctx.store.members.listByMission(mission.id);
    await this.ctx.outbox.enqueueMany(await this.updates(mission, b, members, ''));
    const latest = await this.ctx.store.blockers.get(blockerId);
    if (latest && stateHash(latest) !== stateHash(b)) {
      await this.ctx.outbox.enqueueMany(await this.updates(mission, latest, members, `:after:${stateHash(b)}`));
    }
  }

  private async updates(mission: Mission, b: Blocker, members: Member[], suffix: string): Promise<EnqueueInput[]> {
    const out: EnqueueInput[] = [];
    for (const key of b.posts ?? []) {
      const item = await this.ctx.outboxItems.get(key);
      if (!item) continue;
      const where: WorkspaceRef = 'conversation' in item.target ? item.target.conversation : item.target.user;
      // A workspace unlinked since the post was made hears no more about the blocker.
      if (!mission.workspaceKeys.includes(workspaceKey(where))) continue;
      const kind: PostKind = key.startsWith('escalate:') ? 'escalation' : 'alert';
      out.push({
        key: `${key}:v:${stateHash(b)}${suffix}`,
        updates: key,
        missionId: mission.id,
        target: item.target,
        message: this.message(mission, b, kind, where, members),
        context: { kind: kind === 'alert' ? 'blocker alert update' : 'blocker escalation update', blocker: b.id },
      });
    }
    return out;
  }

  /** Tells the owner, once per helper, who offered. */
  async tellOwnerOfHelp(mission: Mission, b: Blocker, helper: Member): Promise<void> {
    if (!b.ownerUser) return;
    await this.ctx.outbox.enqueue({
      key: `helped:${b.id}:${shortHash(helper.id)}`,
      missionId: mission.id,
      target: { user: b.ownerUser },
      message: helpOfferedMessage(mission, b, personIn(helper, b.ownerUser)),
      context: { kind: 'help offer', blocker: b.id, name: b.ownerName },
    });
  }

  /** Tells the owner when someone else marked their blocker resolved. */
  async tellOwnerResolved(mission: Mission, b: Blocker, by: Member, note: string): Promise<void> {
    if (!b.ownerUser || by.id === b.ownerMemberId) return;
    await this.ctx.outbox.enqueue({
      key: `resolved:${b.id}:${b.generation ?? 0}`,
      missionId: mission.id,
      target: { user: b.ownerUser },
      message: resolvedForOwnerMessage(mission, b, personIn(by, b.ownerUser), note),
      context: { kind: 'blocker resolved notice', blocker: b.id, name: b.ownerName },
    });
  }
}
