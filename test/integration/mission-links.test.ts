import type { ConversationRef } from '../../src/domain/identity';
import { memberId, type Mission } from '../../src/domain/mission';
import type { Message } from '../../src/messages/model';
import { alertKey } from '../../src/services/blocker-alerts';
import { digestKey } from '../../src/services/digest-service';
import { promptKey } from '../../src/services/round-service';
import { channelOf, command, messageText, replyText, slackUser, startCore, teamsUser, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';
import { outboxDrained } from '../support/wait-for';

/**
 * One mission across a Teams tenant (home) and Slack workspaces (linked), through the services,
 * the real database and the real outbox: invite codes (48 hours, single use, even with two
 * joins at once), tenancy of a linked workspace, per-workspace channels for the digest and
 * alerts, and unlinking from either side.
 */
let h: CoreHarness;
const slack = new RecordingSender('slack');
const teams = new RecordingSender('teams');
const HOUR = 60 * 60 * 1000;

// The council, on Teams: the home workspace.
const tamsin = teamsUser('29:tamsin', 'tenant-1', 'Tamsin'); // admin
const raj = teamsUser('29:raj', 'tenant-1', 'Raj'); // member
// The university, on Slack workspace T2.
const eve = slackUser('U_EVE', 'T2', 'Eve'); // joins with the code
const ben = slackUser('U_BEN', 'T2', 'Ben'); // added by Eve
// Two more partners who race for one code.
const fay = slackUser('U_FAY', 'T3', 'Fay');
const gus = teamsUser('29:gus', 'tenant-2', 'Gus');

const TEAMS_CHANNEL = '19:homes@thread.tacv2';
const dmOf = (u: { platform: 'teams' | 'slack'; workspaceId: string; userId: string }): ConversationRef => ({
  platform: u.platform,
  workspaceId: u.workspaceId,
  conversationId: `dm-${u.userId}`,
  kind: 'dm',
});
const CODE = /MP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
let mission: Mission;

const posts = (sender: RecordingSender, conversationId: string): Message[] =>
  sender.delivered.filter((d) => d.conversationId === conversationId).map((d) => d.message);

/** `mission invite` in Tamsin's direct message; returns the code. */
async function invite(): Promise<string> {
  const text = replyText(await command(h, tamsin, 'mission invite homes', dmOf(tamsin)));
  const code = CODE.exec(text)?.[0];
  if (!code) throw new Error(`no code in: ${text}`);
  return code;
}

beforeAll(async () => {
  h = await startCore('mission_links', new Date('2026-11-26T12:00:00Z'));
  h.runtime.startDispatcher(
    new Map([
      ['slack', slack],
      ['teams', teams],
    ]),
    { limits: { timeScale: 0.001 }, pollIntervalMs: 50 },
  );
  await command(
    h,
    tamsin,
    'mission create "By 2030, halve the families in temporary accommodation in Ladywood" slug=homes',
    channelOf(tamsin, TEAMS_CHANNEL),
  );
  await command(h, tamsin, 'mission add homes <@29:raj> org="Birmingham City Council"', channelOf(tamsin, TEAMS_CHANNEL), {
    '29:raj': 'Raj',
  });
  await command(
    h,
    tamsin,
    'mission create "Confidential budget plans for the council" slug=secret-plans',
    channelOf(tamsin, TEAMS_CHANNEL),
  );
  await command(h, eve, 'mission create "Warm homes for every student in Edgbaston" slug=warm-homes', channelOf(eve, 'C-uni'));
  mission = (await h.store.missions.findBySlug(tamsin, 'homes'))!;
});
afterAll(async () => {
  await h.close();
});

describe('mission invite', () => {
  it('is for admins only, and shows a code only in a direct message', async () => {
    expect(replyText(await command(h, raj, 'mission invite homes', dmOf(raj)))).toMatch(/Only the admins of "homes" can change it/);
    expect(replyText(await command(h, eve, 'mission invite homes', dmOf(eve)))).toMatch(/No such mission/);
    const inChannel = replyText(await command(h, tamsin, 'mission invite homes', channelOf(tamsin, TEAMS_CHANNEL)));
    expect(inChannel).toMatch(/only shown in a direct message/);
    expect(inChannel).not.toMatch(CODE);
  });

  it('gives a human-typeable code that expires in 48 hours, recorded in the audit log', async () => {
    const text = replyText(await command(h, tamsin, 'mission invite homes', dmOf(tamsin)));
    expect(text).toMatch(CODE);
    expect(text).not.toMatch(/MP-[^-]*[ILOU][^-]*-/);
    expect(text).toMatch(/expires Sat 28 Nov 2026, 12:00 \(Europe\/London\)/);
    expect(text).toMatch(/mission join MP-/);
    expect((await h.store.audit.list(mission.id, 10)).map((a) => a.action)).toContain('mission.invite');
    // Only the hash is kept: the code itself is nowhere in the database.
    const code = CODE.exec(text)![0];
    const invites = await h.store.connection.collection('invites').find({}).toArray();
    expect(JSON.stringify(invites)).not.toContain(code.replace(/-/g, ''));
    expect(JSON.stringify(invites)).not.toContain(code);
  });
});

describe('mission join', () => {
  it('refuses what is not a code, an unknown code, and an expired one, changing nothing', async () => {
    expect(replyText(await command(h, eve, 'mission join hello'))).toMatch(/code must be an invite code like MP-/);
    expect(replyText(await command(h, eve, 'mission join MP-0000-0000-0000'))).toMatch(/not valid/);
    const code = await invite();
    h.clock.advance(48 * HOUR);
    expect(replyText(await command(h, eve, `mission join ${code}`))).toMatch(/has expired/);
    expect((await h.store.missions.findById(mission.id))!.workspaceKeys).toEqual(['teams:tenant-1']);
    expect(replyText(await command(h, eve, 'mission show homes'))).toMatch(/No such mission/);
  });

  it('links the workspace a minute before expiry, forgiving case and look-alike letters, and makes the joiner an admin', async () => {
    const code = await invite();
    h.clock.advance(48 * HOUR - 60_000);
    const typed = code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const r = replyText(await command(h, eve, `mission join ${typed} org="Midlands Civic University"`, channelOf(eve, 'C-partner')));
    expect(r).toMatch(/Linked to homes/);
    expect(r).toMatch(/This conversation will receive the weekly digest/);
    const now = (await h.store.missions.findById(mission.id))!;
    expect(now.workspaceKeys).toEqual(['teams:tenant-1', 'slack:T2']);
    expect(await h.store.members.find(mission.id, eve)).toMatchObject({ role: 'admin', organisation: 'Midlands Civic University' });
    const actions = (await h.store.audit.list(mission.id, 10)).map((a) => a.action);
    expect(actions).toContain('mission.link');
    // The admin who made the code hears that it was used.
    await outboxDrained(h.runtime);
    expect(messageText(teams.inbox('29:tamsin').at(-1)!)).toMatch(/Eve \(Slack workspace T2\) used your invite code/);
  });

  it('works once: the same code again is refused, from any workspace', async () => {
    const code = await invite();
    expect(replyText(await command(h, fay, `mission join ${code}`))).toMatch(/Linked to homes/);
    expect(replyText(await command(h, gus, `mission join ${code}`))).toMatch(/already been used/);
    expect(replyText(await command(h, fay, `mission join ${code}`))).toMatch(/already linked/);
    expect(replyText(await command(h, gus, 'mission show homes'))).toMatch(/No such mission/);
    expect(replyText(await command(h, tamsin, 'mission unlink homes slack:T3'))).toMatch(/no longer linked/);
  });

  it('two joins at once with one code: exactly one wins', async () => {
    const code = await invite();
    const fayAgain = slackUser('U_FAY2', 'T3', 'Fay');
    const results = await Promise.all([command(h, fayAgain, `mission join ${code}`), command(h, gus, `mission join ${code}`)]);
    const texts = results.map(replyText);
    expect(texts.filter((t) => /Linked to homes/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /already been used/.test(t))).toHaveLength(1);
    const keys = (await h.store.missions.findById(mission.id))!.workspaceKeys;
    expect(keys).toHaveLength(3);
    expect(keys.includes('slack:T3') !== keys.includes('teams:tenant-2')).toBe(true);
  });
});

describe('a linked workspace sees that mission and nothing else', () => {
  it("lists and shows the linked mission next to its own, and none of the home workspace's others", async () => {
    const list = replyText(await command(h, eve, 'mission list'));
    expect(list).toMatch(/homes/);
    expect(list).toMatch(/warm-homes/);
    expect(list).not.toMatch(/secret-plans|Confidential/);
    const show = replyText(await command(h, eve, 'mission show secret-plans'));
    expect(show).toMatch(/No such mission/);
    expect(show).not.toMatch(/Confidential/);
    expect(replyText(await command(h, eve, 'mission digest-now secret-plans'))).toMatch(/No such mission/);
    // And the home workspace sees nothing of the partner's own missions.
    expect(replyText(await command(h, tamsin, 'mission show warm-homes'))).toMatch(/No such mission/);
    expect(replyText(await command(h, tamsin, 'mission list'))).not.toMatch(/warm-homes/);
  });

  it('its admin adds and removes only its own people, and cannot invite further workspaces', async () => {
    const added = replyText(
      await command(h, eve, 'mission add homes <@U_BEN> org="Midlands Civic University"', channelOf(eve, 'C-partner'), { U_BEN: 'Ben' }),
    );
    expect(added).toMatch(/Added to homes: Ben/);
    expect(await h.store.members.find(mission.id, ben)).toMatchObject({ platform: 'slack', workspaceId: 'T2' });
    expect(replyText(await command(h, eve, 'mission remove homes <@29:raj>'))).toMatch(/not on "homes"/);
    expect(await h.store.members.find(mission.id, raj)).toBeDefined();
    expect(replyText(await command(h, eve, 'mission invite homes', dmOf(eve)))).toMatch(/Only the admins in the home workspace/);
    expect(replyText(await command(h, ben, 'mission invite homes', dmOf(ben)))).toMatch(/Only the admins of "homes"/);
    const show = replyText(await command(h, ben, 'mission show homes'));
    expect(show).toMatch(/Midlands Civic University \(2\)/);
    expect(show).toMatch(/Birmingham City Council \(1\)/);
  });

  it("sets its own alert channel without touching the home workspace's channels", async () => {
    expect((await command(h, eve, 'mission channel homes alerts', channelOf(eve, 'C-partner-alerts'))).kind).toBe('public');
    const home = (await h.store.missions.findById(mission.id))!;
    expect(home.digestChannel?.conversationId).toBe(TEAMS_CHANNEL);
    expect(home.alertChannel).toBeUndefined();
    const link = await h.store.missionLinks.get(mission.id, 'slack:T2');
    expect(link?.digestChannel?.conversationId).toBe('C-partner');
    expect(link?.alertChannel?.conversationId).toBe('C-partner-alerts');
    expect(replyText(await command(h, eve, 'mission show homes'))).toMatch(
      /Digest channel: set \(Slack channel\) · Alert channel: set \(Slack channel\)/,
    );
    expect(replyText(await command(h, tamsin, 'mission show homes'))).toMatch(
      /Digest channel: set \(Teams channel\) · Alert channel: not set/,
    );
    expect(replyText(await command(h, ben, 'mission links homes'))).toMatch(
      /Teams tenant tenant-1 \(home\)[\s\S]*Slack workspace T2 \(linked .* by Eve\) — digest channel set, alert channel set/,
    );
  });
});

describe('a week across both platforms', () => {
  it("prompts each member on their own platform, and sends one digest to each workspace's digest channel", async () => {
    await command(h, tamsin, 'mission checkin-now homes', dmOf(tamsin));
    const round = (await h.store.rounds.findOpen(mission.id))!.id;
    for (const person of [tamsin, raj, eve, ben]) {
      const item = await h.runtime.ctx.outboxItems.get(promptKey(round, memberId(mission.id, person)));
      expect(item && 'user' in item.target ? item.target.user.platform : undefined).toBe(person.platform);
    }
    const values = { moved: 'Placed two students with the housing team', next: 'Survey', confidence: '4' };
    expect((await h.core.onFormSubmit({ actor: ben, formId: 'checkin', state: round, values })).kind).toBe('form-done');
    expect(
      (
        await h.core.onFormSubmit({
          actor: raj,
          formId: 'checkin',
          state: round,
          values: { ...values, moved: 'Landlord forum booked', confidence: '3' },
        })
      ).kind,
    ).toBe('form-done');
    await command(h, tamsin, 'mission close-now homes', dmOf(tamsin));
    await outboxDrained(h.runtime);
    const teamsDigests = posts(teams, TEAMS_CHANNEL).filter((m) => m.summary.startsWith('Digest for'));
    const slackDigests = posts(slack, 'C-partner').filter((m) => m.summary.startsWith('Digest for'));
    expect(teamsDigests).toHaveLength(1);
    expect(slackDigests).toHaveLength(1);
    expect(messageText(slackDigests[0])).toMatch(/Placed two students with the housing team/);
    expect(messageText(slackDigests[0])).toMatch(/Landlord forum booked/);
    expect(await h.runtime.ctx.outboxItems.get(`${digestKey(round)}:slack:T2`)).not.toBeNull();
    // A second close hook run (another replica) sends nothing more.
    await h.runtime.services.digests.onRoundClosed(mission, (await h.store.rounds.get(round))!);
    await outboxDrained(h.runtime);
    expect(posts(slack, 'C-partner').filter((m) => m.summary.startsWith('Digest for'))).toHaveLength(1);
    expect(posts(teams, TEAMS_CHANNEL).filter((m) => m.summary.startsWith('Digest for'))).toHaveLength(1);
  });

  it("a high-severity blocker alerts the home channel and the linked workspace's alert channel", async () => {
    expect(replyText(await command(h, ben, 'blocker homes "No data-sharing agreement with the council" severity=high'))).toMatch(/Raised/);
    await outboxDrained(h.runtime);
    const [b] = await h.store.blockers.listOpen(mission.id);
    expect(await h.runtime.ctx.outboxItems.get(alertKey(b.id))).toMatchObject({
      target: { conversation: { conversationId: TEAMS_CHANNEL } },
    });
    expect(await h.runtime.ctx.outboxItems.get(`${alertKey(b.id)}:slack:T2`)).toMatchObject({
      target: { conversation: { conversationId: 'C-partner-alerts' } },
    });
    expect(posts(slack, 'C-partner-alerts').map(messageText).join('\n')).toMatch(/No data-sharing agreement/);
  });
});

describe('mission unlink', () => {
  it('from a linked workspace, only that workspace can be named', async () => {
    expect(replyText(await command(h, eve, 'mission unlink homes teams:tenant-1'))).toMatch(/only unlink your own/);
    expect(replyText(await command(h, ben, 'mission unlink homes'))).toMatch(/Only the admins of "homes"/);
  });

  it("from home, asks which when several are linked, then removes that workspace's people but keeps their check-ins", async () => {
    expect(replyText(await command(h, tamsin, 'mission unlink homes'))).toMatch(/linked to 2 workspaces: slack:T2, /);
    const [{ id: round }] = await h.store.rounds.latest(mission.id, 1);
    const r = replyText(await command(h, tamsin, 'mission unlink homes slack:T2'));
    expect(r).toMatch(/Slack workspace T2 is no longer linked to homes: its 2 members were taken off the mission/);
    expect(replyText(await command(h, eve, 'mission show homes'))).toMatch(/No such mission/);
    expect(replyText(await command(h, ben, 'blocker homes "Still here?"'))).toMatch(/No such mission/);
    expect(await h.store.members.find(mission.id, ben)).toBeUndefined();
    expect(await h.store.missionLinks.get(mission.id, 'slack:T2')).toBeUndefined();
    expect((await h.store.checkins.listByRound(round)).some((c) => c.memberId === memberId(mission.id, ben))).toBe(true);
    expect((await h.store.audit.list(mission.id, 5)).map((a) => a.action)).toContain('mission.unlink');
    await outboxDrained(h.runtime);
    expect(messageText(slack.inbox('U_EVE').at(-1)!)).toMatch(/Tamsin unlinked your workspace from homes/);
    // Eve's own mission is untouched.
    expect(replyText(await command(h, eve, 'mission show warm-homes'))).toMatch(/Warm homes/);
  });

  it('a linked workspace leaves with one command, and can come back with a new code', async () => {
    const other = (await h.store.missions.findById(mission.id))!.workspaceKeys.find((k) => k !== 'teams:tenant-1')!;
    const leaver = other === 'slack:T3' ? slackUser('U_FAY2', 'T3', 'Fay') : gus;
    expect(replyText(await command(h, leaver, 'mission unlink homes'))).toMatch(/Your workspace has left homes/);
    expect((await h.store.missions.findById(mission.id))!.workspaceKeys).toEqual(['teams:tenant-1']);
    expect((await h.store.audit.list(mission.id, 5)).map((a) => a.action)).toContain('mission.leave');
    expect(replyText(await command(h, tamsin, 'mission unlink homes'))).toMatch(/not linked to any other workspace/);
    const code = await invite();
    expect(replyText(await command(h, eve, `mission join ${code}`, dmOf(eve)))).toMatch(/Run `mission channel homes digest`/);
    expect(replyText(await command(h, eve, 'mission show homes'))).toMatch(/homes/);
  });
});
