import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/logger';
import type { Message } from '../../src/messages/model';
import type { Core } from '../../src/services/core';
import type { Reply } from '../../src/services/replies';
import { renderSlackHome, renderSlackMessage, renderSlackModal } from './render';
import { slackActor } from './slack-inbound';

/**
 * The App Home tab: each time a person opens it, their overview is published to it (Slack keeps
 * the last published view per person). Buttons pressed on it arrive as block actions with no
 * response_url, so their replies go to the tab itself, a modal, or the person's DM.
 */

async function publish(client: WebClient, userId: string, message: Message): Promise<void> {
  await client.views.publish({ user_id: userId, view: renderSlackHome(message) });
}

export function registerSlackAppHome(bolt: App, core: Core, logger: Logger): void {
  bolt.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const message = await core.onHomeOpened({ actor: slackActor(teamId, event.user) });
    try {
      await publish(client, event.user, message);
    } catch (e) {
      logger.warn({ platform: 'slack', err: e }, 'could not publish the App Home');
    }
  });
}

/** Whether a block action came from a button on the App Home tab. */
export function isHomeTabAction(body: BlockAction): boolean {
  return body.view?.type === 'home';
}

/** Shows a reply to a button pressed on the App Home tab. */
export async function applyHomeTabReply(reply: Reply, via: { client: WebClient; userId: string; triggerId?: string }): Promise<void> {
  const { client, userId } = via;
  const toDm = async (message: Message) => {
    const dm = await client.conversations.open({ users: userId });
    if (dm.channel?.id) await client.chat.postMessage({ channel: dm.channel.id, ...renderSlackMessage(message) });
  };
  switch (reply.kind) {
    case 'update':
      await publish(client, userId, reply.message);
      return;
    case 'form':
      if (via.triggerId) await client.views.open({ trigger_id: via.triggerId, view: renderSlackModal(reply.form) });
      return;
    case 'private':
    case 'public':
      await toDm(reply.message);
      return;
    case 'form-done':
      if (reply.message) await toDm(reply.message);
      return;
    default:
      return;
  }
}
