import { channelOf, command, replyText, slackUser, startCore, teamsUser, type CoreHarness } from '../support/core-harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCore('missions');
});
afterAll(async () => {
  await h.close();
});

const amira = slackUser('U_AMIRA', 'T1', 'Amira');
const ben = slackUser('U_BEN', 'T1', 'Ben');
const outsider = slackUser('U_EVE', 'T2', 'Eve');
const tamsin = teamsUser('29:tamsin', 'tenant-1', 'Tamsin');

describe('missions on the real database', () => {
  it('creates a mission with the caller as admin and this channel as the digest channel', async () => {
    const r = await command(
      h,
      amira,
      'mission create "By 2030, eliminate long-term unemployment for under-25s in Ladywood" slug=ladywood-jobs target=2030-12-31 place="Ladywood, Birmingham"',
    );
    expect(replyText(r)).toMatch(/Mission created/);
    const mission = await h.store.missions.findBySlug(amira, 'ladywood-jobs');
    expect(mission?.digestChannel?.conversationId).toBe('C-general');
    expect(mission?.targetDate).toBe('2030-12-31');
    const me = await h.store.members.find(mission!.id, amira);
    expect(me?.role).toBe('admin');
  });

  it('refuses a second mission with the same slug in the same workspace, and changes nothing', async () => {
    const r = await command(h, ben, 'mission create "Another mission about jobs in Ladywood" slug=ladywood-jobs');
    expect(replyText(r)).toMatch(/already exists/);
    expect((await command(h, ben, 'mission list')).kind).toBe('private');
    expect(replyText(await command(h, ben, 'mission list'))).toMatch(/not on any mission/);
  });

  it('allows the same slug in another workspace, where it is a different mission', async () => {
    await command(h, outsider, 'mission create "Warm homes for every family in Ladywood" slug=ladywood-jobs');
    const theirs = await h.store.missions.findBySlug(outsider, 'ladywood-jobs');
    const ours = await h.store.missions.findBySlug(amira, 'ladywood-jobs');
    expect(theirs?.id).not.toBe(ours?.id);
    expect(theirs?.statement).toMatch(/Warm homes/);
  });

  it('numbers a derived slug that is already taken', async () => {
    await command(h, amira, 'mission create "Healthy homes in Ladywood ward"');
    await command(h, amira, 'mission create "Healthy homes in Ladywood ward"');
    const list = replyText(await command(h, amira, 'mission list'));
    expect(list).toMatch(/healthy-homes-ladywood-ward\b/);
    expect(list).toMatch(/healthy-homes-ladywood-ward-2/);
  });

  it('adds people with their organisation and shows them grouped by organisation', async () => {
    const r = await command(h, amira, 'mission add ladywood-jobs <@U_BEN> <@U_CHI> org="Birmingham City Council"', channelOf(amira), {
      U_BEN: 'Ben',
      U_CHI: 'Chi',
    });
    expect(replyText(r)).toMatch(/Added to ladywood-jobs: Ben, Chi/);
    const shown = replyText(await command(h, ben, 'mission show ladywood-jobs'));
    expect(shown).toMatch(/Birmingham City Council \(2\)/);
    expect(shown).toMatch(/Amira \(admin\)/);
  });

  it('lets only admins change a mission', async () => {
    const r = await command(h, ben, 'mission add ladywood-jobs <@U_DEV>');
    expect(replyText(r)).toMatch(/Only the admins of "ladywood-jobs" can change it/);
    const mission = await h.store.missions.findBySlug(amira, 'ladywood-jobs');
    expect(await h.store.members.find(mission!.id, slackUser('U_DEV'))).toBeUndefined();
  });

  it('keeps other workspaces out: they see "no such mission", never the data', async () => {
    const ourMission = await h.store.missions.findBySlug(amira, 'healthy-homes-ladywood-ward');
    expect(ourMission).toBeDefined();
    const r = await command(h, outsider, 'mission show healthy-homes-ladywood-ward');
    expect(replyText(r)).toMatch(/No such mission/);
    expect(replyText(r)).not.toMatch(/Healthy homes/);
    const t = await command(h, tamsin, 'mission add healthy-homes-ladywood-ward <@29:x>');
    expect(replyText(t)).toMatch(/No such mission/);
  });

  it('will not remove the only admin', async () => {
    const r = await command(h, amira, 'mission remove ladywood-jobs <@U_AMIRA>');
    expect(replyText(r)).toMatch(/only admin/);
  });

  it('removes a member and sets channels, refusing a direct message as a channel', async () => {
    expect(replyText(await command(h, amira, 'mission remove ladywood-jobs <@U_CHI>'))).toMatch(/Removed Chi/);
    const dm = { ...channelOf(amira, 'D1'), kind: 'dm' as const };
    expect(replyText(await command(h, amira, 'mission channel ladywood-jobs alerts', dm))).toMatch(/not in a direct message/);
    const r = await command(h, amira, 'mission channel ladywood-jobs alerts', channelOf(amira, 'C-alerts'));
    expect(r.kind).toBe('public');
    const mission = await h.store.missions.findBySlug(amira, 'ladywood-jobs');
    expect(mission?.alertChannel?.conversationId).toBe('C-alerts');
  });

  it('records every admin change in the audit log', async () => {
    const mission = await h.store.missions.findBySlug(amira, 'ladywood-jobs');
    const entries = await h.store.audit.list(mission!.id, 20);
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['mission.create', 'member.add', 'member.remove', 'mission.channel.alerts']),
    );
  });

  it('answers an unknown subcommand with the nearest command', async () => {
    const r = await command(h, amira, 'mission creat "x"');
    expect(replyText(r)).toMatch(/mission create/);
  });
});
