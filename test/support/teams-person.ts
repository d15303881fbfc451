import {
  cardSubmit,
  channelMention,
  personalConversationId,
  postActivity,
  personalMessage,
  type TeamsActivity,
} from '../../adapters/stand-ins/teams';
import type { ConnectorActivity } from '../../adapters/stand-ins/teams/connector-types';
import { TENANT, type TestApp } from './app-harness';

interface CardAction {
  type: string;
  title: string;
  data?: Record<string, unknown>;
}

/** Acts as one Teams user against the running bot: personal chat, channel @mentions, card submits. */
export class TeamsPerson {
  constructor(
    private readonly t: TestApp,
    readonly id: string,
    readonly name: string,
    readonly tenantId = TENANT,
  ) {}

  private ctx() {
    return {
      serviceUrl: this.t.connector.serviceUrl,
      appId: this.t.appId,
      tenantId: this.tenantId,
      user: { id: this.id, name: this.name, aadObjectId: `aad-${this.id.replace(/\W/g, '')}` },
    };
  }

  get dm(): string {
    return personalConversationId(this.id, this.tenantId);
  }

  private async post(activity: TeamsActivity): Promise<number> {
    return (await postActivity(this.t.teamsUrl, activity, { issuer: this.t.issuer, appId: this.t.appId })).status;
  }

  say(text: string): Promise<number> {
    return this.post(personalMessage(this.ctx(), { text }));
  }

  /** An @mention of the bot in the team's channel, optionally mentioning people too. */
  sayInChannel(text: string, people: TeamsPerson[] = []): Promise<number> {
    const activity = channelMention(this.ctx(), { text: people.reduce((s, p) => s.replace(`@${p.name}`, `<at>${p.name}</at>`), text) });
    const entities = (activity.entities as unknown[]) ?? [];
    for (const p of people) entities.push({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name } });
    activity.entities = entities as TeamsActivity['entities'];
    return this.post(activity);
  }

  /** The bot's messages in this person's personal chat, as they look now (updates applied). */
  inbox(): ConnectorActivity[] {
    return this.t.connector.activities(this.dm).filter((a) => a.activity.type === 'message' && !a.deleted);
  }

  inboxText(): string {
    return this.inbox()
      .map((a) => JSON.stringify(a.activity.attachments ?? a.activity.text))
      .join('\n---\n');
  }

  private actions(card: ConnectorActivity): CardAction[] {
    const content = ((card.activity.attachments as Array<{ content: { actions?: CardAction[]; body?: unknown[] } }>) ?? [])[0]?.content;
    const found: CardAction[] = [...(content?.actions ?? [])];
    const walk = (items: unknown[]): void => {
      for (const item of items as Array<{
        type?: string;
        actions?: CardAction[];
        items?: unknown[];
        columns?: Array<{ items?: unknown[] }>;
      }>) {
        if (item.type === 'ActionSet') found.push(...(item.actions ?? []));
        if (item.items) walk(item.items);
        for (const c of item.columns ?? []) walk(c.items ?? []);
      }
    };
    walk(content?.body ?? []);
    return found;
  }

  /** Presses a card button (Action.Submit), sending its data plus these input values. */
  async press(card: ConnectorActivity, title: string, inputs: Record<string, string> = {}): Promise<number> {
    const action = this.actions(card).find((a) => a.title === title);
    if (!action)
      throw new Error(
        `no "${title}" on the card; actions: ${this.actions(card)
          .map((a) => a.title)
          .join(', ')}`,
      );
    return this.post(cardSubmit(this.ctx(), { value: { ...(action.data ?? {}), ...inputs }, replyToId: card.id, conversationId: this.dm }));
  }
}

/** The Teams housing team most end-to-end tests use: four people who have installed the app and said hello. */
export async function housingTeam(t: TestApp): Promise<{ tamsin: TeamsPerson; raj: TeamsPerson; sol: TeamsPerson; una: TeamsPerson }> {
  const team = {
    tamsin: new TeamsPerson(t, '29:tamsin', 'Tamsin Okafor'),
    raj: new TeamsPerson(t, '29:raj', 'Raj Patel'),
    sol: new TeamsPerson(t, '29:sol', 'Sol Mensah'),
    una: new TeamsPerson(t, '29:una', 'Una Byrne'),
  };
  for (const p of Object.values(team)) {
    const status = await p.say('hi');
    if (status !== 200) throw new Error(`${p.name} could not say hello to the bot (HTTP ${status})`);
  }
  return team;
}
