import {
  blockerIdForCheckin,
  byUrgency,
  escalateWeeksOf,
  escalationDueAt,
  MAX_RESOLUTION_LENGTH,
  type Blocker,
  type BlockerStatus,
} from '../domain/blocker';
import type { Checkin, CheckinRound } from '../domain/checkin';
import { canLead, type Member, type Mission } from '../domain/mission';
import { BLOCKER_SEVERITIES, type BlockerSeverity, type Question } from '../domain/questions';
import { workspaceKey } from '../domain/identity';
import { weekKey } from '../domain/week-key';
import { forbidden, notFound } from '../errors';
import {
  blockerListMessage,
  blockerRaisedMessage,
  escalationSetMessage,
  resolveForm,
  RESOLUTION_INPUT,
} from '../messages/blocker-messages';
import { blockerText } from '../messages/blocker-texts';
import { noticeMessage } from '../messages/checkin-messages';
import type { Message } from '../messages/model';
import type { BlockerChange } from '../store/blocker-repository';
import { newId } from '../store/ids';
import type { BlockerAlerts } from './blocker-alerts';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { MissionService } from './mission-service';
import type { Reply } from './replies';

export interface RaiseInput {
  text: string;
  severity: BlockerSeverity;
  help?: string;
}

const userOf = (m: Member) => ({ platform: m.platform, workspaceId: m.workspaceId, userId: m.userId });

function severityOf(value: string | undefined): BlockerSeverity {
  const v = (value ?? '').trim().toLowerCase();
  return (BLOCKER_SEVERITIES as readonly string[]).includes(v) ? (v as BlockerSeverity) : 'medium';
}

function byRole(questions: Question[], role: Question['role']): Question | undefined {
  return questions.find((q) => q.role === role);
}

/**
 * Blockers: raised from check-ins or by command, listed, helped with and resolved. Claims are
 * unique inserts: a blocker's id, a helper's offer, and `blocker-close:<id>:<generation>` for
 * resolving or withdrawing it, so two replicas (or two people) can never both close it.
 */
export class BlockerService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
    readonly alerts: BlockerAlerts,
  ) {}

  // ---- commands -------------------------------------------------------------------------

  /** `blocker <slug> "<text>"`: any member raises one; high severity alerts at once. */
  async raise(actor: Actor, slug: string, input: RaiseInput): Promise<Message> {
    const { mission, me, members } = await this.missions.asMember(actor, slug);
    const now = this.ctx.clock.now();
    const id = newId('blk');
    await this.ctx.store.blockers.insert(
      {
        id,
        missionId: mission.id,
        ownerMemberId: me.id,
        ownerName: me.displayName,
        ...(me.organisation ? { ownerOrganisation: me.organisation } : {}),
        ownerUser: userOf(me),
        text: input.text,
        severity: input.severity,
        ...(input.help ? { helpWanted: input.help } : {}),
        status: 'open',
        source: 'command',
        firstWeek: weekKey(now, mission.timeZone),
        firstSeenAt: now,
        escalateAt: escalationDueAt(now, escalateWeeksOf(mission)),
      },
      now,
    );
    await this.ctx.store.audit.record(mission.id, actor, 'blocker.raise', now, undefined, { blocker: id, severity: input.severity });
    const stored = await this.mustGet(id);
    const alerted = await this.alerts.alert(mission, stored, members);
    return blockerRaisedMessage(mission, stored, alerted ? this.alerts.describeAlertTarget(mission) : undefined);
  }

  /** `mission blockers <slug>`: the open ones, for any member. */
  async list(actor: Actor, slug: string): Promise<Message> {
    const { mission } = await this.missions.asMember(actor, slug);
    const open = (await this.ctx.store.blockers.listOpen(mission.id)).sort(byUrgency);
    return blockerListMessage(mission, open, this.ctx.clock.now(), escalateWeeksOf(mission));
  }

  /** `mission blockers <slug> escalate=<weeks>` (admins): open blockers are rescheduled too. */
  async setEscalation(actor: Actor, slug: string, weeks: number): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    const now = this.ctx.clock.now();
    await this.ctx.store.missions.setEscalateAfterWeeks(mission.id, weeks, now);
    await this.ctx.store.audit.record(mission.id, actor, 'mission.blockers.escalate', now, escalateWeeksOf(mission), weeks);
    let rescheduled = 0;
    for (const b of await this.ctx.store.blockers.listOpen(mission.id)) {
      if (b.escalatedAt) continue;
      await this.ctx.store.blockers.setEscalateAt(b.id, escalationDueAt(b.firstSeenAt, weeks));
      rescheduled++;
    }
    return escalationSetMessage(mission, weeks, rescheduled);
  }

  // ---- buttons and the resolution form --------------------------------------------------

  private async mustGet(id: string): Promise<Blocker> {
    const b = await this.ctx.store.blockers.get(id);
    if (!b) throw notFound(blockerText.gone);
    return b;
  }

  /** The blocker, its mission and the actor's membership (undefined for non-members). */
  private async access(actor: Actor, id: string): Promise<{ b: Blocker; mission: Mission; me: Member | undefined }> {
    const b = await this.mustGet(id);
    const mission = await this.ctx.store.missions.findById(b.missionId);
    if (!mission) throw notFound(blockerText.gone);
    const me = await this.ctx.store.members.find(mission.id, actor);
    // From a workspace the mission is not shared with, it does not exist: no names, no state.
    if (!me && !mission.workspaceKeys.includes(workspaceKey(actor))) throw notFound(blockerText.gone);
    return { b, mission, me };
  }

  private notOpen(b: Blocker): Reply {
    return { kind: 'private', message: noticeMessage(blockerText.notOpen(b)) };
  }

  /** "I can help": records the offer once, tells the owner once, and updates the alert. */
  async offerHelp(actor: Actor, id: string): Promise<Reply> {
    const { b, mission, me } = await this.access(actor, id);
    if (!me) throw forbidden(blockerText.notOnMissionToHelp(mission.slug));
    if (b.status !== 'open') return this.notOpen(b);
    if (me.id === b.ownerMemberId) {
      return { kind: 'private', message: noticeMessage(blockerText.ownBlocker) };
    }
    const now = this.ctx.clock.now();
    const fresh = await this.ctx.store.blockers.addHelper(b.id, mission.id, {
      memberId: me.id,
      name: me.displayName,
      ...(me.organisation ? { organisation: me.organisation } : {}),
      at: now,
    });
    // Repeated even when the offer already existed: a crash after the insert must not lose the message.
    await this.alerts.tellOwnerOfHelp(mission, b, me);
    await this.alerts.refresh(mission, b.id);
    return { kind: 'private', message: noticeMessage(blockerText.helpOffered(b.ownerName, fresh)) };
  }

  private mayResolve(b: Blocker, me: Member | undefined): me is Member {
    return me !== undefined && (me.id === b.ownerMemberId || canLead(me.role));
  }

  private refusal(b: Blocker, mission: Mission): Error {
    return forbidden(blockerText.mayNotResolve(b.ownerName, mission.slug));
  }

  /** "Resolved": the owner, leads and admins get a form for a one-line note; others a refusal. */
  async openResolve(actor: Actor, id: string): Promise<Reply> {
    const { b, mission, me } = await this.access(actor, id);
    if (b.status !== 'open') return this.notOpen(b);
    if (!this.mayResolve(b, me)) throw this.refusal(b, mission);
    return { kind: 'form', form: resolveForm(mission, b) };
  }

  /** The resolution form. Roles are checked again from the actor, never taken from the form. */
  async submitResolve(actor: Actor, id: string, values: Record<string, string>): Promise<Reply> {
    const { b, mission, me } = await this.access(actor, id);
    if (!this.mayResolve(b, me)) throw this.refusal(b, mission);
    // Whoever lost a race sees the alert turn resolved; a second note would only confuse it.
    if (b.status !== 'open') return { kind: 'form-done' };
    const note = (values[RESOLUTION_INPUT] ?? '').replace(/\s+/g, ' ').trim();
    const errors: Record<string, string> = {};
    if (!note) errors[RESOLUTION_INPUT] = blockerText.resolutionMissing;
    else if (note.length > MAX_RESOLUTION_LENGTH) errors[RESOLUTION_INPUT] = blockerText.resolutionTooLong(note.length);
    if (Object.keys(errors).length > 0) return { kind: 'form-errors', errors, form: resolveForm(mission, b), values };
    if (await this.close(mission, b, me, 'resolved', note)) await this.alerts.tellOwnerResolved(mission, b, me, note);
    return { kind: 'form-done' };
  }

  /** Resolves or withdraws once (claimed), then updates every post about it. */
  private async close(mission: Mission, b: Blocker, by: Member, status: Exclude<BlockerStatus, 'open'>, note: string): Promise<boolean> {
    const now = this.ctx.clock.now();
    if (!(await this.ctx.store.jobs.claim(`blocker-close:${b.id}:${b.generation ?? 0}`, now))) return false;
    await this.ctx.store.blockers.close(b.id, { status, at: now, by: by.displayName, byMemberId: by.id, note });
    await this.ctx.store.audit.record(mission.id, userOf(by), `blocker.${status === 'resolved' ? 'resolve' : 'withdraw'}`, now, undefined, {
      blocker: b.id,
    });
    await this.alerts.refresh(mission, b.id);
    return true;
  }

  // ---- check-ins ------------------------------------------------------------------------

  /**
   * The check-in's blocker answer as a record, `blocker:<checkinId>`: created on the first
   * answer, changed by edits. Emptying the answer withdraws it (kept, but never counted as
   * resolved); filling it again reopens it. One resolved by someone else stays resolved.
   */
  async recordFromCheckin(mission: Mission, round: CheckinRound, member: Member, checkin: Checkin): Promise<void> {
    const blockerQ = byRole(round.questions, 'blocker');
    if (!blockerQ) return;
    const text = (checkin.answers[blockerQ.id] ?? '').trim();
    const severityQ = byRole(round.questions, 'blocker-severity');
    const helpQ = byRole(round.questions, 'blocker-help');
    const severity = severityOf(severityQ ? checkin.answers[severityQ.id] : undefined);
    const help = helpQ ? (checkin.answers[helpQ.id] ?? '').trim() : '';
    const id = blockerIdForCheckin(checkin.id);
    const now = this.ctx.clock.now();
    const { blockers } = this.ctx.store;

    let existing = await blockers.get(id);
    if (!existing) {
      if (!text) return;
      const inserted = await blockers.insert(
        {
          id,
          missionId: mission.id,
          ownerMemberId: member.id,
          ownerName: member.displayName,
          ...(member.organisation ? { ownerOrganisation: member.organisation } : {}),
          ownerUser: userOf(member),
          text,
          severity,
          ...(help ? { helpWanted: help } : {}),
          status: 'open',
          source: 'checkin',
          checkinId: checkin.id,
          firstWeek: round.weekKey,
          firstSeenAt: now,
          escalateAt: escalationDueAt(now, escalateWeeksOf(mission)),
        },
        now,
      );
      existing = await this.mustGet(id);
      if (inserted) {
        await this.ctx.store.audit.record(mission.id, member, 'blocker.raise', now, undefined, {
          blocker: id,
          severity,
          checkin: checkin.id,
        });
        await this.alerts.alert(mission, existing);
        return;
      }
    }
    if (existing.status === 'resolved') return;
    if (!text) {
      if (existing.status === 'open') await this.close(mission, existing, member, 'withdrawn', blockerText.withdrawn);
      return;
    }
    const change: BlockerChange = {};
    if (text !== existing.text) change.text = text;
    if (severity !== existing.severity) change.severity = severity;
    if (help !== (existing.helpWanted ?? '')) change.helpWanted = help || null;
    if (existing.status === 'withdrawn') {
      const escalateAt = existing.escalatedAt ? undefined : escalationDueAt(existing.firstSeenAt, escalateWeeksOf(mission));
      await blockers.reopen(id, (existing.generation ?? 0) + 1, change, escalateAt, now);
    } else if (Object.keys(change).length > 0) {
      await blockers.change(id, change, now);
    } else {
      // The same answer again (a redelivery): make sure an alert that is due exists, nothing else.
      await this.alerts.alert(mission, existing);
      return;
    }
    const updated = await this.mustGet(id);
    await this.alerts.alert(mission, updated); // it may have just become high severity
    await this.alerts.refresh(mission, id);
  }

  /** The owner answered "Resolved" to "still blocking?" in a later check-in. */
  async resolveFromCheckin(mission: Mission, member: Member, blockerId: string): Promise<boolean> {
    const b = await this.ctx.store.blockers.get(blockerId);
    if (!b || b.ownerMemberId !== member.id || b.missionId !== mission.id || b.status !== 'open') return false;
    return this.close(mission, b, member, 'resolved', blockerText.resolvedInCheckin);
  }

  /** The member's open blockers raised before `before` (so not the one this check-in raises). */
  async openFor(missionId: string, members: Member[], before: Date): Promise<Map<string, Blocker[]>> {
    const wanted = new Set(members.map((m) => m.id));
    const out = new Map<string, Blocker[]>();
    const open = (await this.ctx.store.blockers.listOpen(missionId)).filter(
      (b) => wanted.has(b.ownerMemberId) && b.firstSeenAt.getTime() < before.getTime(),
    );
    for (const b of open.sort((x, y) => x.firstSeenAt.getTime() - y.firstSeenAt.getTime() || x.id.localeCompare(y.id))) {
      out.set(b.ownerMemberId, [...(out.get(b.ownerMemberId) ?? []), b]);
    }
    return out;
  }

  // ---- for the digest and the reporting API ----------------------------------------------

  /**
   * Open blockers and those closed since `since`, most urgent first. The digest asks from the
   * start of its week and sorts them into new, still open and resolved (`blockerSummary` in
   * src/domain/digest.ts); the reporting API asks for all of them.
   */
  async listForMission(missionId: string, since: Date): Promise<Blocker[]> {
    return (await this.ctx.store.blockers.listForMission(missionId, since)).sort(byUrgency);
  }
}
