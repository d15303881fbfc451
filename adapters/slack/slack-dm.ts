import type { App } from '@slack/bolt';
import type { Logger } from '../../src/logger';
import type { Core } from '../../src/services/core';
import { renderSlackMessage } from './render';
import { slackActor } from './slack-inbound';

/**
 * `message.im`: a person writing to the bot in its direct message (check-ins answered by
 * reply). Bolt acknowledges the event at once; the core dedupes by message id, so Slack's
 * retries (X-Slack-Retry-Num) and duplicate deliveries are answered once.
 */

export interface DmEvent {
  type: string;
  subtype?: string;
  channel_type?: string;
  channel?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  client_msg_id?: string;
  team?: string;
}

/**
 * Turns Slack's message markup back into what the person typed (links keep their address).
 * Inside markup Slack never sends a bare `<` (a typed one arrives as &lt;), so each pattern stops
 * at the next `<`: an unclosed `<http:` then costs one short scan, not a rescan of the rest of the
 * message, and the whole is linear in the text.
 */
export function plainSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|<>]+)\|([^<>]*)>/g, (_all, url: string, label: string) => {
      const bare = url.replace(/^mailto:/, '');
      return !label || label === bare || label === url ? bare : `${label} (${bare})`;
    })
    .replace(/<((?:https?|mailto):[^<>]+)>/g, (_all, url: string) => url.replace(/^mailto:/, ''))
    .replace(/<#[A-Z0-9]+\|([^<>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^<>]*)?>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A plain message from a person in the bot's DM: not an edit, deletion, file note or bot post. */
export function isPersonDm(event: DmEvent): boolean {
  return (
    event.type === 'message' &&
    event.channel_type === 'im' &&
    !event.subtype &&
    !event.bot_id &&
    Boolean(event.user) &&
    Boolean(event.channel)
  );
}

export function registerSlackDirectMessages(bolt: App, core: Core, logger: Logger): void {
  bolt.event('message', async ({ event, body, client }) => {
    const e = event as DmEvent;
    if (!isPersonDm(e)) return;
    const teamId = e.team ?? (body as { team_id?: string }).team_id ?? '';
    const channel = e.channel as string;
    const reply = await core.onDirectMessage({
      actor: slackActor(teamId, e.user as string),
      where: { platform: 'slack', workspaceId: teamId, conversationId: channel, kind: 'dm' },
      text: plainSlackText(e.text ?? ''),
      messageId: e.client_msg_id ?? e.ts ?? '',
    });
    // Events have no response_url: the answer is a message in the same DM.
    if (reply.kind === 'private' || reply.kind === 'public' || reply.kind === 'update') {
      await client.chat.postMessage({ channel, ...renderSlackMessage(reply.message) });
    } else if (reply.kind === 'form-done' && reply.message) {
      await client.chat.postMessage({ channel, ...renderSlackMessage(reply.message) });
    } else if (reply.kind !== 'none') {
      logger.warn({ platform: 'slack', kind: reply.kind }, 'a direct message got a reply that cannot be shown in a DM');
    }
  });
}
