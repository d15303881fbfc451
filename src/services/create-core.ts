import { errorMessage } from '../messages/mission-messages';
import { CommandRouter } from './command-router';
import type { ServiceContext } from './context';
import type { Core } from './core';
import { MissionService } from './mission-service';
import { safely } from './safely';

/** Builds the services and the Core facade the adapters call. */
export function createCore(ctx: ServiceContext): Core {
  const missions = new MissionService(ctx);
  const commands = new CommandRouter(ctx, missions);
  const { logger } = ctx;

  return {
    onCommand: (ev) =>
      safely(logger, { platform: ev.actor.platform, workspace: ev.actor.workspaceId, command: ev.command }, async () => {
        await ctx.store.workspaces.ensure(ev.actor, ctx.clock.now());
        return commands.handle(ev);
      }),
    onAction: (ev) =>
      safely(logger, { platform: ev.actor.platform, action: ev.actionId }, async () => ({
        kind: 'private',
        message: errorMessage('That button is no longer active. Type `mission help` to see what you can do.'),
      })),
    onFormSubmit: (ev) =>
      safely(logger, { platform: ev.actor.platform, form: ev.formId }, async () => ({
        kind: 'private',
        message: errorMessage('That form is no longer active. Type `mission help` to see what you can do.'),
      })),
    onDirectMessage: (ev) =>
      safely(logger, { platform: ev.actor.platform }, async () => ({
        kind: 'private',
        message: errorMessage('Hello! I run your mission team\'s weekly check-ins. Type `mission help` to see what I can do.'),
      })),
    onReachable: async () => undefined,
  };
}
