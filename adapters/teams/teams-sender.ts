import { ActivityTypes, MessageFactory, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationRef, UserRef } from '../../src/domain/identity';
import type { Logger } from '../../src/logger';
import type { Message } from '../../src/messages/model';
import { SendError, type PlatformSender, type SendResult } from '../../src/outbox/platform-sender';
import type { DmDirectory } from '../../src/platform';
import { toConversationReference } from './conversation-reference';
import { renderAdaptiveCard, toTeamsAttachment } from './render';
import { makeSingleShot } from './single-shot-connector';
import { toTeamsSendError } from './teams-send-errors';

/** A send that has not answered by then is abandoned and retried by the outbox. */
export const DEFAULT_TEAMS_SEND_TIMEOUT_MS = 10_000;

export interface TeamsSenderOptions {
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;
  /** The bot's Microsoft app id; '' in emulator mode. */
  appId: string;
  directory: DmDirectory;
  logger: Logger;
  timeoutMs?: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The card activity, addressed from the bot to the conversation. Rendered before the call so a
 * card the renderer refuses is reported as permanent, not retried.
 */
function cardActivity(
  message: Message,
  reference: Partial<ConversationReference>,
  target: ConversationRef,
  operation: string,
): Partial<Activity> {
  let activity: Partial<Activity>;
  try {
    // The summary goes in `summary`, not `text`: Teams would show text above the card as a copy.
    activity = { ...MessageFactory.attachment(toTeamsAttachment(renderAdaptiveCard(message))), summary: message.summary };
  } catch (e) {
    throw toTeamsSendError(e, target, operation);
  }
  return TurnContext.applyConversationReference(activity, reference);
}

/** The outbox's Teams sender: proactive messages through stored conversation references. */
export function createTeamsSender(opts: TeamsSenderOptions): PlatformSender {
  const { adapter, appId, directory } = opts;
  const logger = opts.logger.child({ platform: 'teams' });
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TEAMS_SEND_TIMEOUT_MS;
  let warnedRetries = false;

  /**
   * Connector clients by channel and service URL, kept from the first proactive turn to each:
   * a turn per send would build a new client, credentials, token client and HTTP pipeline every
   * time (most of a send's CPU, 7,000 times in a county's fan-out). A client is not tied to its
   * turn (its credentials fetch and cache tokens per request), as botbuilder's older adapter
   * also kept one per service URL.
   */
  const connectors = new Map<string, ConnectorClient>();
  const MAX_CONNECTORS = 100;

  /**
   * Runs `call` with a connector client for the conversation's service URL (botbuilder
   * authenticates it) and hands back its result or its error, mapped.
   */
  async function viaConnector<T>(
    target: ConversationRef,
    operation: string,
    call: (connector: ConnectorClient, reference: Partial<ConversationReference>) => Promise<T>,
  ): Promise<T> {
    let reference: Partial<ConversationReference>;
    try {
      reference = toConversationReference(target, appId);
    } catch (error) {
      throw toTeamsSendError(error, target, operation);
    }
    const key = `${reference.channelId}|${reference.serviceUrl}`;
    const known = connectors.get(key);
    if (known) {
      try {
        return await call(known, reference);
      } catch (error) {
        throw toTeamsSendError(error, target, operation);
      }
    }
    let outcome: Outcome<T> | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        const connector = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
        if (!makeSingleShot(connector, timeoutMs) && !warnedRetries) {
          warnedRetries = true;
          logger.warn('could not switch off botbuilder retries; outbox sends may wait out 429s in-process');
        }
        if (connectors.size >= MAX_CONNECTORS) connectors.clear();
        connectors.set(key, connector);
        // Caught here, not thrown: the adapter's onTurnError would swallow it and apologise to the person.
        try {
          outcome = { ok: true, value: await call(connector, reference) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      throw toTeamsSendError(error, target, operation);
    }
    if (!outcome) throw new SendError('transient', `Teams ${operation}: the proactive turn did not run`);
    if (!outcome.ok) throw toTeamsSendError(outcome.error, target, operation);
    return outcome.value;
  }

  return {
    platform: 'teams',

    // Straight to the connector rather than context.sendActivity, which would send a reply to
    // the proactive turn's made-up activity id instead of a new message.
    async send(target: ConversationRef, message: Message): Promise<SendResult> {
      const sent = await viaConnector(target, 'send', (connector, reference) =>
        connector.conversations.sendToConversation(target.conversationId, cardActivity(message, reference, target, 'send')),
      );
      return { messageId: sent.id ?? '', conversationId: target.conversationId };
    },

    async update(target: ConversationRef, messageId: string, message: Message): Promise<void> {
      // The whole activity is replaced, so it carries the same text and card a send does.
      await viaConnector(target, 'update', (connector, reference) =>
        connector.conversations.updateActivity(target.conversationId, messageId, {
          ...cardActivity(message, reference, target, 'update'),
          id: messageId,
          type: ActivityTypes.Message,
        }),
      );
    },

    async openDm(user: UserRef): Promise<ConversationRef> {
      let dm: ConversationRef | undefined;
      try {
        dm = await directory.findDm(user);
      } catch (e) {
        throw new SendError(
          'transient',
          `Teams openDm: could not read the stored conversation: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      // Teams bots cannot start a chat with someone who has not installed the app.
      if (!dm) throw new SendError('unreachable', 'Mission Pulse is not installed for this person in Teams');
      return dm;
    },
  };
}
