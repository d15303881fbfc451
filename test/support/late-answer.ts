import { WORKING_ON_IT } from '../../adapters/slack/slack-app';
import type { SlackStandIn } from '../../adapters/stand-ins/slack';

/**
 * A slash command the bot could not answer within Slack's 3 seconds (a busy machine can push
 * any command past that) is acknowledged with "Working on it…" and answered through its
 * response_url. What the person then sees is that answer: tests read it as the command's reply.
 */
export function answeredLater(ackBody: string): boolean {
  try {
    return (JSON.parse(ackBody) as { text?: unknown }).text === WORKING_ON_IT;
  } catch {
    return false;
  }
}

/** The last answer posted to `responseUrl`, as the JSON the bot would have acknowledged with. */
export function lateAnswer(standIn: SlackStandIn, responseUrl: string): string | undefined {
  const posts = standIn.responseUrlPosts().filter((p) => p.url === responseUrl);
  return posts.length > 0 ? JSON.stringify(posts[posts.length - 1].body) : undefined;
}
