import { userKey } from '../domain/identity';
import { ACTION_EDIT, ACTION_OPEN, ACTION_SKIP, CHECKIN_FORM_ID } from '../messages/checkin-messages';
import { errorMessage } from '../messages/mission-messages';
import { CheckinService } from './checkin-service';
import { CommandRouter } from './command-router';
import { CommandThrottle } from './command-throttle';
import type { ServiceContext } from './context';
import type { Core } from './core';
import { CycleAdminService } from './cycle-admin-service';
import { DeliveryNotices } from './delivery-notices';
import type { ActionEvent, FormSubmitEvent, ReachabilityEvent } from './inbound-events';
import { MissionService } from './mission-service';
import { QuestionsService, QUESTIONS_FORM_ID } from './questions-service';
import type { Reply } from './replies';
import { promptKey, RoundService } from './round-service';
import { safely } from './safely';

export interface Services {
  core: Core;
  missions: MissionService;
  rounds: RoundService;
  checkins: CheckinService;
  notices: DeliveryNotices;
}

const STALE_BUTTON = errorMessage('That button is no longer active. Type `mission help` to see what you can do.');

/** Builds the services and the Core facade the adapters call. */
export function createServices(ctx: ServiceContext): Services {
  const missions = new MissionService(ctx);
  const rounds = new RoundService(ctx);
  const checkins = new CheckinService(ctx, rounds.extensions);
  const cycle = new CycleAdminService(ctx, missions, rounds);
  const questions = new QuestionsService(ctx, missions);
  const notices = new DeliveryNotices(ctx);
  const commands = new CommandRouter(ctx, { missions, checkins, cycle, questions });
  const { logger } = ctx;
  const throttle = new CommandThrottle();

  async function action(ev: ActionEvent): Promise<Reply> {
    switch (ev.actionId) {
      case ACTION_OPEN:
      case ACTION_EDIT:
        return checkins.openForm(ev.actor, ev.value);
      case ACTION_SKIP:
        return checkins.skip(ev.actor, ev.value);
      default:
        return { kind: 'private', message: STALE_BUTTON };
    }
  }

  async function form(ev: FormSubmitEvent): Promise<Reply> {
    switch (ev.formId) {
      case CHECKIN_FORM_ID:
        return checkins.submit(ev.actor, ev.state, ev.values);
      case QUESTIONS_FORM_ID:
        return questions.submit(ev.actor, ev.state, ev.values);
      default:
        return { kind: 'private', message: errorMessage('That form is no longer active. Type `mission help` to see what you can do.') };
    }
  }

  /** Remember how to reach the person; if that is new, deliver what was waiting for them. */
  async function reachable(ev: ReachabilityEvent): Promise<void> {
    const { changed } = await ctx.store.people.setDm(ev.user, ev.dm, ev.user.displayName, ctx.clock.now());
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

  const core: Core = {
    onCommand: (ev) =>
      safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, command: ev.command }, async () => {
        const wait = throttle.hit(ev.actor);
        if (wait > 0) {
          return { kind: 'private', message: errorMessage(`You're sending commands faster than Mission Pulse can take them. Please wait ${Math.ceil(wait / 1000)} seconds and try again.`) };
        }
        await ctx.store.workspaces.ensure(ev.actor, ctx.clock.now());
        return commands.handle(ev);
      }),
    onAction: (ev) => safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, action: ev.actionId }, () => action(ev)),
    onFormSubmit: (ev) => safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, form: ev.formId }, () => form(ev)),
    onDirectMessage: (ev) =>
      safely(logger, { platform: ev.actor.platform }, async () => ({
        kind: 'private',
        message: errorMessage("Hello! I run your mission team's weekly check-ins. Type `checkin` to answer yours, or `mission help` to see everything I can do."),
      })),
    onReachable: async (ev) => {
      try {
        await reachable(ev);
      } catch (e) {
        logger.warn({ err: e, platform: ev.user.platform }, 'could not record how to reach a person');
      }
    },
  };
  return { core, missions, rounds, checkins, notices };
}
