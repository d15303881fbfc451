import type { AllMiddlewareArgs, AnyMiddlewareArgs, BlockAction, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/logger';
import type { Message } from '../../src/messages/model';
import { actionTooLong, commandTooLong, formTooLong, messageTooLong, type Refusal } from '../../src/services/inbound-limits';
import { applyHomeTabReply, isHomeTabAction } from './app-home';
import { readSlackViewValues, renderSlackMessage, type SlackViewStateValues } from './render';
import { isPersonDm, type DmEvent } from './slack-dm';

/**
 * The door for Slack, in front of every listener: each piece of user text in a request (a
 * command's text, a DM, a button's value, a modal's values) is measured before anything parses
 * or normalises it. A request over the limits (src/services/inbound-limits.ts) is answered here,
 * politely, and goes no further.
 */

type Respond = (msg: Record<string, unknown>) => Promise<unknown>;

/** The parts of Bolt's middleware arguments the door uses; which are present depends on the payload. */
interface DoorArgs {
  body: unknown;
  client: WebClient;
  next: () => Promise<void>;
  ack?: (response?: Record<string, unknown>) => Promise<void>;
  respond?: Respond;
}

type Payload = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Payload => (v && typeof v === 'object' ? (v as Payload) : {});

type Refused =
  | { kind: 'command'; refusal: Refusal }
  | { kind: 'dm'; refusal: Refusal; channel?: string }
  | { kind: 'event' }
  | { kind: 'action'; refusal: Refusal }
  | { kind: 'view'; refusal: Refusal; userId: string };

function refusedPart(body: Payload): Refused | undefined {
  if (typeof body.command === 'string') {
    const refusal = commandTooLong(text(body.text));
    return refusal && { kind: 'command', refusal };
  }
  if (body.type === 'event_callback') {
    const event = record(body.event);
    const refusal = event.type === 'message' ? messageTooLong('slack', text(event.text)) : undefined;
    if (!refusal) return undefined;
    return isPersonDm(event as unknown as DmEvent) ? { kind: 'dm', refusal, channel: text(event.channel) } : { kind: 'event' };
  }
  if (body.type === 'block_actions') {
    const actions = Array.isArray(body.actions) ? body.actions.map(record) : [];
    for (const a of actions) {
      const refusal = actionTooLong(text(a.action_id), text(a.value) || text(record(a.selected_option).value));
      if (refusal) return { kind: 'action', refusal };
    }
    return undefined;
  }
  if (body.type === 'view_submission') {
    const view = record(body.view);
    const values = readSlackViewValues(record(record(view.state).values) as SlackViewStateValues);
    const refusal = formTooLong(text(view.callback_id), text(view.private_metadata), values);
    return refusal && { kind: 'view', refusal, userId: text(record(body.user).id) };
  }
  return undefined;
}

async function dm(client: WebClient, userId: string, message: Message): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  if (opened.channel?.id) await client.chat.postMessage({ channel: opened.channel.id, ...renderSlackMessage(message) });
}

async function answer(args: DoorArgs, refused: Refused): Promise<void> {
  switch (refused.kind) {
    case 'command':
      await args.ack?.({ response_type: 'ephemeral', ...renderSlackMessage(refused.refusal.message) });
      return;
    case 'dm':
      // Bolt acknowledged the event already; the answer is a message in the same DM.
      if (refused.channel) await args.client.chat.postMessage({ channel: refused.channel, ...renderSlackMessage(refused.refusal.message) });
      return;
    case 'event':
      return;
    case 'action': {
      await args.ack?.();
      const body = args.body as BlockAction;
      if (isHomeTabAction(body)) {
        await applyHomeTabReply({ kind: 'private', message: refused.refusal.message }, { client: args.client, userId: body.user.id });
      } else {
        await args.respond?.({ response_type: 'ephemeral', replace_original: false, ...renderSlackMessage(refused.refusal.message) });
      }
      return;
    }
    case 'view':
      if (refused.refusal.field) {
        await args.ack?.({ response_action: 'errors', errors: { [refused.refusal.field.id]: refused.refusal.field.error } });
        return;
      }
      await args.ack?.();
      if (refused.userId) await dm(args.client, refused.userId, refused.refusal.message);
      return;
  }
}

/** Bolt middleware: passes a request on only when every piece of its user text is within the limits. */
export function slackInboundGuard(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (bolt: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const args = bolt as unknown as DoorArgs;
    const refused = refusedPart(record(args.body));
    if (!refused) {
      await args.next();
      return;
    }
    logger.info({ platform: 'slack', refused: refused.kind }, 'refused a request carrying more text than Slack allows');
    await answer(args, refused);
  };
}
