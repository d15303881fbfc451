import { roundId } from '../../../src/domain/checkin';
import type { ConversationRef } from '../../../src/domain/identity';
import type { Mission } from '../../../src/domain/mission';
import { ACTION_BLOCKER_HELP, RESOLVE_FORM_ID } from '../../../src/messages/blocker-messages';
import { ACTION_SKIP, CHECKIN_FORM_ID } from '../../../src/messages/checkin-messages';
import type { Actor } from '../../../src/services/inbound-events';
import type { Reply } from '../../../src/services/replies';
import { channelOf, command, replyText, slackUser, startCore, teamsUser, type CoreHarness } from '../../support/core-harness';

/**
 * Three tenants on one database, at service level:
 * - Slack workspace A (TALPHA) with mission `ladywood-jobs` holding data in every collection: members
 *   with organisations, an indicator with readings, budget, a closed round with its digest, an
 *   open round with answers, a draft, blockers (open with a helper, and resolved), an API token,
 *   an export, audit entries.
 * - Slack workspace B (TBRAVO) and Teams tenant C (tenant-charlie), each with a mission of the
 *   SAME slug, whose admin has the SAME user id as A's admin, and a second person on no mission
 *   with the same user id as A's lead. Anything keyed by slug or user id alone would mix them up.
 */
export const SLUG = 'ladywood-jobs';
export const TEAM_A = 'TALPHA';
export const TEAM_B = 'TBRAVO';
export const TENANT_C = 'tenant-charlie';
export const INDICATOR = 'quill-claimants';

export const A = {
  ada: slackUser('U0ADA', TEAM_A, 'Adaeze Quillfeather'),
  lee: slackUser('U0LEE', TEAM_A, 'Leontyne Marchbanks'),
  mem: slackUser('U0MEM', TEAM_A, 'Mercutio Ashgrove'),
  zed: slackUser('U0ZED', TEAM_A, 'Zephaniah Brightwater'),
};

/** Words only A's data contains: none may reach B or C, in a reply or in a document they cause. */
export const A_SECRETS = [
  'Quillfeather',
  'Marchbanks',
  'Ashgrove',
  'Brightwater',
  'Obsidian',
  'Gorsefield',
  'Marzipan',
  'Tamarisk',
  'Vermilion',
  'Saffron ledger',
  'Periwinkle',
  'Halcyon',
];

export interface TenancyWorld {
  h: CoreHarness;
  mission: Mission;
  /** Round ids: W48 closed (with its digest), W49 open. */
  closedRound: string;
  openRound: string;
  /** Mercutio's high blocker (open, Leontyne offered help) and Zephaniah's (resolved). */
  openBlocker: string;
  resolvedBlocker: string;
  questionIds: string[];
  tokenA: string;
  tokenIdA: string;
  /** Strings that mark a document or reply as A's: its mission id and workspace, plus the secrets. */
  markers: string[];
  foreign: { bAdmin: Actor; bStranger: Actor; cAdmin: Actor; cStranger: Actor };
}

export const dmOf = (actor: Actor): ConversationRef => ({
  platform: actor.platform,
  workspaceId: actor.workspaceId,
  conversationId: `D-${actor.userId}`,
  kind: 'dm',
});

async function ok(h: CoreHarness, actor: Actor, text: string, where?: ConversationRef, names: Record<string, string> = {}): Promise<Reply> {
  const r = await command(h, actor, text, where, names);
  if (/Sorry|not on the mission|Only the|No such|must|required|cannot/.test(replyText(r)))
    throw new Error(`setup "${text}" failed: ${replyText(r)}`);
  return r;
}

function expectDone(r: Reply, what: string): void {
  if (r.kind === 'private' && /Sorry|not on|Only|no longer/.test(replyText(r))) throw new Error(`${what} failed: ${replyText(r)}`);
  if (r.kind === 'form-errors') throw new Error(`${what} failed: ${JSON.stringify(r.errors)}`);
}

const ANSWERS = {
  moved: 'Marzipan pledge signed by six Quillfeather employers',
  next: 'Tamarisk careers fair in the Vermilion library',
  blocker: '',
  blocker_severity: '',
  blocker_help: '',
  confidence: '4',
  story: 'Halcyon café hosted a Saffron ledger workshop',
};

export async function startTenancyWorld(label: string): Promise<TenancyWorld> {
  // Thursday 26 November 2026 (week 2026-W48), noon in London.
  const h = await startCore(label, new Date('2026-11-26T12:00:00Z'));
  h.runtime.services.dataOut.connect({ senders: new Map(), publicUrl: () => 'https://pulse.example' });
  const { ada, lee, mem, zed } = A;
  const names = { U0ADA: ada.displayName!, U0LEE: lee.displayName!, U0MEM: mem.displayName!, U0ZED: zed.displayName! };

  await ok(
    h,
    ada,
    `mission create "By 2030, nobody on the Quillfeather Estate is long-term unemployed" slug=${SLUG} place="Quillfeather Estate"`,
    channelOf(ada, 'C0A-DIGEST'),
  );
  await ok(h, ada, `mission add ${SLUG} <@U0LEE> org="Marchbanks Housing Co-operative" role=lead`, undefined, names);
  await ok(h, ada, `mission add ${SLUG} <@U0MEM> <@U0ZED> org="Quillfeather Youth Trust"`, undefined, names);
  await ok(h, ada, `mission channel ${SLUG} alerts`, channelOf(ada, 'C0A-ALERTS'));
  await ok(
    h,
    ada,
    `mission indicator ${SLUG} add key=${INDICATOR} name="Quillfeather claimants aged 16 to 24" baseline=420@2024-04 target=210@2030-03 unit=people owner=<@U0ZED>`,
    undefined,
    names,
  );
  await ok(h, lee, `mission indicator ${SLUG} record key=${INDICATOR} value=395 date=2026-09 note="Marchbanks quarterly count"`);
  await ok(h, ada, `mission budget ${SLUG} total=£5,000,000 aligned=£1,250,000 period=2026/27`);
  const mission = (await h.store.missions.findBySlug(ada, SLUG))!;

  // Week 48: answers, a high blocker in a check-in, a skip, a blocker by command, help offered; closed.
  await ok(h, ada, `mission checkin-now ${SLUG}`);
  const closedRound = roundId(mission.id, '2026-W48');
  const submit = (actor: Actor, round: string, values: Record<string, string>) =>
    h.core.onFormSubmit({ actor, where: dmOf(actor), formId: CHECKIN_FORM_ID, state: round, values });
  expectDone(
    await submit(mem, closedRound, {
      ...ANSWERS,
      blocker: 'Obsidian lease deadlock at the Quillfeather depot',
      blocker_severity: 'high',
      blocker_help: 'Periwinkle legal desk',
    }),
    'mem check-in',
  );
  expectDone(await submit(zed, closedRound, { ...ANSWERS, confidence: '2', [`ind_${INDICATOR}`]: '388' }), 'zed check-in');
  expectDone(await h.core.onAction({ actor: lee, where: dmOf(lee), actionId: ACTION_SKIP, value: closedRound }), 'lee skip');
  await ok(h, zed, `blocker ${SLUG} "Gorsefield bus pass scheme paused" severity=medium help="Brightwater transport desk"`);
  const blockers = await h.store.blockers.listOpen(mission.id);
  const openBlocker = blockers.find((b) => b.text.startsWith('Obsidian'))!.id;
  const resolvedBlocker = blockers.find((b) => b.text.startsWith('Gorsefield'))!.id;
  expectDone(
    await h.core.onAction({ actor: lee, where: channelOf(lee, 'C0A-ALERTS'), actionId: ACTION_BLOCKER_HELP, value: openBlocker }),
    'lee help',
  );
  expectDone(
    await h.core.onFormSubmit({
      actor: lee,
      where: channelOf(lee, 'C0A-ALERTS'),
      formId: RESOLVE_FORM_ID,
      state: resolvedBlocker,
      values: { note: 'Gorsefield transport desk restored the passes' },
    }),
    'lee resolve',
  );
  await ok(h, ada, `mission close-now ${SLUG}`);

  // Week 49: open, Mercutio has answered, Zephaniah has a draft from replying in the DM.
  h.clock.set(new Date('2026-12-03T12:00:00Z'));
  await ok(h, ada, `mission checkin-now ${SLUG}`);
  const openRound = roundId(mission.id, '2026-W49');
  expectDone(await submit(mem, openRound, { ...ANSWERS, confidence: '3' }), 'mem W49');
  await h.core.onDirectMessage({
    actor: zed,
    where: dmOf(zed),
    text: 'Marzipan pledge now has eight Quillfeather employers',
    messageId: 'zed-dm-1',
  });

  const issued = replyText(await ok(h, ada, `mission api-token ${SLUG} name="Quillfeather dashboard"`, dmOf(ada)));
  const tokenA = /mpt_[0-9a-f]{16}_[0-9a-f]{64}/.exec(issued)?.[0];
  if (!tokenA) throw new Error(`no token issued: ${issued}`);
  await ok(h, ada, `mission export ${SLUG}`, dmOf(ada));
  await h.runtime.services.dataOut.exports.idle();

  // B and C: the same slug, the same user ids, their own data.
  const bAdmin = slackUser('U0ADA', TEAM_B, 'Bea Admin');
  const bStranger = slackUser('U0LEE', TEAM_B, 'Bo Stranger');
  const cAdmin = teamsUser('U0ADA', TENANT_C, 'Cal Admin');
  const cStranger = teamsUser('U0LEE', TENANT_C, 'Cy Stranger');
  for (const [admin, team] of [
    [bAdmin, 'B'],
    [cAdmin, 'C'],
  ] as const) {
    await ok(h, admin, `mission create "Tenant ${team} mission, nothing to see" slug=${SLUG}`, channelOf(admin, `C0${team}-DIGEST`));
    await ok(h, admin, `mission add ${SLUG} <@U0MEM> org="${team} Org"`, undefined, { U0MEM: `${team} Member` });
    await ok(
      h,
      admin,
      `mission indicator ${SLUG} add key=${team.toLowerCase()}-only name="${team} indicator" baseline=1@2024-04 target=2@2030-03`,
    );
    await ok(h, admin, `mission checkin-now ${SLUG}`);
  }

  return {
    h,
    mission,
    closedRound,
    openRound,
    openBlocker,
    resolvedBlocker,
    questionIds: mission.questions.map((q) => q.id),
    tokenA,
    tokenIdA: tokenA.slice(4, 20),
    markers: [mission.id, TEAM_A, ...A_SECRETS],
    foreign: { bAdmin, bStranger, cAdmin, cStranger },
  };
}
