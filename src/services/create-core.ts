import type { ChartInput } from '../charts';
import { userKey } from '../domain/identity';
import { ACTION_BLOCKER_HELP, ACTION_BLOCKER_RESOLVE, RESOLVE_FORM_ID } from '../messages/blocker-messages';
import { ACTION_EDIT, ACTION_OPEN, ACTION_SKIP, CHECKIN_FORM_ID } from '../messages/checkin-messages';
import { DIGEST_DETAILS_ACTION } from '../messages/digest-message';
import { ACTION_HOME_REFRESH } from '../messages/home-message';
import { QUESTIONS_FORM_ID } from '../messages/questions-messages';
import { overviewFailedMessage, staleButtonMessage, staleFormMessage, throttledMessage } from '../messages/request-messages';
import { CheckinConversation, forgetDrafts } from './checkin-conversation';
import { CheckinService } from './checkin-service';
import { CommandRouter } from './command-router';
import { PrivacyService } from './privacy-service';
import { ACTION_FORGET_CANCEL, ACTION_FORGET_CONFIRM, myDataLinkMessage } from '../messages/privacy-messages';
import { CommandThrottle } from './command-throttle';
import type { ServiceContext } from './context';
import type { Core } from './core';
import { CycleAdminService } from './cycle-admin-service';
import { DataOut } from './data-out';
import { DeliveryNotices } from './delivery-notices';
import { DigestService, digestSourcesFrom } from './digest-service';
import { BlockerAlerts } from './blocker-alerts';
import { BlockerCheckinExtension } from './blocker-checkin-extension';
import { BlockerService } from './blocker-service';
import { HomeService } from './home-service';
import { IndicatorCheckinExtension } from './indicator-checkin-extension';
import { IndicatorService } from './indicator-service';
import type { ActionEvent, FormSubmitEvent, ReachabilityEvent } from './inbound-events';
import { InstallService } from './install-service';
import { MissionLinkService } from './mission-link-service';
import { MissionService } from './mission-service';
import { QuestionsService } from './questions-service';
import type { Reply } from './replies';
import { promptKey, RoundService } from './round-service';
import { oncePerDelivery } from './once-per-delivery';
import { safely } from './safely';
import { coreWithoutNul } from './without-nul';

export interface Services {
  core: Core;
  missions: MissionService;
  rounds: RoundService;
  checkins: CheckinService;
  notices: DeliveryNotices;
  /** Indicators and budget alignment: `listWithStatus` and `budgetTrend` feed the digest. */
  indicators: IndicatorService;
  /** Blockers: `listForMission` feeds the digest and the reporting API. */
  blockers: BlockerService;
  /** The weekly digest: sent when a round closes and on `mission digest-now`. */
  digests: DigestService;
  /** Reporting API views, API tokens and the CSV export (src/http/api mounts the API). */
  dataOut: DataOut;
  /** Subject access, erasure, retention and the audit log. */
  privacy: PrivacyService;
}

/** Builds the services and the Core facade the adapters call. */
export function createServices(ctx: ServiceContext): Services {
  const missions = new MissionService(ctx);
  const rounds = new RoundService(ctx);
  const checkins = new CheckinService(ctx, rounds.extensions);
  const conversation = new CheckinConversation(ctx, checkins, rounds.extensions);
  rounds.onClosed.push((_mission, round) => forgetDrafts(ctx, round.id));
  const cycle = new CycleAdminService(ctx, missions, rounds);
  const questions = new QuestionsService(ctx, missions);
  const notices = new DeliveryNotices(ctx);
  const indicators = new IndicatorService(ctx, missions);
  rounds.extensions.push(new IndicatorCheckinExtension(ctx, indicators));
  const blockers = new BlockerService(ctx, missions, new BlockerAlerts(ctx));
  rounds.extensions.push(new BlockerCheckinExtension(blockers));
  // The chart renderer (Vega, resvg) loads on the first digest, not with every process.
  const chart = async (input: ChartInput) => (await import('../charts')).renderDigestChart(input);
  const digests = new DigestService(ctx, missions, digestSourcesFrom({ indicators, blockers, chart }));
  // A failed digest must not stop the other close hooks; the close itself is already recorded.
  rounds.onClosed.push(async (mission, round) => {
    try {
      await digests.onRoundClosed(mission, round);
    } catch (e) {
      ctx.logger.error({ err: e, missionId: mission.id, round: round.id }, 'digest failed');
    }
  });
  const dataOut = new DataOut(ctx, { missions, indicators, blockers, digests });
  const home = new HomeService(ctx, indicators);
  const privacy = new PrivacyService(ctx, missions, (user, file) =>
    dataOut.files.toUser(user, file, {
      missionId: 'privacy',
      outboxKey: 'my-data',
      linkMessage: (url, minutes) => myDataLinkMessage(url, minutes),
    }),
  );
  const links = new MissionLinkService(ctx, missions);
  const commands = new CommandRouter(ctx, { missions, checkins, cycle, questions, indicators, blockers, digests, dataOut, privacy, links });
  const { logger } = ctx;
  const throttle = new CommandThrottle();

  async function action(ev: ActionEvent): Promise<Reply> {
    switch (ev.actionId) {
      case ACTION_OPEN:
      case ACTION_EDIT:
        return checkins.openForm(ev.actor, ev.value);
      case ACTION_FORGET_CONFIRM:
        return { kind: 'update', message: await privacy.forgetMeConfirmed(ev.actor) };
      case ACTION_FORGET_CANCEL:
        return { kind: 'update', message: privacy.cancelled() };
      case ACTION_SKIP:
        return checkins.skip(ev.actor, ev.value);
      case DIGEST_DETAILS_ACTION:
        return digests.details(ev.actor, ev.value);
      case ACTION_BLOCKER_HELP:
        return blockers.offerHelp(ev.actor, ev.value);
      case ACTION_BLOCKER_RESOLVE:
        return blockers.openResolve(ev.actor, ev.value);
      case ACTION_HOME_REFRESH:
        return { kind: 'update', message: await home.message(ev.actor) };
      default:
        return { kind: 'private', message: staleButtonMessage() };
    }
  }

  async function form(ev: FormSubmitEvent): Promise<Reply> {
    switch (ev.formId) {
      case CHECKIN_FORM_ID:
        return checkins.submit(ev.actor, ev.state, ev.values);
      case QUESTIONS_FORM_ID:
        return questions.submit(ev.actor, ev.state, ev.values);
      case RESOLVE_FORM_ID:
        return blockers.submitResolve(ev.actor, ev.state, ev.values);
      default:
        return { kind: 'private', message: staleFormMessage() };
    }
  }

  /** Remember how to reach the person; if that is new, deliver what was waiting for them. */
  async function reachable(ev: ReachabilityEvent): Promise<void> {
    const { changed } = await ctx.store.people.setDm(ev.user, ev.dm, ev.user.displayName, ctx.clock.now(), {
      reuseRecent: ev.seenOn === 'message',
    });
    if (!changed) return;
    await ctx.outbox.requeueUnreachable(userKey(ev.user));
    const memberships = await ctx.store.members.listByUser(ev.user);
    const open = await ctx.store.rounds.findOpenForMissions(memberships.map((m) => m.missionId));
    for (const round of open) {
      const member = memberships.find((m) => m.missionId === round.missionId);
      const mission = await ctx.store.missions.findById(round.missionId);
      if (!member || !mission) continue;
      if ((await ctx.outboxItems.get(promptKey(round.id, member.id))) == null) await rounds.promptLate(mission, round, member);
    }
  }

  const installs = new InstallService(ctx);
  const core: Core = {
    onCommand: (ev) =>
      safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, command: ev.command }, () =>
        oncePerDelivery(ctx, ev.actor, ev.deliveryId, async () => {
          const wait = throttle.hit(ev.actor);
          if (wait > 0) return { kind: 'private', message: throttledMessage(wait) };
          await ctx.store.workspaces.ensure(ev.actor, ctx.clock.now());
          return commands.handle(ev);
        }),
      ),
    onAction: (ev) =>
      safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, action: ev.actionId }, () =>
        oncePerDelivery(ctx, ev.actor, ev.deliveryId, () => action(ev)),
      ),
    onFormSubmit: (ev) =>
      safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, form: ev.formId }, () =>
        oncePerDelivery(ctx, ev.actor, ev.deliveryId, () => form(ev)),
      ),
    onDirectMessage: (ev) =>
      safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, dm: true }, () => conversation.onMessage(ev)),
    onHomeOpened: async (ev) => {
      const reply = await safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, home: true }, async () => ({
        kind: 'private',
        message: await home.message(ev.actor),
      }));
      return reply.kind === 'private' ? reply.message : overviewFailedMessage();
    },
    onHomeRequested: (ev) =>
      safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, home: true }, () =>
        home.requested(ev.actor, ev.where),
      ),
    onReachable: async (ev) => {
      try {
        await reachable(ev);
      } catch (e) {
        logger.warn({ err: e, platform: ev.user.platform }, 'could not record how to reach a person');
      }
    },
    onInstallChanged: async (ev) => {
      try {
        await installs.handle(ev);
      } catch (e) {
        logger.warn({ err: e, install: ev.kind }, 'could not record an install change');
      }
    },
  };
  return { core: coreWithoutNul(core), missions, rounds, checkins, notices, indicators, blockers, digests, dataOut, privacy };
}
