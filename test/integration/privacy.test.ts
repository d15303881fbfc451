import { checkinId, roundId } from '../../src/domain/checkin';
import { memberId } from '../../src/domain/mission';
import { command, replyText, slackUser, startCore, type CoreHarness } from '../support/core-harness';
import { RecordingSender } from '../support/recording-sender';
import { outboxDrained } from '../support/wait-for';

/**
 * UK GDPR controls through the services on the real database: a person's data as a file,
 * erasure that keeps a mission's counts and averages right, retention, and the audit log.
 */
let h: CoreHarness;
const slack = new RecordingSender('slack');
const admin = slackUser('U_ADMIN', 'T1', 'Amira');
const ben = slackUser('U_BEN', 'T1', 'Ben Jones');
const chi = slackUser('U_CHI', 'T1', 'Chi');
const dm = { platform: 'slack' as const, workspaceId: 'T1', conversationId: 'D-U_BEN', kind: 'dm' as const };

const answers = (moved: string, confidence: string) => ({
  moved,
  next: 'More outreach',
  confidence,
  blocker: 'Waiting for the data-sharing agreement',
  blocker_severity: 'medium',
  story: 'A young carer found an apprenticeship',
});

let round = '';
beforeAll(async () => {
  h = await startCore('privacy', new Date('2026-11-27T10:00:00Z'));
  h.runtime.startDispatcher(new Map([['slack', slack]]), { limits: { timeScale: 0.001 } });
  h.runtime.services.dataOut.connect({ senders: new Map([['slack', slack]]), publicUrl: () => 'https://pulse.example.gov.uk' });
  await command(h, admin, 'mission create "Every young person in Ladywood in work or training" slug=jobs');
  await command(h, admin, 'mission add jobs <@U_BEN> <@U_CHI> org="Ladywood Trust"', undefined, { U_BEN: 'Ben Jones', U_CHI: 'Chi' });
  await command(h, admin, 'mission checkin-now jobs');
  const mission = await h.store.missions.findBySlug(admin, 'jobs');
  round = roundId(mission!.id, '2026-W48');
  await h.core.onFormSubmit({ actor: ben, formId: 'checkin', state: round, values: answers('Ben met three employers', '4') });
  await h.core.onFormSubmit({
    actor: chi,
    formId: 'checkin',
    state: round,
    values: { ...answers('Chi ran a jobs club', '2'), blocker: '', blocker_severity: '' },
  });
  await outboxDrained(h.runtime);
});
afterAll(async () => {
  await h.close();
});

describe('checkin my-data', () => {
  it('sends the person everything stored about them, as a JSON file in their DM', async () => {
    const r = await command(h, ben, 'checkin my-data', dm);
    expect(replyText(r)).toMatch(/on its way to your direct messages as a file/);
    const sent = slack.files.find((f) => f.conversationId === 'D-U_BEN');
    expect(sent?.file.filename).toMatch(/^mission-pulse-my-data-2026-11-27\.json$/);
    const data = JSON.parse(sent!.file.bytes.toString('utf8'));
    expect(data.memberships).toHaveLength(1);
    expect(data.checkins[0].answers).toContain('Ben met three employers');
    expect(data.blockersRaised[0].text).toBe('Waiting for the data-sharing agreement');
    expect(JSON.stringify(data)).not.toContain('Chi ran a jobs club');
  });
});

describe('checkin forget-me', () => {
  it('asks first, and the only admin of a mission is asked to hand over first', async () => {
    expect(replyText(await command(h, admin, 'checkin forget-me'))).toMatch(/only admin of jobs/);
    const r = await command(h, ben, 'checkin forget-me', dm);
    expect(replyText(r)).toMatch(/cannot be undone/);
    expect(await h.store.members.listByUser(ben)).toHaveLength(1);
  });

  it('Cancel erases nothing', async () => {
    const r = await h.core.onAction({ actor: ben, where: dm, actionId: 'privacy.forget.cancel', value: 'cancel' });
    expect(replyText(r)).toMatch(/Nothing was erased/);
    expect(await h.store.members.listByUser(ben)).toHaveLength(1);
  });

  it("erases the person and keeps the mission's counts and averages correct", async () => {
    const mission = await h.store.missions.findBySlug(admin, 'jobs');
    const before = await h.store.checkins.listByRound(round);
    const avg = (cs: typeof before) => cs.reduce((s, c) => s + Number(c.answers.confidence), 0) / cs.length;
    expect(avg(before)).toBe(3);
    // Ben is halfway through rewriting his answers by reply: the draft holds what he typed.
    const draftId = checkinId(round, memberId(mission!.id, ben));
    await h.store.drafts.update(draftId, () => ({
      id: draftId,
      roundId: round,
      missionId: mission!.id,
      memberId: memberId(mission!.id, ben),
      userKey: 'slack:T1:U_BEN',
      mode: 'edit',
      status: 'active',
      answers: { moved: 'Ben is rewriting: met four employers' },
      position: 'next',
      recent: [],
      noted: true,
      updatedAt: new Date(),
    }));

    const outboxItems = () => h.store.connection.db!.collection('outbox_items').countDocuments({ userKey: 'slack:T1:U_BEN' });
    expect(await outboxItems()).toBeGreaterThan(0);

    const r = await h.core.onAction({ actor: ben, where: dm, actionId: 'privacy.forget.confirm', value: 'confirm' });
    expect(replyText(r)).toMatch(/erased/);

    const after = await h.store.checkins.listByRound(round);
    expect(after).toHaveLength(2);
    expect(avg(after)).toBe(3);
    const hers = after.find((c) => c.answers.moved === 'Chi ran a jobs club');
    expect(hers).toBeDefined();
    const his = after.find((c) => c !== hers)!;
    expect(his.answers).toEqual({ confidence: '4', blocker_severity: 'medium' });
    expect(his.userKey).not.toContain('U_BEN');
    expect(await h.store.members.listByUser(ben)).toHaveLength(0);
    expect(await h.store.people.get(ben)).toBeUndefined();
    const raw = JSON.stringify(await h.store.connection.db!.collection('blockers').find({ missionId: mission!.id }).toArray());
    expect(raw).not.toContain('Ben Jones');
    expect(raw).not.toContain('data-sharing agreement');
    const leftovers = JSON.stringify(
      await new (await import('../../src/store/personal-data-repository')).PersonalDataRepository(h.store.connection).collect(
        ben,
        new Date(),
      ),
    );
    expect(leftovers).not.toContain('Ben met three employers');
    expect(await outboxItems()).toBe(0);
    // Nothing he was typing can come back either.
    expect(await h.store.drafts.read(draftId)).toBeUndefined();
  });
});

describe('where personal data lives', () => {
  /** Collections that hold nothing a person wrote and no name: ids, figures and settings only. */
  const holdingNone: Record<string, string> = {
    missions: 'what a mission is for; its creator by platform id only',
    rounds: 'who was asked and who was away, by member id, for the counts',
    week_points: 'participation and confidence figures',
    indicators: 'what a mission measures',
    workspaces: 'workspaces the bot has seen',
    slack_installations: 'a workspace install: the installer by Slack id, the token sealed',
    teams_teams: 'a Teams team and its General channel; the installer by id',
    job_claims: 'which replica ran which job',
    stamps: 'change tokens for the caches',
    dm_seen: 'ids of direct messages taken in, and when',
    export_files: 'files behind private links: unreadable after an hour, deleted by the next export',
    outbox_items: "the outbox's own: Outbox.forgetUser deletes a person's items",
    outbox_queue: "the outbox's own: entries of pending items, deleted with them",
    outbox_claims: "the outbox's own: send attempts, by item",
    outbox_payloads: "the outbox's own: messages addressed to several people",
  };

  it('every collection is either searched and erased by the personal-data repository, or holds none', () => {
    const all = Object.values(h.store.connection.models).map((m) => m.collection.collectionName);
    const covered = new Set(h.store.personalData.collections);
    expect(all.filter((c) => !covered.has(c) && !(c in holdingNone)).sort()).toEqual([]);
    expect(all.filter((c) => covered.has(c) && c in holdingNone)).toEqual([]);
  });
});

describe('retention and audit', () => {
  it('nightly, answers older than the retention period lose their text; numbers stay', async () => {
    expect(replyText(await command(h, admin, 'mission retention jobs months=1'))).toMatch(/older than 1 months/);
    h.clock.set(new Date('2027-01-05T02:00:00Z'));
    await h.runtime.scheduler.tick();
    const mission = await h.store.missions.findBySlug(admin, 'jobs');
    const chiMember = (await h.store.members.listByMission(mission!.id)).find((m) => m.userId === 'U_CHI')!;
    const kept = await h.store.checkins.get(checkinId(round, chiMember.id));
    expect(kept?.answers).toEqual({ confidence: '2' });
  });

  it('admins read the audit log; members may not', async () => {
    expect(replyText(await command(h, ben, 'mission audit jobs'))).toMatch(/No such mission|not on the mission/);
    expect(replyText(await command(h, chi, 'mission audit jobs'))).toMatch(/Only the admins/);
    const log = replyText(await command(h, admin, 'mission audit jobs limit=50'));
    expect(log).toMatch(/mission\.retention/);
    expect(log).toMatch(/member\.add/);
    expect(log).toMatch(/Amira/);
  });

  it('refuses a bad retention value and changes nothing', async () => {
    expect(replyText(await command(h, admin, 'mission retention jobs months=0'))).toMatch(/months must be a whole number from 1 to 120/);
    expect((await h.store.missions.findBySlug(admin, 'jobs'))?.retentionMonths).toBe(1);
  });
});
