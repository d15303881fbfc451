import { PLATFORMS, sameWorkspace, userKey, workspaceKey, type ConversationRef, type UserRef, type WorkspaceRef } from '../domain/identity';
import { INVITE_TTL_MS, inviteCodeHash, newInviteCode, normaliseInviteCode } from '../domain/invite-code';
import type { Member, Mission } from '../domain/mission';
import { MAX_LINKED_WORKSPACES, workspaceLabel, type InviteClaim, type MissionInvite } from '../domain/mission-link';
import { forbidden, invalidInput, notFound } from '../errors';
import {
  inviteCreatedMessage,
  inviteNeedsDmMessage,
  inviteUsedMessage,
  joinedMessage,
  linksMessage,
  unlinkedMessage,
  unlinkNoticeMessage,
  type LinkRow,
} from '../messages/mission-link-messages';
import { missionLinkText as text } from '../messages/mission-link-texts';
import type { Message } from '../messages/model';
import { shortHash } from './blocker-alerts';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { MissionService } from './mission-service';

const userOf = (u: UserRef): UserRef => ({ platform: u.platform, workspaceId: u.workspaceId, userId: u.userId });

/** The inverse of `workspaceKey`, for keys read back from `Mission.workspaceKeys`. */
function parseKey(key: string): WorkspaceRef {
  const i = key.indexOf(':');
  const platform = PLATFORMS.find((p) => p === key.slice(0, i));
  if (!platform) throw notFound(text.unknownWorkspace(key));
  return { platform, workspaceId: key.slice(i + 1) };
}

/**
 * One mission across workspaces: a home admin makes a one-time code, an admin in another Slack
 * workspace or Teams tenant joins with it, either side unlinks. The code is only ever held as a
 * hash; its one use is a unique insert, so two joins at once cannot both succeed.
 */
export class MissionLinkService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
  ) {}

  /** `mission invite <slug>`: admins of the home workspace, in a direct message. */
  async invite(actor: Actor, where: ConversationRef, slug: string): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission, me } = await this.missions.asAdmin(actor, slug);
    if (!sameWorkspace(actor, mission.home)) {
      throw forbidden(text.homeAdminsInvite(mission.slug, workspaceLabel(mission.home)));
    }
    if (where.kind !== 'dm') return inviteNeedsDmMessage(mission.slug);
    if (mission.workspaceKeys.length - 1 >= MAX_LINKED_WORKSPACES) {
      throw invalidInput(text.tooManyLinks(mission.slug));
    }
    const code = newInviteCode();
    const body = normaliseInviteCode(code) ?? '';
    const at = clock.now();
    const invite: MissionInvite = {
      id: inviteCodeHash(body),
      missionId: mission.id,
      createdBy: userOf(actor),
      createdByName: me.displayName,
      createdAt: at,
      expiresAt: new Date(at.getTime() + INVITE_TTL_MS),
    };
    await store.invites.insert(invite);
    await store.audit.record(mission.id, actor, 'mission.invite', at, undefined, {
      invite: invite.id.slice(0, 12),
      expiresAt: invite.expiresAt.toISOString(),
    });
    this.ctx.logger.info({ missionId: mission.id, invite: invite.id.slice(0, 12) }, 'invite code made');
    return inviteCreatedMessage(mission, code, invite.expiresAt);
  }

  /**
   * `mission join <code>`: links the caller's workspace and makes the caller an admin. Typed in
   * a channel, that channel becomes the workspace's digest channel (as `mission create` does).
   * Checks that change nothing come before the claim, so a refused join leaves the code usable.
   */
  async join(actor: Actor, where: ConversationRef, typed: string, organisation?: string): Promise<Message> {
    const { store, clock } = this.ctx;
    const body = normaliseInviteCode(typed);
    if (!body) throw invalidInput(text.notACode);
    const id = inviteCodeHash(body);
    const invite = await store.invites.get(id);
    if (!invite) throw notFound(text.unknownCode);
    const mission = await store.missions.findById(invite.missionId);
    if (!mission) throw notFound(text.missionGone);
    const key = workspaceKey(actor);
    if (sameWorkspace(actor, mission.home)) throw invalidInput(text.alreadyHome(mission.slug));
    if (mission.workspaceKeys.includes(key)) throw invalidInput(text.alreadyLinked(mission.slug));
    const now = clock.now();
    const claimed = await store.invites.getClaim(id);
    // The same person running the same join again (a retry after a failure) finishes it.
    const mine = (c: InviteClaim | undefined) => c !== undefined && c.workspaceKey === key && userKey(c.claimedBy) === userKey(actor);
    if (claimed && !mine(claimed)) throw invalidInput(text.usedCode);
    if (!claimed && now.getTime() >= invite.expiresAt.getTime()) throw invalidInput(text.expiredCode);
    if (await store.missions.findBySlug(actor, mission.slug)) throw invalidInput(text.slugTaken(mission.slug));
    if (mission.workspaceKeys.length - 1 >= MAX_LINKED_WORKSPACES) throw invalidInput(text.tooManyLinks(mission.slug));
    if (!claimed && !(await store.invites.claim({ id, missionId: mission.id, workspaceKey: key, claimedBy: userOf(actor), at: now }))) {
      if (!mine(await store.invites.getClaim(id))) throw invalidInput(text.usedCode);
    }

    const channel = where.kind === 'dm' ? undefined : where;
    const ws: WorkspaceRef = { platform: actor.platform, workspaceId: actor.workspaceId };
    const name = actor.displayName ?? actor.userId;
    await store.missionLinks.insert({
      missionId: mission.id,
      workspace: ws,
      workspaceKey: key,
      linkedBy: userOf(actor),
      linkedByName: name,
      linkedAt: now,
      invitedBy: invite.createdBy,
      ...(channel ? { digestChannel: channel } : {}),
    });
    const { existing } = await store.members.insertNew(
      mission.id,
      [{ user: userOf(actor), displayName: name, organisation, role: 'admin' }],
      now,
    );
    for (const m of existing) if (m.role !== 'admin') await store.members.update(m.id, { role: 'admin' });
    await store.audit.record(mission.id, actor, 'mission.link', now, undefined, {
      workspace: key,
      invite: id.slice(0, 12),
      invitedBy: userKey(invite.createdBy),
    });
    await this.ctx.outbox.enqueue({
      key: `invite-used:${id}`,
      missionId: mission.id,
      target: { user: invite.createdBy },
      message: inviteUsedMessage(mission, name, ws, key),
      context: { kind: 'invite used', name: invite.createdByName },
    });
    // Last, so the workspace sees the mission only once everything above is in place.
    await store.missions.addWorkspace(mission.id, key, now);
    this.ctx.logger.info({ missionId: mission.id, workspace: key }, 'workspace linked to mission');
    return joinedMessage(mission, channel !== undefined);
  }

  /**
   * `mission unlink <slug> [workspace]`: from the home workspace, removes a linked workspace
   * (the only one needs no name); from a linked workspace, leaves. That workspace's members are
   * taken off the mission; their past check-ins stay.
   */
  async unlink(actor: Actor, slug: string, named?: string): Promise<Message> {
    const { store, clock } = this.ctx;
    const { mission, me, members } = await this.missions.asAdmin(actor, slug);
    const homeKey = workspaceKey(mission.home);
    const myKey = workspaceKey(actor);
    const linked = mission.workspaceKeys.filter((k) => k !== homeKey);
    let target: string;
    if (myKey !== homeKey) {
      if (named !== undefined && matchWorkspace(named, [myKey]) === undefined) {
        throw forbidden(text.unlinkOwnOnly(mission.slug));
      }
      target = myKey;
    } else {
      if (linked.length === 0) throw invalidInput(text.notLinked(mission.slug));
      if (named === undefined) {
        if (linked.length > 1) throw invalidInput(text.sayWhichToUnlink(mission.slug, linked));
        target = linked[0];
      } else {
        const found = matchWorkspace(named, linked);
        if (!found) throw notFound(text.notLinkedNamed(named, mission.slug, linked));
        target = found;
      }
    }
    const at = clock.now();
    // Visibility goes first: from here on the workspace cannot reach the mission.
    await store.missions.removeWorkspace(mission.id, target, at);
    const leaving = members.filter((m) => workspaceKey(m) === target);
    for (const m of leaving) await store.members.remove(m.id);
    await store.missionLinks.remove(mission.id, target);
    const left = target === myKey;
    await store.audit.record(
      mission.id,
      actor,
      left ? 'mission.leave' : 'mission.unlink',
      at,
      { workspace: target, members: leaving.length },
      undefined,
    );
    const ws = parseKey(target);
    // The other side's admins hear of it: those just removed, or the home admins when a workspace leaves.
    const tell = left
      ? members.filter((m) => m.role === 'admin' && workspaceKey(m) === homeKey)
      : leaving.filter((m) => m.role === 'admin');
    await this.notify(
      mission,
      tell,
      `unlinked:${mission.id}:${target}:${at.getTime()}`,
      unlinkNoticeMessage(mission, ws, me.displayName, left),
    );
    this.ctx.logger.info({ missionId: mission.id, workspace: target, members: leaving.length }, 'workspace unlinked from mission');
    return unlinkedMessage(mission, ws, leaving.length, left);
  }

  /** `mission links <slug>`: which workspaces share the mission and whether each chose channels. */
  async links(actor: Actor, slug: string): Promise<Message> {
    const { mission } = await this.missions.asMember(actor, slug);
    const homeKey = workspaceKey(mission.home);
    const links = await this.ctx.store.missionLinks.listForMission(
      mission.id,
      mission.workspaceKeys.filter((k) => k !== homeKey),
    );
    const rows: LinkRow[] = [
      {
        ws: mission.home,
        key: homeKey,
        home: true,
        digest: mission.digestChannel !== undefined,
        alert: mission.alertChannel !== undefined,
      },
      ...links.map((l) => ({
        ws: l.workspace,
        key: l.workspaceKey,
        home: false,
        digest: l.digestChannel !== undefined,
        alert: l.alertChannel !== undefined,
        linkedBy: l.linkedByName,
        linkedAt: l.linkedAt,
      })),
    ];
    return linksMessage(mission, rows);
  }

  /** The mission as a person in `ws` sees it: a linked workspace's own channels, not the home ones. */
  async asSeenFrom(ws: WorkspaceRef, mission: Mission): Promise<Mission> {
    if (sameWorkspace(ws, mission.home)) return mission;
    const link = await this.ctx.store.missionLinks.get(mission.id, workspaceKey(ws));
    return { ...mission, digestChannel: link?.digestChannel, alertChannel: link?.alertChannel };
  }

  private async notify(mission: Mission, people: Member[], key: string, message: Message): Promise<void> {
    if (people.length === 0) return;
    await this.ctx.outbox.enqueueMany(
      people.map((m) => ({
        key: `${key}:${shortHash(m.id)}`,
        missionId: mission.id,
        target: { user: userOf(m) },
        message,
        context: { kind: 'unlink notice', name: m.displayName },
      })),
    );
  }
}

/** A workspace named as its key (`slack:T123`), its id, or its platform when only one is linked from there. */
export function matchWorkspace(named: string, keys: string[]): string | undefined {
  const n = named.trim().toLowerCase();
  const exact = keys.find((k) => k.toLowerCase() === n || k.slice(k.indexOf(':') + 1).toLowerCase() === n);
  if (exact) return exact;
  const byPlatform = keys.filter((k) => k.startsWith(`${n}:`));
  return byPlatform.length === 1 ? byPlatform[0] : undefined;
}
