import { checkinId } from '../../src/domain/checkin';
import { personalMessage, postActivity, type TeamsActivity } from '../../adapters/stand-ins/teams';
import type { ConnectorActivity } from '../../adapters/stand-ins/teams/connector-types';
import { startTestApp, TENANT, type TestApp } from '../support/app-harness';
import { settled, waitFor } from '../support/wait-for';
import { housingTeam, TeamsPerson } from '../support/teams-person';

/**
 * Check-ins answered by replying in the bot's personal chat on Teams: message activities with
 * JWTs through botbuilder, answers sent back as cards, through the Bot Connector stand-in.
 */
let t: TestApp;
let tamsin: TeamsPerson, raj: TeamsPerson, sol: TeamsPerson, una: TeamsPerson;
const teams = { platform: 'teams' as const, workspaceId: TENANT };

beforeAll(async () => {
  t = await startTestApp('e2e_reply_teams', { at: new Date('2026-11-26T12:00:00Z') });
  ({ tamsin, raj, sol, una } = await housingTeam(t));
  await tamsin.sayInChannel('mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes');
  await tamsin.sayInChannel('mission add homes @Raj Patel @Sol Mensah @Una Byrne org="Birmingham City Council Housing"', [raj, sol, una]);
  await tamsin.sayInChannel('mission create "Every young person in Ladywood in work or training" slug=ladywood-jobs');
  await tamsin.sayInChannel('mission add ladywood-jobs @Sol Mensah org="Ladywood Community Trust"', [sol]);
});
afterAll(async () => {
  await t.stop();
});

/** Every piece of text of a card (or a plain message), as a person would read it. */
function plain(a: ConnectorActivity | undefined): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'text' || k === 'value' || k === 'title') && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(a?.activity.attachments ?? []);
  return out.join('\n');
}

const last = (p: TeamsPerson): string => plain(p.inbox().at(-1));

function activityFor(p: TeamsPerson, text: string): TeamsActivity {
  return personalMessage(
    {
      serviceUrl: t.connector.serviceUrl,
      appId: t.appId,
      tenantId: TENANT,
      user: { id: p.id, name: p.name, aadObjectId: `aad-${p.id.replace(/\W/g, '')}` },
    },
    { text },
  );
}

async function post(activity: TeamsActivity): Promise<void> {
  expect((await postActivity(t.teamsUrl, activity, { issuer: t.issuer, appId: t.appId })).status).toBe(200);
}

/** Writes to the bot at a person's pace and waits for its one answer. */
async function reply(p: TeamsPerson, text: string): Promise<string> {
  t.clock.advance(5_000);
  const before = p.inbox().length;
  expect(await p.say(text)).toBe(200);
  await waitFor(() => expect(p.inbox().length).toBe(before + 1));
  return last(p);
}

async function openRound(slug: string) {
  const mission = await t.app.store.missions.findBySlug(teams, slug);
  return { mission: mission!, round: (await t.app.store.rounds.findOpen(mission!.id))! };
}

async function checkinOf(p: TeamsPerson, slug = 'homes') {
  const { mission, round } = await openRound(slug);
  return t.app.store.checkins.get(checkinId(round.id, `${mission.id}:teams:${TENANT}:${p.id}`));
}

/** The homes prompt card of each person, by activity id (it is updated in place). */
const promptIds = new Map<string, string>();
const promptOf = (p: TeamsPerson): ConnectorActivity | undefined => p.inbox().find((a) => a.id === promptIds.get(p.id));

describe('answering a check-in by replying on Teams', () => {
  it('the prompt card offers the form inline and says "or just reply here"', async () => {
    await tamsin.say('mission checkin-now homes');
    await waitFor(() => {
      for (const p of [raj, una]) {
        const prompt = p.inbox().find((a) => /Time for your weekly check-in/.test(plain(a)));
        expect(prompt).toBeDefined();
        promptIds.set(p.id, prompt!.id);
      }
    });
    expect(plain(promptOf(raj))).toMatch(/or just reply here/);
    expect(JSON.stringify(promptOf(raj)?.activity)).toMatch(/Input\.Text/);
  });

  it('a full check-in by replies, with every word, stored and confirmed as the form would', async () => {
    expect(await reply(raj, 'Housing first pilot agreed with two landlords')).toMatch(/question 2 of 5[\s\S]*What's next\?/);
    expect(await reply(raj, 'back')).toMatch(/question 1 of 5[\s\S]*Your answer so far[\s\S]*Housing first pilot/);
    expect(await reply(raj, 'next')).toMatch(/question 2 of 5/);
    expect(await reply(raj, 'skip')).toMatch(/needs an answer, so it cannot be skipped/);
    expect(await reply(raj, 'Sign the data-sharing agreement')).toMatch(/question 3 of 5/);
    expect(await reply(raj, 'Legal review of the agreement is stuck')).toMatch(/question 4 of 7[\s\S]*How serious/);
    expect(await reply(raj, 'quite')).toMatch(/Please pick one of: 1 low, 2 medium, 3 high/);
    expect(await reply(raj, 'medium')).toMatch(/Got it: medium[\s\S]*question 5 of 7/);
    expect(await reply(raj, 'skip')).toMatch(/question 6 of 7[\s\S]*How confident/);
    expect(await reply(raj, 'three')).toMatch(/question 7 of 7/);
    expect(await reply(raj, 'stop')).toMatch(/Saved as a draft: 5 of 7 answered/);
    expect(await reply(raj, 'skip')).toMatch(/Carrying on[\s\S]*That's every question/);
    expect(await reply(raj, 'done')).toMatch(/Check-in received — thank you/);
    expect((await checkinOf(raj))?.answers).toEqual({
      moved: 'Housing first pilot agreed with two landlords',
      next: 'Sign the data-sharing agreement',
      blocker: 'Legal review of the agreement is stuck',
      blocker_severity: 'medium',
      confidence: '3',
    });
    // The prompt card became the same confirmation a form submission leaves.
    await waitFor(() => expect(plain(promptOf(raj))).toMatch(/Check-in received/));
  });

  it('a duplicated delivery of the same activity does not advance twice', async () => {
    expect(await reply(una, 'Two families moved into permanent homes')).toMatch(/question 2 of 5/);
    t.clock.advance(5_000);
    const activity = activityFor(una, 'Visit the new tenants');
    const before = una.inbox().length;
    await post(activity);
    await waitFor(() => expect(una.inbox().length).toBe(before + 1));
    await post(activity);
    await settled(t.app);
    expect(una.inbox()).toHaveLength(before + 1);
    expect(last(una)).toMatch(/question 3 of 5/);
    expect(await reply(una, 'nothing')).toMatch(/No blocker, noted[\s\S]*question 4 of 5/);
  });

  it('switching: started by reply, finished in the prefilled card form; then edited by reply', async () => {
    expect(await reply(una, '4')).toMatch(/question 5 of 5/);
    await waitFor(() => expect(plain(promptOf(una))).toMatch(/answering this check-in[\s\S]*by reply/));
    const prompt = promptOf(una)!;
    // The inline form, empty since the prompt was sent, is gone: the button brings a prefilled one.
    expect(JSON.stringify(prompt.activity)).not.toMatch(/Input\.Text/);
    await una.press(prompt, 'Open the form');
    await waitFor(() =>
      expect(JSON.stringify(una.inbox().find((a) => a.id === prompt.id)?.activity)).toMatch(
        /Input\.Text.*Two families moved into permanent homes/s,
      ),
    );
    const form = una.inbox().find((a) => a.id === prompt.id)!;
    await una.press(form, 'Submit', {
      moved: 'Two families moved into permanent homes',
      next: 'Visit the new tenants',
      blocker: '',
      blocker_severity: '',
      blocker_help: '',
      confidence: '4',
      story: 'One family had waited three years',
    });
    await waitFor(() => expect(plain(una.inbox().find((a) => a.id === prompt.id))).toMatch(/Check-in received[\s\S]*waited three years/));
    expect(await reply(una, 'anything else?')).toMatch(/is in, thank you/);
    expect(await reply(una, 'edit 4')).toMatch(/question 4 of 5[\s\S]*Your answer so far[\s\S]*4 — likely/);
    expect(await reply(una, 'very likely')).toMatch(/question 5 of 5/);
    expect(await reply(una, 'done')).toMatch(/Check-in received[\s\S]*edited 1 time/);
    const stored = await checkinOf(una);
    expect(stored?.answers.confidence).toBe('5');
    expect(stored?.history.map((h) => h.answers.confidence)).toEqual(['4']);
  });

  it('a member of two missions is asked which one, then answers that one', async () => {
    await tamsin.say('mission checkin-now ladywood-jobs');
    await waitFor(() => expect(sol.inbox().filter((a) => /Time for your weekly check-in/.test(plain(a)))).toHaveLength(2));
    expect(await reply(sol, 'Youth hub opened on Saturdays')).toMatch(/check-ins open for 2 missions[\s\S]*ladywood-jobs[\s\S]*homes/);
    expect(await reply(sol, '1')).toMatch(/ladywood-jobs, then[\s\S]*ladywood-jobs · question 2 of 5/);
    const { mission, round } = await openRound('ladywood-jobs');
    const draft = await t.app.store.drafts.live(checkinId(round.id, `${mission.id}:teams:${TENANT}:${sol.id}`));
    expect(draft?.answers).toEqual({ moved: 'Youth hub opened on Saturdays' });
  });
});
