import { DateTime } from 'luxon';
import { sameWorkspace, workspaceKey, type ConversationRef, type UserRef, type WorkspaceRef } from '../domain/identity';
import { canConfigure, membersByOrganisation, type Member, type Mission, type Role } from '../domain/mission';
import { DEFAULT_QUESTIONS } from '../domain/questions';
import { DEFAULT_SCHEDULE, nextOpening } from '../domain/schedule';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone';
import { forbidden, invalidInput, MissionPulseError, notFound } from '../errors';
import { missionText } from '../messages/mission-texts';
import { newId } from '../store/ids';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';

export interface CreateMissionInput {
  statement: string;
  slug: string;
  /** True when the slug was derived from the statement, so a clash may be resolved by numbering. */
  slugDerived: boolean;
  targetDate?: string;
  place?: string;
  timeZone?: string;
}

export interface AddMembersInput {
  slug: string;
  users: Array<{ userId: string; displayName?: string }>;
  organisation?: string;
  role?: Role;
}

export interface MembersAdded {
  mission: Mission;
  added: Member[];
  updated: Member[];
  unchanged: Member[];
}

const NO_SUCH_MISSION = (slug: string): MissionPulseError => notFound(missionText.noSuchMission(slug));

/** Configure missions: create, look up, membership, channels. Every call is scoped by tenancy. */
export class MissionService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(actor: Actor, where: ConversationRef, input: CreateMissionInput): Promise<Mission> {
    const { store, clock } = this.ctx;
    const at = clock.now();
    await store.workspaces.ensure(actor, at);
    const digestChannel = where.kind === 'dm' ? undefined : where;
    const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
    let mission: Mission | undefined;
    // A derived slug that is taken gets a number; a slug the admin chose is never changed silently.
    for (let n = 1; !mission; n++) {
      const slug = n === 1 ? input.slug : `${input.slug.slice(0, 37)}-${n}`;
      try {
        mission = await store.missions.insert(
          {
            id: newId('msn'),
            home: { platform: actor.platform, workspaceId: actor.workspaceId },
            slug,
            statement: input.statement,
            targetDate: input.targetDate,
            place: input.place,
            timeZone,
            digestChannel,
            schedule: { ...DEFAULT_SCHEDULE },
            questions: DEFAULT_QUESTIONS,
            nextOpenAt: nextOpening(DEFAULT_SCHEDULE, timeZone, at).opensAt,
            createdBy: toUserRef(actor),
          },
          at,
        );
      } catch (e) {
        if (!(e instanceof MissionPulseError && e.code === 'CONFLICT') || !input.slugDerived || n >= 20) throw e;
      }
    }
    try {
      await store.members.insertNew(
        mission.id,
        [{ user: toUserRef(actor), displayName: actor.displayName ?? actor.userId, role: 'admin' }],
        at,
      );
      await store.audit.record(mission.id, actor, 'mission.create', at, undefined, {
        slug: mission.slug,
        statement: mission.statement,
        targetDate: mission.targetDate,
        place: mission.place,
        timeZone: mission.timeZone,
      });
    } catch (e) {
      // No half-written mission: without its admin nobody could ever change it.
      await store.members.removeAllOfMission(mission.id).catch(() => undefined);
      await store.missions.deleteById(mission.id);
      throw e;
    }
    this.ctx.logger.info({ missionId: mission.id, platform: actor.platform, workspace: actor.workspaceId }, 'mission created');
    return mission;
  }

  /** Missions in the caller's workspace that the caller belongs to, by statement. */
  async listMine(actor: Actor): Promise<Array<{ mission: Mission; role: Role }>> {
    const memberships = await this.ctx.store.members.listByUser(actor);
    const missions = await this.ctx.store.missions.findByIds(memberships.map((m) => m.missionId));
    const key = workspaceKey(actor);
    const roleOf = new Map(memberships.map((m) => [m.missionId, m.role]));
    return missions
      .filter((m) => m.workspaceKeys.includes(key))
      .map((mission) => ({ mission, role: roleOf.get(mission.id) ?? 'member' }))
      .sort((a, b) => a.mission.slug.localeCompare(b.mission.slug));
  }

  /** A mission visible from the caller's workspace; anything else is "no such mission". */
  async visible(ws: WorkspaceRef, slug: string): Promise<Mission> {
    const mission = await this.ctx.store.missions.findBySlug(ws, slug);
    if (!mission) throw NO_SUCH_MISSION(slug);
    return mission;
  }

  /** The mission and the caller's membership; non-members are refused with who to ask. */
  async asMember(actor: Actor, slug: string): Promise<{ mission: Mission; me: Member; members: Member[] }> {
    const mission = await this.visible(actor, slug);
    const members = await this.ctx.store.members.listByMission(mission.id);
    const me = members.find((m) => m.platform === actor.platform && m.workspaceId === actor.workspaceId && m.userId === actor.userId);
    if (!me) throw forbidden(missionText.notOnMission(slug, members));
    return { mission, me, members };
  }

  async asAdmin(actor: Actor, slug: string): Promise<{ mission: Mission; me: Member; members: Member[] }> {
    const found = await this.asMember(actor, slug);
    if (!canConfigure(found.me.role)) throw forbidden(missionText.adminsOnly(slug, found.members));
    return found;
  }

  async show(
    actor: Actor,
    slug: string,
  ): Promise<{ mission: Mission; groups: ReturnType<typeof membersByOrganisation>; memberCount: number }> {
    const { mission, members } = await this.asMember(actor, slug);
    return { mission, groups: membersByOrganisation(members), memberCount: members.length };
  }

  async addMembers(actor: Actor, input: AddMembersInput): Promise<MembersAdded> {
    const { mission, members } = await this.asAdmin(actor, input.slug);
    const at = this.ctx.clock.now();
    const role = input.role ?? 'member';
    const wanted = input.users.map((u) => ({
      user: { platform: actor.platform, workspaceId: actor.workspaceId, userId: u.userId },
      displayName: u.displayName ?? u.userId,
      organisation: input.organisation,
      role,
    }));
    const { added, existing } = await this.ctx.store.members.insertNew(mission.id, wanted, at);
    const updated: Member[] = [];
    const unchanged: Member[] = [];
    for (const current of existing) {
      const change: { organisation?: string; role?: Role } = {};
      if (input.organisation !== undefined && input.organisation !== current.organisation) change.organisation = input.organisation;
      if (input.role !== undefined && input.role !== current.role) change.role = input.role;
      if (change.role && current.role === 'admin' && countAdmins(members) <= 1) {
        throw invalidInput(missionText.lastAdminKept(current.displayName, mission.slug));
      }
      if (Object.keys(change).length === 0) {
        unchanged.push(current);
        continue;
      }
      await this.ctx.store.members.update(current.id, change);
      await this.ctx.store.audit.record(
        mission.id,
        actor,
        'member.update',
        at,
        { user: current.userId, organisation: current.organisation, role: current.role },
        { user: current.userId, ...change },
      );
      updated.push({ ...current, ...change });
    }
    if (added.length > 0) {
      await this.ctx.store.audit.record(mission.id, actor, 'member.add', at, undefined, {
        users: added.map((m) => m.userId),
        organisation: input.organisation,
        role,
      });
    }
    return { mission, added, updated, unchanged };
  }

  async removeMember(actor: Actor, slug: string, userId: string): Promise<{ mission: Mission; removed: Member }> {
    const { mission, members } = await this.asAdmin(actor, slug);
    const target = members.find((m) => m.platform === actor.platform && m.workspaceId === actor.workspaceId && m.userId === userId);
    if (!target) throw notFound(missionText.notOnMissionToRemove(slug));
    if (target.role === 'admin' && countAdmins(members) <= 1) throw invalidInput(missionText.lastAdminRemoved(target.displayName, slug));
    await this.ctx.store.members.remove(target.id);
    await this.ctx.store.audit.record(
      mission.id,
      actor,
      'member.remove',
      this.ctx.clock.now(),
      { user: target.userId, organisation: target.organisation, role: target.role },
      undefined,
    );
    return { mission, removed: target };
  }

  async setChannel(actor: Actor, where: ConversationRef, slug: string, which: 'digest' | 'alerts'): Promise<Mission> {
    const { mission } = await this.asAdmin(actor, slug);
    if (where.kind === 'dm') throw invalidInput(missionText.channelInDm(slug, which));
    if (!sameWorkspace(where, actor)) throw forbidden(missionText.otherWorkspace);
    const field = which === 'digest' ? 'digestChannel' : 'alertChannel';
    const at = this.ctx.clock.now();
    if (!sameWorkspace(actor, mission.home)) {
      // In a linked workspace the command sets that workspace's own channel, never the home one.
      const key = workspaceKey(actor);
      const link = await this.ctx.store.missionLinks.get(mission.id, key);
      if (!link || !(await this.ctx.store.missionLinks.setChannel(mission.id, key, field, where))) throw NO_SUCH_MISSION(slug);
      await this.ctx.store.audit.record(mission.id, actor, `mission.channel.${which}`, at, link[field] ?? null, where);
      return mission;
    }
    await this.ctx.store.missions.setChannel(mission.id, field, where, at);
    await this.ctx.store.audit.record(mission.id, actor, `mission.channel.${which}`, at, mission[field] ?? null, where);
    return { ...mission, [field]: where, updatedAt: at };
  }
}

function toUserRef(a: UserRef): UserRef {
  return { platform: a.platform, workspaceId: a.workspaceId, userId: a.userId };
}

function countAdmins(members: Member[]): number {
  return members.filter((m) => m.role === 'admin').length;
}

/** Today's date in a zone, for "target must be in the future". */
export function todayIn(zone: string, at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? DateTime.fromJSDate(at).toISODate() ?? '';
}
