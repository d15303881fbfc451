import { createHash } from 'node:crypto';
import { createMissionPulseClient } from '../../src/cli/client';
import { TeamsPerson } from '../support/teams-person';
import { SLUG, startReportingWorld, TOKEN_PATTERN, tokenIn, type ReportingWorld } from './support/reporting-world';

/**
 * `mission api-token <slug>`: admins make read-only tokens in a direct message; each is shown
 * once, kept only as a hash, listed without its secret, and can be revoked at once.
 */
let w: ReportingWorld;

beforeAll(async () => {
  w = await startReportingWorld('api_tokens');
}, 120_000);
afterAll(async () => {
  await w?.t.stop();
});

const text = (body: string): string => {
  const reply = JSON.parse(body) as { text?: string; blocks?: unknown[] };
  return `${reply.text ?? ''}\n${JSON.stringify(reply.blocks ?? [])}`;
};
const status = async (token: string) => (await createMissionPulseClient({ url: w.t.app.url, token }).GET('/missions')).response.status;

describe('issuing', () => {
  let token: string;
  let reply: string;

  it("in the admin's DM: the token, its id and name, and how to use and revoke it", async () => {
    const res = await w.ada.command('/mission', `api-token ${SLUG} name="Power BI"`, w.ada.dm);
    reply = text(res.body);
    token = tokenIn(reply);
    const id = token.slice(4, 20);
    expect(reply).toMatch(/Copy it now: it is shown only once/);
    expect(reply).toMatch(/Power BI/);
    expect(reply).toContain(`revoke ${id}`);
    expect(reply).toContain(`${w.t.app.url}/api/v1`);
    expect(await status(token)).toBe(200);
  });

  it('keeps only a hash of the secret', async () => {
    const docs = await w.t.app.store.connection.collection('api_tokens').find({}).toArray();
    expect(docs).toHaveLength(1);
    const secret = token.split('_')[2];
    expect(JSON.stringify(docs)).not.toContain(secret);
    expect(docs[0]).toMatchObject({
      _id: token.slice(4, 20),
      secretHash: createHash('sha256').update(secret).digest('hex'),
      label: 'Power BI',
    });
  });

  it('refuses in a channel, where others might see it, and makes no token', async () => {
    const res = await w.ada.command('/mission', `api-token ${SLUG}`, 'C0MISSION');
    expect(text(res.body)).toMatch(/only shown in a direct message/);
    expect(text(res.body)).not.toMatch(TOKEN_PATTERN);
    expect(await w.t.app.store.connection.collection('api_tokens').countDocuments()).toBe(1);
  });

  it('is for admins only', async () => {
    const res = await w.ben.command('/mission', `api-token ${SLUG}`, w.ben.dm);
    expect(text(res.body)).toMatch(/Only the admins of "ladywood-jobs" can change it/);
    expect(text(res.body)).not.toMatch(TOKEN_PATTERN);
  });

  it('works on Teams in the personal chat', async () => {
    const tamsin = new TeamsPerson(w.t, '29:tamsin', 'Tamsin Okafor');
    await tamsin.say('hi');
    await tamsin.say('mission create "By 2030, halve the families in temporary accommodation" slug=homes');
    await tamsin.say('mission api-token homes');
    const teamsToken = tokenIn(tamsin.inboxText());
    const page = await createMissionPulseClient({ url: w.t.app.url, token: teamsToken }).GET('/missions');
    expect(page.data?.data.map((m) => m.slug)).toEqual(['homes']);
  });

  describe('listing and revoking', () => {
    it('lists tokens by id and name, never the secret', async () => {
      const res = await w.ada.command('/mission', `api-token ${SLUG} list`, 'C0MISSION');
      const listed = text(res.body);
      expect(listed).toContain(token.slice(4, 20));
      expect(listed).toMatch(/Power BI.*made by ada on 2026-12-03, last used 2026-12-03/);
      expect(listed).not.toMatch(TOKEN_PATTERN);
    });

    it('revoking stops the token at once; the list says so; revoking again is harmless', async () => {
      const id = token.slice(4, 20);
      const res = await w.ada.command('/mission', `api-token ${SLUG} revoke ${id}`, 'C0MISSION');
      expect(text(res.body)).toMatch(new RegExp(`Revoked token ${id} \\("Power BI"\\) of ladywood-jobs`));
      expect(await status(token)).toBe(401);
      expect(text((await w.ada.command('/mission', `api-token ${SLUG} list`)).body)).toMatch(/revoked 2026-12-03 by ada/);
      expect(text((await w.ada.command('/mission', `api-token ${SLUG} revoke mpt_${id}`)).body)).toMatch(/was already revoked/);
    });

    it('a token of another mission cannot be revoked through this one', async () => {
      const other = await w.issueToken('other-mission');
      const res = await w.ada.command('/mission', `api-token ${SLUG} revoke ${other.slice(4, 20)}`);
      expect(text(res.body)).toMatch(/ladywood-jobs has no API token/);
      expect(await status(other)).toBe(200);
    });

    it('says what it expected when the words are wrong', async () => {
      expect(text((await w.ada.command('/mission', `api-token ${SLUG} revok 0123456789abcdef`)).body)).toMatch(/Did you mean revoke\?/);
      expect(text((await w.ada.command('/mission', `api-token ${SLUG} revoke`)).body)).toMatch(/say which token to revoke/);
      expect(text((await w.ada.command('/mission', `api-token ${SLUG} revoke 12345`)).body)).toMatch(/is not a token id/);
    });
  });
});
