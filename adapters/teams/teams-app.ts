import {
  ActivityTypes,
  CloudAdapter,
  type Activity,
  type Attachment,
  ConfigurationBotFrameworkAuthentication,
  ShowTypingMiddleware,
  type TurnContext,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import express, { type Application } from 'express';
import type { TeamsConfig } from '../../src/config';
import type { InboundWork } from '../../src/inbound-work';
import type { Logger } from '../../src/logger';
import type { Core } from '../../src/services/core';
import type { Reply } from '../../src/services/replies';
import {
  readTeamsSubmitData,
  renderAdaptiveCard,
  renderAdaptiveCardForm,
  renderAdaptiveCardFormWithErrors,
  toTeamsAttachment,
} from './render';
import { StrictBotFrameworkAuthentication } from './strict-authentication';
import { installSignal } from './teams-installs';
import { singleTenantGuard } from './tenant-guard';
import { teamsRefusal } from './inbound-guard';
import { normaliseTeamsText, splitCommand, teamsActor, teamsConversation } from './teams-inbound';

const COMMAND_WORDS = ['mission', 'checkin', 'blocker'];
/** The words the Teams store reviewers try first: each must get a useful answer. */
const GREETINGS = /^(hi|hello|hey|help|\?)\W*$/i;
/** A person's overview of their missions (the Teams counterpart of Slack's App Home). */
const HOME_WORDS = /^(home|status)\W*$/i;

export interface TeamsAdapter {
  adapter: CloudAdapter;
  auth: ConfigurationBotFrameworkAuthentication;
}

/** The botbuilder configuration object, in botbuilder's own key names. */
export function botbuilderConfiguration(config: TeamsConfig): Record<string, string> {
  const c: Record<string, string> = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    ...config.overrides,
  };
  if (config.appTenantId) c.MicrosoftAppTenantId = config.appTenantId;
  return c;
}

/** Mounts botbuilder's CloudAdapter at POST /api/messages; JWTs are checked by botbuilder. */
export function createTeamsAdapter(opts: {
  config: TeamsConfig;
  core: Core;
  logger: Logger;
  http: Application;
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Turns are counted here, so a stop waits for them. */
  inbound?: InboundWork;
}): TeamsAdapter {
  const { core } = opts;
  const logger = opts.logger.child({ platform: 'teams' });
  const auth = new StrictBotFrameworkAuthentication(botbuilderConfiguration(opts.config), opts.credentialsFactory);
  const adapter = new CloudAdapter(auth);
  // Teams asks for an answer within 2 seconds: a typing indicator covers slower work.
  adapter.use(new ShowTypingMiddleware(1000, 2000));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, conversation: context.activity.conversation?.id }, 'teams turn failed');
    await context.sendActivity('Sorry, something went wrong on our side. Please try again in a moment.').catch(() => undefined);
  };

  async function handleTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const actor = teamsActor(activity);
    const where = teamsConversation(activity);
    if (activity.type === ActivityTypes.InstallationUpdate || activity.type === ActivityTypes.ConversationUpdate) {
      const signal = installSignal(activity, actor, where);
      if (signal.kind === 'reachable') await core.onReachable({ user: actor, dm: where });
      else if (signal.kind === 'event') await core.onInstallChanged(signal.event);
      return;
    }
    if (activity.type !== ActivityTypes.Message) return;
    const submitted = activity.value !== undefined ? readTeamsSubmitData(activity.value) : null;
    // The door: no user text longer than Teams allows goes further than this.
    const refused = teamsRefusal(activity.text ?? '', submitted);
    if (refused) {
      logger.info({ conversation: where.conversationId }, 'refused a message carrying more text than Teams allows');
      await applyReply(context, { kind: 'private', message: refused.message });
      return;
    }
    if (where.kind === 'dm') await core.onReachable({ user: actor, dm: where, seenOn: 'message' });

    // Teams repeats an activity (same id) when it retries: the core processes each delivery once.
    // Activity ids are unique within a conversation only, so the conversation is part of it.
    const deliveryId = activity.id ? `${where.conversationId}:${activity.id}` : undefined;
    if (submitted?.kind === 'action') {
      const reply = await core.onAction({
        actor,
        where,
        actionId: submitted.actionId,
        value: submitted.value,
        messageId: activity.replyToId,
        deliveryId,
      });
      await applyReply(context, reply);
      return;
    }
    if (submitted?.kind === 'form') {
      const reply = await core.onFormSubmit({
        actor,
        where,
        formId: submitted.formId,
        state: submitted.state,
        values: submitted.values,
        messageId: activity.replyToId,
        deliveryId,
      });
      await applyReply(context, reply);
      return;
    }

    const { text, mentionNames } = normaliseTeamsText(activity);
    const cmd = splitCommand(text, COMMAND_WORDS);
    if (HOME_WORDS.test(text)) {
      await applyReply(context, await core.onHomeRequested({ actor, where }));
    } else if (cmd) {
      await applyReply(context, await core.onCommand({ actor, where, command: cmd.command, text: cmd.rest, mentionNames, deliveryId }));
    } else if (GREETINGS.test(text) || where.kind !== 'dm' || text === '') {
      await applyReply(context, await core.onCommand({ actor, where, command: 'mission', text: 'help', mentionNames }));
    } else {
      await applyReply(context, await core.onDirectMessage({ actor, where, text, messageId: activity.id ?? '' }));
    }
  }

  const guard = singleTenantGuard(opts.config, logger);
  opts.http.post('/api/messages', express.json({ limit: '256kb' }), ...(guard ? [guard] : []), async (req, res) => {
    await adapter.process(req, res, (context) => (opts.inbound ? opts.inbound.run(() => handleTurn(context)) : handleTurn(context)));
  });

  return { adapter, auth };
}

/**
 * A card message. The summary goes in `summary` (notifications, screen readers), not `text`,
 * which Teams would show above the card as a second copy of it.
 */
function cardActivity(attachment: Attachment, summary?: string): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [attachment], ...(summary ? { summary } : {}) };
}

async function applyReply(context: TurnContext, reply: Reply): Promise<void> {
  const replyToId = context.activity.replyToId;
  switch (reply.kind) {
    case 'private':
    case 'public':
      await context.sendActivity(cardActivity(toTeamsAttachment(renderAdaptiveCard(reply.message)), reply.message.summary));
      return;
    case 'form': {
      // A form opened from a card's button replaces that card, so one message holds the check-in.
      const attachment = toTeamsAttachment(renderAdaptiveCardForm(reply.form));
      if (replyToId) await context.updateActivity({ id: replyToId, type: ActivityTypes.Message, attachments: [attachment] });
      else await context.sendActivity(cardActivity(attachment, reply.form.title));
      return;
    }
    case 'update':
    case 'form-done': {
      const message = reply.kind === 'update' ? reply.message : reply.message;
      if (!message) return;
      const attachment = toTeamsAttachment(renderAdaptiveCard(message));
      if (replyToId) await context.updateActivity({ id: replyToId, type: ActivityTypes.Message, attachments: [attachment] });
      else await context.sendActivity(cardActivity(attachment, message.summary));
      return;
    }
    case 'form-errors': {
      const attachment = toTeamsAttachment(renderAdaptiveCardFormWithErrors(reply.form, reply.errors, reply.values));
      if (replyToId) await context.updateActivity({ id: replyToId, type: ActivityTypes.Message, attachments: [attachment] });
      else await context.sendActivity(cardActivity(attachment));
      return;
    }
    default:
      return;
  }
}
