import { channelMention, postActivity, type ConnectorActivity } from '../../adapters/stand-ins/teams';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { settled, waitFor } from '../support/wait-for';
import { housingTeam, TeamsPerson } from '../support/teams-person';

/**
 * The blocker lifecycle on Teams, through botbuilder and the Bot Connector stand-in: the alert
 * is a card in the alert channel; its buttons are pressed in the channel; "Resolved" turns the
 * card into a form for the note, and the card then shows the blocker resolved.
 */
let t: TestApp;
let tamsin: TeamsPerson, raj: TeamsPerson, sol: TeamsPerson, una: TeamsPerson;
let alertChannel = '';
const teams = { platform: 'teams' as const, workspaceId: TENANT };
const DAY = 24 * 60 * 60 * 1000;
const answers = {
  moved: 'Housing first pilot agreed with two landlords',
  next: 'Sign the data-sharing agreement',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
};

interface CardAction {
  type: string;
  title: string;
  data?: Record<string, unknown>;
}

/** Every Action.Submit on a card, wherever it sits. */
function actionsOf(card: ConnectorActivity): CardAction[] {
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

/** A person presses a button on a card in the channel (Action.Submit from a channel message). */
async function pressInChannel(
  who: TeamsPerson,
  card: ConnectorActivity,
  title: string,
  inputs: Record<string, string> = {},
): Promise<number> {
  const action = actionsOf(card).find((a) => a.title === title);
  if (!action)
    throw new Error(
      `no "${title}" on the card; actions: ${actionsOf(card)
        .map((a) => a.title)
        .join(', ')}`,
    );
  const ctx = {
    serviceUrl: t.connector.serviceUrl,
    appId: t.appId,
    tenantId: TENANT,
    user: { id: who.id, name: who.name, aadObjectId: `aad-${who.id.replace(/\W/g, '')}` },
  };
  const base = channelMention(ctx, { text: '', conversationId: alertChannel });
  const activity = {
    ...base,
    text: undefined,
    attachments: undefined,
    entities: (base.entities ?? []).filter((e) => e.type !== 'mention'),
    value: { ...(action.data ?? {}), ...inputs },
    replyToId: card.id,
  };
  return (await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId })).status;
}

const channel = (): ConnectorActivity[] =>
  t.connector.activities(alertChannel).filter((a) => a.activity.type === 'message' && !a.deleted && a.fromAppId !== undefined);
const shown = (a: ConnectorActivity | undefined): string => JSON.stringify(a?.activity ?? {});
const cards = (pattern: RegExp): ConnectorActivity[] =>
  channel().filter((a) => pattern.test(shown(a)) && /High-severity|Blocker open for more than/.test(shown(a)));

beforeAll(async () => {
  t = await startTestApp('e2e_blockers_teams', { at: new Date('2026-11-26T12:00:00Z') });
  ({ tamsin, raj, sol, una } = await housingTeam(t));
  await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
  await tamsin.sayInChannel('mission add homes @Raj Patel @Sol Mensah org="Birmingham City Council Housing"', [raj, sol]);
  await tamsin.sayInChannel('mission add homes @Una Byrne org="St Basils" role=lead', [una]);
  await tamsin.sayInChannel('mission channel homes alerts');
  const mission = await t.app.store.missions.findBySlug(teams, 'homes');
  alertChannel = mission!.alertChannel!.conversationId;
});
afterAll(async () => {
  await t.stop();
});

describe('blocker lifecycle on Teams', () => {
  it('a high blocker answered in the check-in card reaches the alert channel at once', async () => {
    await tamsin.say('mission checkin-now homes');
    await waitFor(() => expect(raj.inboxText()).toMatch(/Time for your weekly check-in/));
    const prompt = raj.inbox().find((a) => shown(a).includes('Time for your weekly check-in'))!;
    await raj.press(prompt, 'Submit', {
      ...answers,
      blocker: 'Landlord consent forms held up by legal',
      blocker_severity: 'high',
      blocker_help: 'Council legal team',
    });
    await waitFor(() => expect(cards(/Landlord consent forms/)).toHaveLength(1));
    const alert = cards(/Landlord consent forms/)[0];
    expect(shown(alert)).toMatch(/High-severity blocker/);
    expect(shown(alert)).toMatch(/Council legal team/);
    expect(actionsOf(alert).map((a) => a.title)).toEqual(['I can help', 'Resolved']);
  });

  it('"I can help" in the channel tells the owner by DM who offered, and the card lists the helper', async () => {
    expect(await pressInChannel(sol, cards(/Landlord consent forms/)[0], 'I can help')).toBe(200);
    await waitFor(() => expect(raj.inboxText()).toMatch(/offered to help with your blocker on \*\*homes\*\*/));
    expect(raj.inboxText()).toMatch(/<at>Sol Mensah<\/at> \(Birmingham City Council Housing\) offered to help/);
    await waitFor(() => expect(shown(cards(/Landlord consent forms/)[0])).toMatch(/Offered to help/));
    expect(shown(cards(/Landlord consent forms/)[0])).toMatch(/\*\*Sol Mensah\*\* \(Birmingham City Council Housing\)/);
    expect(cards(/Landlord consent forms/)).toHaveLength(1);
  });

  it('"Resolved" turns the card into a note form for the owner; submitting it shows the blocker resolved', async () => {
    const alert = cards(/Landlord consent forms/)[0];
    expect(await pressInChannel(raj, alert, 'Resolved')).toBe(200);
    await waitFor(() => expect(shown(channel().find((a) => a.id === alert.id))).toMatch(/How was it resolved\?/));
    const form = channel().find((a) => a.id === alert.id)!;
    expect(await pressInChannel(raj, form, 'Mark resolved', { note: 'Legal signed the consent forms off' })).toBe(200);
    await waitFor(() => expect(shown(channel().find((a) => a.id === alert.id))).toMatch(/Resolved by \*\*Raj Patel\*\*/));
    const resolved = shown(channel().find((a) => a.id === alert.id));
    expect(resolved).toMatch(/Legal signed the consent forms off/);
    expect(resolved).toMatch(/Sol Mensah/);
    expect(actionsOf(channel().find((a) => a.id === alert.id)!)).toEqual([]);
  });

  it('a medium blocker is escalated to the leads once, mentioning them, in the week it passes two weeks open', async () => {
    const raisedAt = new Date('2026-11-27T09:00:00Z');
    t.clock.set(raisedAt);
    await sol.say('blocker homes "No void properties released this month" severity=medium');
    await waitFor(() => expect(sol.inboxText()).toMatch(/Raised your medium-severity blocker on homes/));
    const seen: number[] = [];
    for (const offset of [7 * DAY, 14 * DAY - 60_000, 14 * DAY + 60_000, 21 * DAY]) {
      t.clock.set(new Date(raisedAt.getTime() + offset));
      await t.app.runtime.scheduler.tick();
      await settled(t.app);
      seen.push(cards(/No void properties/).length);
    }
    expect(seen).toEqual([0, 0, 1, 1]);
    const escalation = cards(/No void properties/)[0];
    expect(shown(escalation)).toMatch(/Blocker open for more than 2 weeks/);
    expect(shown(escalation)).toMatch(/For the attention of the leads: <at>Una Byrne<\/at>, <at>Tamsin Okafor<\/at>/);
    const entities = (
      (escalation.activity.attachments as Array<{ content: { msteams?: { entities?: Array<{ mentioned: { id: string } }> } } }>)[0].content
        .msteams?.entities ?? []
    ).map((e) => e.mentioned.id);
    expect(entities.sort()).toEqual(['29:tamsin', '29:una']);
  });
});
