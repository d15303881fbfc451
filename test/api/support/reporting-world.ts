import { startTestApp, type TestApp } from '../../support/app-harness';
import { SlackPerson } from '../../support/slack-person';
import { waitFor } from '../../support/wait-for';

/**
 * A mission with a closed week of history, reached through the real app over HTTP:
 * - `ladywood-jobs` on Slack team T0MISSION: Ada (admin), Ben (member, skips), Zoë O’Brien
 *   (member, answers with hostile text and a high blocker), one indicator with two readings,
 *   a blocker raised by command; week 2026-W48 closed, 2026-W49 open.
 * - `other-mission` in the same workspace (Ada is admin there too).
 * - `far-away` in another Slack team, T0FAR.
 */
export const SLUG = 'ladywood-jobs';
export const OTHER = 'other-mission';
export const FAR = 'far-away';
export const FAR_TEAM = 'T0FAR';
export const TOKEN_PATTERN = /mpt_[0-9a-f]{16}_[0-9a-f]{64}/;

export const ZOE_ANSWERS = {
  moved: '=HYPERLINK("http://evil.example","Click")',
  next: '+44 7700 900123 to call',
  blocker: '@channel Landlord will not sign the lease',
  blocker_severity: 'high',
  blocker_help: '-Legal team',
  confidence: '2',
  story: 'Zoë’s café hosted the jobs fair: “brilliant”',
};
const ADA_ANSWERS = {
  moved: 'Two employers signed the youth jobs pledge',
  next: 'Careers fair at the library',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: '',
};

export interface ReportingWorld {
  t: TestApp;
  ada: SlackPerson;
  ben: SlackPerson;
  zoe: SlackPerson;
  missionId: string;
  otherId: string;
  farId: string;
  /** Makes a token through `/mission api-token` in Ada's DM; returns the token text. */
  issueToken(slug?: string, label?: string): Promise<string>;
}

export function tokenIn(body: string): string {
  const m = TOKEN_PATTERN.exec(body);
  if (!m) throw new Error(`no token in the reply: ${body.slice(0, 500)}`);
  return m[0];
}

async function answerCheckin(p: SlackPerson, answers: Record<string, string>): Promise<void> {
  await waitFor(() => expect(p.inboxText()).toMatch(/Time for your weekly check-in/));
  const prompt = p.inbox().find((m) => JSON.stringify(m.blocks ?? []).includes('Answer check-in'));
  if (!prompt) throw new Error(`${p.userId} has no prompt`);
  await p.press(prompt, 'Answer check-in');
  await waitFor(() => expect(p.openView()?.callbackId).toBe('checkin'));
  const res = await p.submitView(answers);
  expect(res.status).toBe(200);
}

export async function startReportingWorld(label: string): Promise<ReportingWorld> {
  // Thursday 26 November 2026 (week 2026-W48), noon in London.
  const t = await startTestApp(label, { at: new Date('2026-11-26T12:00:00Z') });
  const [ada, ben, zoe] = ['U0ADA', 'U0BEN', 'U0ZOE'].map((u) => new SlackPerson(t, u));
  const ok = async (p: SlackPerson, text: string, channel?: string) => {
    const res = await p.command(text.startsWith('blocker ') ? '/blocker' : '/mission', text.replace(/^(mission|blocker) /, ''), channel);
    expect(res.status).toBe(200);
    return res.body;
  };
  await ok(ada, `mission create "By 2030, no young person in Ladywood is long-term unemployed" slug=${SLUG} tz=Europe/London`);
  await ok(ada, `mission add ${SLUG} <@U0BEN|Ben Adeyemi> org="Ladywood Community Trust"`);
  await ok(ada, `mission add ${SLUG} <@U0ZOE|Zoë O’Brien> org="Ladywood Youth Hub"`);
  await ok(
    ada,
    `mission indicator ${SLUG} add key=youth-claimants name="Young people claiming out-of-work benefits" baseline=420@2024-04 target=210@2030-03 unit=people`,
  );
  await ok(ada, `mission indicator ${SLUG} record key=youth-claimants value=395 date=2026-09 note="=1+2 (ONS)"`);
  await ok(ada, `mission indicator ${SLUG} record key=youth-claimants value=380 date=2026-10`);
  await ok(ada, `mission budget ${SLUG} total=£5,000,000 aligned=£1,250,000 period=2026/27`);
  await ok(ada, `mission create "By 2031, every Ladywood school has a careers mentor" slug=${OTHER}`);

  await ok(ada, `mission checkin-now ${SLUG}`);
  await answerCheckin(ada, ADA_ANSWERS);
  await answerCheckin(zoe, ZOE_ANSWERS);
  await waitFor(() => expect(ben.inboxText()).toMatch(/Time for your weekly check-in/));
  await ben.press(ben.inbox()[0], 'Skip this week');
  await ok(ben, `blocker ${SLUG} "No room for the Tuesday drop-in" severity=low`);
  await waitFor(async () => expect(await t.app.store.blockers.listOpen((await mission(t, SLUG)).id)).toHaveLength(2));
  await ok(ada, `mission close-now ${SLUG}`);
  // The next week's round is open, so it has no digest yet.
  t.clock.set(new Date('2026-12-03T12:00:00Z'));
  await ok(ada, `mission checkin-now ${SLUG}`);

  const far = await t.slashCommand('U0FAR', '/mission', `create "By 2030, a far-away place thrives" slug=${FAR}`, { team: FAR_TEAM });
  expect(far.status).toBe(200);

  const missionId = (await mission(t, SLUG)).id;
  const otherId = (await mission(t, OTHER)).id;
  const farMission = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: FAR_TEAM }, FAR);
  if (!farMission) throw new Error('far-away mission was not created');

  return {
    t,
    ada,
    ben,
    zoe,
    missionId,
    otherId,
    farId: farMission.id,
    async issueToken(slug = SLUG, label?: string) {
      const res = await ada.command('/mission', `api-token ${slug}${label ? ` name="${label}"` : ''}`, ada.dm);
      expect(res.status).toBe(200);
      return tokenIn(res.body);
    },
  };
}

export async function mission(t: TestApp, slug: string) {
  const m = await t.app.store.missions.findBySlug({ platform: 'slack', workspaceId: t.slack.teamId }, slug);
  if (!m) throw new Error(`no mission ${slug}`);
  return m;
}
