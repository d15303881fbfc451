import { DateTime } from 'luxon';
import { userKey } from '../domain/identity';
import type { Question } from '../domain/questions';
import { invalidInput } from '../errors';
import {
  absentActorName,
  auditMessage,
  forgetMeConfirmMessage,
  forgottenMessage,
  myDataFile,
  myDataSentMessage,
  nothingErasedMessage,
  retentionSetMessage,
  soleAdminText,
} from '../messages/privacy-messages';
import type { Message } from '../messages/model';
import type { KeepAnswer, PersonalDataRepository } from '../store/personal-data-repository';
import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import type { MissionService } from './mission-service';

/** Sends a file to a person's direct messages (or a private download link where bots cannot post files). */
export type FileDelivery = (
  user: Actor,
  file: { filename: string; contentType: string; bytes: Buffer; title: string; comment: string },
) => Promise<'file' | 'link'>;

/**
 * UK GDPR controls: subject access (`checkin my-data`), erasure (`checkin forget-me`), a
 * mission's retention period and its audit log.
 */
export class PrivacyService {
  private readonly data: PersonalDataRepository;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
    private readonly deliver: FileDelivery,
  ) {
    this.data = ctx.store.personalData;
  }

  async myData(actor: Actor): Promise<Message> {
    const at = this.ctx.clock.now();
    const collected = await this.data.collect(actor, at);
    const bytes = Buffer.from(JSON.stringify(collected, null, 2), 'utf8');
    const via = await this.deliver(actor, { ...myDataFile(at), contentType: 'application/json; charset=utf-8', bytes });
    this.ctx.logger.info({ platform: actor.platform, workspace: actor.workspaceId, via }, 'subject access export sent');
    return myDataSentMessage(via);
  }

  /** Step one: say what will go, and ask. Refused while the person is a mission's only admin. */
  async forgetMe(actor: Actor): Promise<Message> {
    const memberships = await this.ctx.store.members.listByUser(actor);
    const soleAdminOf: string[] = [];
    for (const m of memberships.filter((x) => x.role === 'admin')) {
      const admins = (await this.ctx.store.members.listByMission(m.missionId)).filter((x) => x.role === 'admin');
      if (admins.length <= 1) soleAdminOf.push((await this.ctx.store.missions.findById(m.missionId))?.slug ?? m.missionId);
    }
    if (soleAdminOf.length > 0) throw invalidInput(soleAdminText(soleAdminOf));
    const slugs = (await this.ctx.store.missions.findByIds(memberships.map((m) => m.missionId))).map((m) => m.slug);
    return forgetMeConfirmMessage(slugs);
  }

  /** Step two, from the person's own button press. */
  async forgetMeConfirmed(actor: Actor): Promise<Message> {
    await this.forgetMe(actor); // the same checks again: the situation may have changed
    const missionIds = (await this.ctx.store.members.listByUser(actor)).map((m) => m.missionId);
    const counts = await this.data.erase(actor, await this.keepNumbers());
    counts.outbox = await this.ctx.outbox.forgetUser(userKey(actor));
    await this.ctx.store.members.changed(missionIds, [userKey(actor)]);
    this.ctx.store.people.forgetRecent(actor);
    this.ctx.logger.info(
      { platform: actor.platform, workspace: actor.workspaceId, user: userKey(actor).length, ...counts },
      'personal data erased',
    );
    return forgottenMessage(counts);
  }

  async setRetention(actor: Actor, slug: string, months: number): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    const at = this.ctx.clock.now();
    await this.ctx.store.missions.setRetention(mission.id, months, at);
    await this.ctx.store.audit.record(mission.id, actor, 'mission.retention', at, mission.retentionMonths ?? null, months);
    return retentionSetMessage(slug, months);
  }

  async audit(actor: Actor, slug: string, limit = 20): Promise<Message> {
    const { mission, members } = await this.missions.asAdmin(actor, slug);
    const names = new Map(members.map((m) => [`${m.platform}:${m.workspaceId}:${m.userId}`, m.displayName]));
    const entries = await this.ctx.store.audit.list(mission.id, limit);
    return auditMessage(
      slug,
      entries.map((e) => ({
        ...e,
        actorName: names.get(e.actorKey) ?? absentActorName(e.actorKey.startsWith('erased:')),
      })),
    );
  }

  /** The nightly pass: each mission's answers older than its retention period lose their text. */
  async applyRetention(): Promise<number> {
    const now = this.ctx.clock.now();
    if (!(await this.ctx.store.jobs.claim(`retention:${now.toISOString().slice(0, 10)}`, now))) return 0;
    const keep = await this.keepNumbers();
    let n = 0;
    for (const mission of await this.ctx.store.missions.withRetention()) {
      const before = DateTime.fromJSDate(now)
        .minus({ months: mission.retentionMonths ?? 0 })
        .toJSDate();
      n += await this.data.expireAnswers(mission.id, before, keep);
    }
    return n;
  }

  cancelled(): Message {
    return nothingErasedMessage();
  }

  /** Keeps scale and choice answers (what counts and averages use); drops free text. */
  private async keepNumbers(): Promise<KeepAnswer> {
    const cache = new Map<string, Question[]>();
    return async (roundId) => {
      if (!cache.has(roundId)) cache.set(roundId, (await this.ctx.store.rounds.get(roundId))?.questions ?? []);
      const questions = cache.get(roundId) ?? [];
      return (questionId) => {
        const q = questions.find((x) => x.id === questionId);
        return q !== undefined && (q.kind === 'scale' || q.kind === 'choice');
      };
    };
  }
}
