import { commandHelp, helpEntries, parseCommand, type ParsedCommand } from '../commands';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone';
import { commandErrorMessage, commandHelpMessage, helpMessage } from '../messages/help-messages';
import {
  channelSetMessage,
  memberRemovedMessage,
  membersAddedMessage,
  missionCreatedMessage,
  missionDetailsMessage,
  missionListMessage,
} from '../messages/mission-messages';
import type { ServiceContext } from './context';
import type { CommandEvent } from './inbound-events';
import { todayIn, type MissionService } from './mission-service';
import type { Reply } from './replies';
import { slugFromStatement } from '../commands';
import type { CheckinService } from './checkin-service';
import type { CycleAdminService } from './cycle-admin-service';
import type { PrivacyService } from './privacy-service';
import type { QuestionsService } from './questions-service';
import type { IndicatorService } from './indicator-service';
import type { BlockerService } from './blocker-service';
import type { DigestService } from './digest-service';
import type { DataOut } from './data-out';
import type { MissionLinkService } from './mission-link-service';

const reply = (message: Reply & { kind: 'private' | 'public' }): Reply => message;

/** Parses a command with the shared grammar and calls the service that does it. */
export class CommandRouter {
  private readonly missions: MissionService;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly services: CommandServices,
  ) {
    this.missions = services.missions;
  }

  async handle(ev: CommandEvent): Promise<Reply> {
    const today = todayIn(DEFAULT_TIME_ZONE, this.ctx.clock.now());
    const parsed = parseCommand(ev.command, ev.text, { today });
    if (!parsed.ok) {
      if (parsed.error.code === 'EMPTY') return this.help(ev, undefined);
      return reply({ kind: 'private', message: commandErrorMessage(parsed.error) });
    }
    return this.dispatch(ev, parsed.command);
  }

  private help(ev: CommandEvent, topic: string | undefined): Reply {
    if (topic) {
      const text = commandHelp(ev.command, topic) ?? commandHelp('mission', topic);
      if (text) return reply({ kind: 'private', message: commandHelpMessage(text) });
    }
    return reply({ kind: 'private', message: helpMessage(helpEntries()) });
  }

  private async dispatch(ev: CommandEvent, cmd: ParsedCommand): Promise<Reply> {
    const { actor, where } = ev;
    const named = (userId: string) => ({ userId, displayName: ev.mentionNames[userId] });
    switch (cmd.name) {
      case 'help':
        return this.help(ev, cmd.topic);
      case 'mission.create': {
        const mission = await this.missions.create(actor, where, {
          statement: cmd.statement,
          slug: cmd.slug ?? slugFromStatement(cmd.statement),
          slugDerived: cmd.slug === undefined,
          targetDate: cmd.target,
          place: cmd.place,
          timeZone: cmd.tz,
        });
        return reply({ kind: 'private', message: missionCreatedMessage(mission, ev.command) });
      }
      case 'mission.list':
        return reply({ kind: 'private', message: missionListMessage(await this.missions.listMine(actor), ev.command) });
      case 'mission.show': {
        const shown = await this.missions.show(actor, cmd.slug);
        const seen = await this.services.links.asSeenFrom(actor, shown.mission);
        return reply({ kind: 'private', message: missionDetailsMessage(seen, shown.groups, shown.memberCount) });
      }
      case 'mission.add': {
        const result = await this.missions.addMembers(actor, {
          slug: cmd.slug,
          users: cmd.userIds.map(named),
          organisation: cmd.org,
          role: cmd.role,
        });
        return reply({ kind: 'private', message: membersAddedMessage(result) });
      }
      case 'mission.remove': {
        const result = await this.missions.removeMember(actor, cmd.slug, cmd.userId);
        return reply({ kind: 'private', message: memberRemovedMessage(result.mission, result.removed) });
      }
      case 'mission.channel': {
        const mission = await this.missions.setChannel(actor, where, cmd.slug, cmd.purpose);
        return reply({ kind: 'public', message: channelSetMessage(mission, cmd.purpose) });
      }
      case 'mission.invite':
        return reply({ kind: 'private', message: await this.services.links.invite(actor, where, cmd.slug) });
      case 'mission.join':
        return reply({ kind: 'private', message: await this.services.links.join(actor, where, cmd.code, cmd.org) });
      case 'mission.unlink':
        return reply({ kind: 'private', message: await this.services.links.unlink(actor, cmd.slug, cmd.workspace) });
      case 'mission.links':
        return reply({ kind: 'private', message: await this.services.links.links(actor, cmd.slug) });
      case 'mission.schedule':
        return reply({ kind: 'private', message: await this.services.cycle.schedule(actor, cmd.slug, cmd) });
      case 'mission.pause':
      case 'mission.resume':
        return reply({ kind: 'private', message: await this.services.cycle.setPaused(actor, cmd.slug, cmd.name === 'mission.pause') });
      case 'mission.checkin-now':
        return reply({ kind: 'private', message: await this.services.cycle.checkinNow(actor, cmd.slug) });
      case 'mission.close-now':
        return reply({ kind: 'private', message: await this.services.cycle.closeNow(actor, cmd.slug) });
      case 'mission.digest-now':
        return reply({ kind: 'private', message: await this.services.digests.digestNow(actor, cmd.slug) });
      case 'mission.questions':
        return this.services.questions.open(actor, cmd.slug);
      case 'checkin.open':
        return this.services.checkins.openPending(actor, cmd.slug);
      case 'checkin.skip':
        return this.services.checkins.skipPending(actor, cmd.slug);
      case 'checkin.away':
        return this.services.checkins.away(actor, cmd.until);
      case 'checkin.back':
        return this.services.checkins.back(actor);
      case 'checkin.my-data':
        return reply({ kind: 'private', message: await this.services.privacy.myData(actor) });
      case 'checkin.forget-me':
        return reply({ kind: 'private', message: await this.services.privacy.forgetMe(actor) });
      case 'mission.retention':
        return reply({ kind: 'private', message: await this.services.privacy.setRetention(actor, cmd.slug, cmd.months) });
      case 'mission.audit':
        return reply({ kind: 'private', message: await this.services.privacy.audit(actor, cmd.slug, cmd.limit) });
      case 'mission.indicator':
        return reply({ kind: 'private', message: await this.services.indicators.handle(actor, cmd, ev.mentionNames) });
      case 'mission.indicators':
        return reply({ kind: 'private', message: await this.services.indicators.list(actor, cmd.slug) });
      case 'mission.budget':
        return reply({ kind: 'private', message: await this.services.indicators.budget(actor, cmd) });
      case 'mission.blockers':
        return reply({
          kind: 'private',
          message:
            cmd.escalate !== undefined
              ? await this.services.blockers.setEscalation(actor, cmd.slug, cmd.escalate)
              : await this.services.blockers.list(actor, cmd.slug),
        });
      case 'blocker.raise':
        return reply({
          kind: 'private',
          message: await this.services.blockers.raise(actor, cmd.slug, { text: cmd.text, severity: cmd.severity, help: cmd.help }),
        });
      case 'mission.api-token':
        return reply({ kind: 'private', message: await this.services.dataOut.apiTokens.handle(actor, where, cmd) });
      case 'mission.export':
        return reply({ kind: 'private', message: await this.services.dataOut.exports.request(actor, cmd.slug) });
    }
  }
}

export interface CommandServices {
  missions: MissionService;
  checkins: CheckinService;
  cycle: CycleAdminService;
  questions: QuestionsService;
  indicators: IndicatorService;
  blockers: BlockerService;
  digests: DigestService;
  dataOut: DataOut;
  privacy: PrivacyService;
  /** One mission across workspaces: invite, join, unlink, links. */
  links: MissionLinkService;
}
