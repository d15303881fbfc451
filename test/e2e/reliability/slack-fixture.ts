import {
  sendToBolt,
  slashCommand,
  startSlackStandIn,
  type SlackStandIn,
  type SlackStandInOptions,
} from '../../../adapters/stand-ins/slack';
import { testDatabase, type TestDatabase } from '../../support/database';
import { answeredLater, lateAnswer } from '../../support/late-answer';
import { WAIT_MS } from '../../support/wait-for';

export const SECRET = 'reliability-secret';

/** A database and a Slack stand-in shared by several bot processes. */
export interface SharedWorld {
  db: TestDatabase;
  slack: SlackStandIn;
  env: Record<string, string>;
  command(botUrl: string, user: string, text: string, command?: string): Promise<string>;
  /** chat.postMessage calls per DM channel whose text matches `pattern`. */
  postsTo(pattern: RegExp): Map<string, number>;
  close(): Promise<void>;
}

export async function sharedWorld(label: string, opts: SlackStandInOptions = {}): Promise<SharedWorld> {
  const db = await testDatabase(label);
  const slack = await startSlackStandIn(opts);
  const env = {
    MONGODB_URI: db.uri,
    MONGODB_DB: db.dbName,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
  };
  return {
    db,
    slack,
    env,
    async command(botUrl, user, text, command = '/mission') {
      const payload = slashCommand({ standIn: slack, userId: user, command, text, channelId: 'C0TEAM' });
      const res = await sendToBolt(`${botUrl}/slack/events`, 'slash_command', payload, { signingSecret: SECRET });
      if (!answeredLater(res.body)) return res.body;
      return slack.waitFor(() => lateAnswer(slack, payload.response_url), WAIT_MS * 3);
    },
    postsTo(pattern) {
      const counts = new Map<string, number>();
      for (const call of slack.calls('chat.postMessage')) {
        const params = call.params as { channel?: string; text?: string };
        if (call.outcome !== 'ok' || !pattern.test(params.text ?? '')) continue;
        // A user id as the channel posts to the bot's DM with them (as Slack does).
        const channel = /^[UW]/.test(String(params.channel)) ? slack.dmChannelFor(String(params.channel)) : String(params.channel);
        counts.set(channel, (counts.get(channel) ?? 0) + 1);
      }
      return counts;
    },
    async close() {
      await slack.close();
      await db.drop();
    },
  };
}

/** Adds `n` people (U0P001…) to a mission, 25 per command as the grammar allows. */
export async function addPeople(world: SharedWorld, botUrl: string, admin: string, slug: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `U0P${String(i + 1).padStart(3, '0')}`);
  for (let i = 0; i < ids.length; i += 25) {
    const mentions = ids
      .slice(i, i + 25)
      .map((id) => `<@${id}|${id.toLowerCase()}>`)
      .join(' ');
    await world.command(botUrl, admin, `add ${slug} ${mentions} org="Ladywood Partnership"`);
  }
  return ids;
}
