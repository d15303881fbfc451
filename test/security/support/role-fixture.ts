import { roundId } from '../../../src/domain/checkin';
import type { Mission } from '../../../src/domain/mission';
import type { Actor } from '../../../src/services/inbound-events';
import { channelOf, command, replyText, slackUser, type CoreHarness } from '../../support/core-harness';
import { dmOf } from './tenancy-world';

export const ROLES_TEAM = 'TROLES';
export const ROLE_NAMES = ['outsider', 'member', 'owner', 'lead', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** What a row needs in place before anyone tries it. */
export interface FixtureNeeds {
  /** An open round (default), or none (for `checkin-now`). */
  round?: 'open' | 'none';
  paused?: boolean;
  /** An API token, for `api-token revoke`. */
  token?: boolean;
  /** Linked to a partner workspace, for `unlink`. */
  linked?: boolean;
  /** An unused invite code, for `join`. */
  invite?: boolean;
}

/**
 * One mission in one Slack workspace with a person in each role: `outsider` (same workspace,
 * not on the mission), `member`, `owner` (a member who raised the open blocker), `lead`,
 * `admin`. Every fixture has its own people and slug: pending check-ins, throttles and
 * memberships of one never affect another.
 */
export interface RoleFixture {
  n: number;
  slug: string;
  mission: Mission;
  people: Record<RoleName, Actor>;
  roundId?: string;
  blockerId: string;
  indicator: string;
  tokenId?: string;
  inviteCode?: string;
}

let counter = 0;

async function must(
  h: CoreHarness,
  actor: Actor,
  text: string,
  where = channelOf(actor, 'C0ROLES'),
  names: Record<string, string> = {},
): Promise<string> {
  const out = replyText(await command(h, actor, text, where, names));
  if (/Sorry|not on the mission|Only the|No such|is required|must be|cannot|already/.test(out))
    throw new Error(`fixture "${text}" failed: ${out}`);
  return out;
}

export async function roleFixture(h: CoreHarness, needs: FixtureNeeds = {}): Promise<RoleFixture> {
  const n = ++counter;
  const id = (role: string) => `U${n}${role.toUpperCase()}`;
  const people = Object.fromEntries(ROLE_NAMES.map((r) => [r, slackUser(id(r), ROLES_TEAM, `${r} ${n}`)])) as Record<RoleName, Actor>;
  const names = Object.fromEntries(ROLE_NAMES.map((r) => [id(r), `${r} ${n}`]));
  const slug = `roles-${n}`;
  const { admin, owner } = people;
  await must(h, admin, `mission create "Roles fixture number ${n}" slug=${slug}`);
  await must(h, admin, `mission add ${slug} <@${id('lead')}> org="Lead Org" role=lead`, undefined, names);
  await must(h, admin, `mission add ${slug} <@${id('member')}> <@${id('owner')}> org="Member Org"`, undefined, names);
  await must(h, admin, `mission indicator ${slug} add key=ind name="Fixture indicator" baseline=100@2024-04 target=50@2030-03`);
  await must(h, owner, `blocker ${slug} "Fixture blocker ${n}" severity=medium`);
  if ((needs.round ?? 'open') === 'open') await must(h, admin, `mission checkin-now ${slug}`);
  if (needs.paused) await must(h, admin, `mission pause ${slug}`);
  const mission = (await h.store.missions.findBySlug(admin, slug))!;
  const blockerId = (await h.store.blockers.listOpen(mission.id))[0].id;
  const fixture: RoleFixture = { n, slug, mission, people, blockerId, indicator: 'ind' };
  if ((needs.round ?? 'open') === 'open') fixture.roundId = roundId(mission.id, (await h.store.rounds.findOpen(mission.id))!.weekKey);
  if (needs.token) fixture.tokenId = /mpt_([0-9a-f]{16})_/.exec(await must(h, admin, `mission api-token ${slug}`, dmOf(admin)))?.[1];
  if (needs.invite || needs.linked) {
    const code = /MP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await must(h, admin, `mission invite ${slug}`, dmOf(admin)))?.[0];
    if (!code) throw new Error('no invite code');
    fixture.inviteCode = code;
    if (needs.linked) {
      const partner = slackUser(`U${n}PARTNER`, `TPARTNER${n}`, `partner ${n}`);
      await must(h, partner, `mission join ${code} org="Partner Org"`);
    }
  }
  return fixture;
}
