import { cardSubmit, postActivity } from '../../adapters/stand-ins/teams';
import type { ConnectorActivity } from '../../adapters/stand-ins/teams/connector-types';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { settled, waitFor } from '../support/wait-for';
import { housingTeam, TeamsPerson } from '../support/teams-person';

/**
 * A simulated week on Teams, through botbuilder and the Bot Connector stand-in, ending in the
 * digest: one card in the mission's channel with the chart embedded, within the card limits;
 * Full details answers with a card; `mission digest-now` for leads only.
 */
let t: TestApp;
let tamsin: TeamsPerson, raj: TeamsPerson, sol: TeamsPerson, una: TeamsPerson;
let channel = '';
const teams = { platform: 'teams' as const, workspaceId: TENANT };
const answers = {
  moved: 'Housing first pilot agreed with two landlords',
  next: 'Sign the data-sharing agreement',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '3',
  story: '',
};

interface Card {
  body: Array<Record<string, unknown>>;
  version: string;
}

const cardOf = (a: ConnectorActivity): Card => ((a.activity.attachments as Array<{ content: Card }>) ?? [])[0]?.content;
const isDigest = (a: ConnectorActivity) => a.activity.type === 'message' && String(a.activity.summary ?? '').startsWith('Digest for');
const digests = () => t.connector.activities(channel).filter(isDigest);

function images(card: Card): Array<{ url: string; altText: string }> {
  const out: Array<{ url: string; altText: string }> = [];
  const walk = (items: Array<Record<string, unknown>>) => {
    for (const el of items) {
      if (el.type === 'Image') out.push(el as unknown as { url: string; altText: string });
      if (Array.isArray(el.items)) walk(el.items as Array<Record<string, unknown>>);
    }
  };
  walk(card.body);
  return out;
}

/** A button pressed on a card in the channel (Teams sends the submit from that conversation). */
async function pressInChannel(person: TeamsPerson, card: ConnectorActivity, title: string): Promise<number> {
  const found = JSON.stringify(cardOf(card)).includes(`"title":"${title}"`);
  if (!found) throw new Error(`no "${title}" on the card`);
  const action = (
    JSON.parse(JSON.stringify(cardOf(card))) as {
      body: Array<{ type: string; actions?: Array<{ title: string; data: Record<string, unknown> }> }>;
    }
  ).body
    .flatMap((el) => (el.type === 'ActionSet' ? (el.actions ?? []) : []))
    .find((a) => a.title === title);
  const ctx = {
    serviceUrl: t.connector.serviceUrl,
    appId: t.appId,
    tenantId: TENANT,
    user: { id: person.id, name: person.name, aadObjectId: `aad-${person.id.replace(/\W/g, '')}` },
  };
  return (
    await postActivity(t.teamsUrl, cardSubmit(ctx, { value: action?.data ?? {}, replyToId: card.id, conversationId: channel }), {
      issuer: t.issuer,
      appId: t.appId,
    })
  ).status;
}

beforeAll(async () => {
  t = await startTestApp('e2e_digest_teams', { at: new Date('2026-11-26T12:00:00Z') });
  ({ tamsin, raj, sol, una } = await housingTeam(t));
  await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
  await tamsin.sayInChannel('mission add homes @Raj Patel @Sol Mensah org="Birmingham City Council Housing"', [raj, sol]);
  await tamsin.sayInChannel('mission add homes @Una Byrne org="Crisis Midlands" role=lead', [una]);
  const mission = await t.app.store.missions.findBySlug(teams, 'homes');
  channel = mission?.digestChannel?.conversationId ?? '';
  expect(channel).toMatch(/@thread/);
});
afterAll(async () => {
  await t.stop();
});

describe('the weekly digest on Teams', () => {
  it('runs a week: Raj answers, Sol skips, the others do not', async () => {
    await tamsin.say('mission checkin-now homes');
    await waitFor(() => expect(raj.inboxText()).toMatch(/Time for your weekly check-in/));
    const prompt = raj.inbox().find((a) => JSON.stringify(a.activity).includes('Time for your weekly check-in'))!;
    await raj.press(prompt, 'Submit', answers);
    await waitFor(() => expect(raj.inboxText()).toMatch(/Check-in received/));
    await waitFor(() => expect(sol.inboxText()).toMatch(/Time for your weekly check-in/));
    const solPrompt = sol.inbox().find((a) => JSON.stringify(a.activity).includes('Time for your weekly check-in'))!;
    await sol.press(solPrompt, 'Skip this week');
    await waitFor(() => expect(sol.inboxText()).toMatch(/You skipped/));
  });

  it('closing the round posts exactly one digest card to the channel, the chart embedded, within 28 KB', async () => {
    const before = t.connector.activities(channel).length;
    t.clock.set(new Date('2026-11-27T13:00:00Z'));
    await tamsin.say('mission close-now homes');
    await waitFor(() => expect(digests()).toHaveLength(1), 15_000);
    expect(t.connector.activities(channel).length - before).toBe(1);
    const [digest] = digests();
    const card = cardOf(digest);
    expect(card.version).toBe('1.5');
    const [chart] = images(card);
    expect(chart.url.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(chart.url.split(',')[1], 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(chart.altText).toMatch(/confidence/i);
    expect(
      Buffer.byteLength(JSON.stringify({ text: digest.activity.summary, attachments: digest.activity.attachments })),
    ).toBeLessThanOrEqual(28 * 1024);
    const text = JSON.stringify(card);
    expect(text).toContain('Weekly digest: homes: week 48, 23–29 Nov 2026');
    expect(text).toContain('1 of 4 answered (25%) · 1 skipped · 2 no reply');
    expect(text).toContain('Birmingham City Council Housing**: 1 of 2 answered · 1 skipped');
    expect(text).toContain('Crisis Midlands**: 0 of 1 answered · 1 no reply');
    expect(text).toContain('Housing first pilot agreed with two landlords');
  });

  it('Full details answers with a card holding every answer', async () => {
    const before = t.connector.activities(channel).length;
    expect(await pressInChannel(una, digests()[0], 'Full details')).toBe(200);
    await waitFor(() => expect(t.connector.activities(channel).length).toBe(before + 1));
    const reply = t.connector.activities(channel)[before];
    const text = JSON.stringify(cardOf(reply));
    expect(text).toContain('Full details: homes: week 48');
    expect(text).toContain('Sign the data-sharing agreement');
    expect(text).toContain('Skipped: Sol Mensah');
    // The digest itself is untouched.
    await settled(t.app);
    expect(digests()[0].updates ?? 0).toBe(0);
  });

  it('`mission digest-now` works for a lead and is refused for a member', async () => {
    await sol.say('mission digest-now homes');
    await waitFor(() => expect(sol.inboxText()).toMatch(/Only the leads and admins of \\"homes\\" can send its digest/));
    await una.say('mission digest-now homes');
    await waitFor(() => expect(una.inboxText()).toMatch(/Sent the digest for homes: week 48/));
    await waitFor(() => expect(digests()).toHaveLength(2), 15_000);
  });
});
