import { z } from 'zod';
import { boundedText, futureDateArg, oneOfArg, slugArg, timeZoneArg } from './argument-schemas';
import { CommandArgumentError } from './command-argument-error';
import { defineCommand } from './define-command';
import { collapseSpaces, isFiller } from './text';
import type { CommandArgs, Token } from './types';
import { validate } from './validate';

/** The foundation's `mission` subcommands: create a mission, see it, manage its people and channels. */

export const MEMBER_ROLES = ['member', 'lead', 'admin'] as const;
export const CHANNEL_PURPOSES = ['digest', 'alerts'] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

export const MAX_PEOPLE_PER_ADD = 25;
const STATEMENT_LIKE = '"By 2030, eliminate long-term unemployment for under-25s in Ladywood ward"';
const MENTION_PEOPLE = 'mention people with @, like @amira';

const createSchema = (today: string) =>
  z.object({
    statement: boundedText('statement', 10, 280, STATEMENT_LIKE),
    slug: slugArg().optional(),
    target: futureDateArg('target', today).optional(),
    place: boundedText('place', 1, 120, 'place="Ladywood, Birmingham"').optional(),
    tz: timeZoneArg().optional(),
  });

export const missionCreate = defineCommand({
  word: 'mission',
  name: 'create',
  usage: 'mission create "<statement>" [slug=<slug>] [target=YYYY-MM-DD] [place="<text>"] [tz=<IANA zone>]',
  summary: 'Create a mission',
  example: `mission create ${STATEMENT_LIKE} target=2030-12-31 place="Ladywood, Birmingham" tz=Europe/London`,
  options: ['slug', 'target', 'place', 'tz'],
  mentions: true,
  positionals: Infinity,
  parse: (args, ctx) => validate(createSchema(ctx.today), { ...args.options, statement: statementFrom(args.raw) }),
});

/**
 * The statement is the quoted text before the options, or, unquoted, every word before the
 * first option (so `mission create By 2030, ... target=2030-12-31` works too).
 */
function statementFrom(raw: Token[]): string | undefined {
  const firstOption = raw.findIndex((t) => t.kind === 'option');
  const lead = firstOption < 0 ? raw : raw.slice(0, firstOption);
  const after = firstOption < 0 ? [] : raw.slice(firstOption);
  const stray = after.find((t) => t.kind !== 'option' && !isFillerToken(t));
  if (stray) throw new CommandArgumentError(`unexpected ${shown(stray)} after the options: put the statement first, in quotes`);

  const meaningful = lead.filter((t) => !isFillerToken(t));
  if (meaningful.length === 0) return undefined;
  if (meaningful[0].kind === 'quoted') {
    if (meaningful.length > 1) {
      throw new CommandArgumentError(
        `unexpected ${shown(meaningful[1])} after the statement: options look like key=value, like slug=ladywood-jobs`,
      );
    }
    return meaningful[0].text;
  }
  const first = lead.indexOf(meaningful[0]);
  const last = lead.indexOf(meaningful[meaningful.length - 1]);
  return collapseSpaces(
    lead
      .slice(first, last + 1)
      .map((t) => t.source)
      .join(' '),
  );
}

function isFillerToken(t: Token): boolean {
  return t.kind === 'word' && isFiller(t.text);
}

function shown(t: Token): string {
  return t.kind === 'mention' ? 'a mention' : `"${t.source}"`;
}

export const missionList = defineCommand({
  word: 'mission',
  name: 'list',
  usage: 'mission list',
  summary: 'List the missions in this workspace',
  example: 'mission list',
  parse: () => ({}),
});

const slugOnly = z.object({ slug: slugArg() });

export const missionShow = defineCommand({
  word: 'mission',
  name: 'show',
  usage: 'mission show <slug>',
  summary: "Show a mission's statement, target, people and channels",
  example: 'mission show ladywood-jobs',
  positionals: 1,
  parse: (args) => validate(slugOnly, { slug: args.positionals[0] }),
});

/** Words where people were expected: "@amira" typed without picking the person, or a plain name. */
function rejectPlainNames(args: CommandArgs): void {
  const plain = args.positionals[1];
  if (plain === undefined) return;
  if (plain.startsWith('@')) {
    throw new CommandArgumentError(`${plain} is not a mention: pick the person from the list that appears as you type @`);
  }
  throw new CommandArgumentError(MENTION_PEOPLE);
}

const addSchema = z.object({
  slug: slugArg(),
  userIds: z
    .array(z.string())
    .min(1, { error: MENTION_PEOPLE })
    .max(MAX_PEOPLE_PER_ADD, { error: `add at most ${MAX_PEOPLE_PER_ADD} people at a time` }),
  org: boundedText('org', 1, 80, 'org="Birmingham City Council"').optional(),
  role: oneOfArg('role', MEMBER_ROLES).default('member'),
});

export const missionAdd = defineCommand({
  word: 'mission',
  name: 'add',
  usage: 'mission add <slug> @user [@user ...] [org="<organisation>"] [role=member|lead|admin]',
  summary: 'Add people to a mission',
  example: 'mission add ladywood-jobs @amira org="Birmingham City Council"',
  options: ['org', 'role'],
  mentions: true,
  positionals: Infinity,
  parse: (args) => {
    rejectPlainNames(args);
    return validate(addSchema, { ...args.options, slug: args.positionals[0], userIds: [...new Set(args.mentions)] });
  },
});

const removeSchema = z.object({
  slug: slugArg(),
  userIds: z
    .array(z.string())
    .min(1, { error: 'mention the person to remove with @, like @amira' })
    .max(1, { error: 'remove one person at a time' }),
});

export const missionRemove = defineCommand({
  word: 'mission',
  name: 'remove',
  usage: 'mission remove <slug> @user',
  summary: 'Remove a person from a mission',
  example: 'mission remove ladywood-jobs @amira',
  mentions: true,
  positionals: Infinity,
  parse: (args) => {
    rejectPlainNames(args);
    const { slug, userIds } = validate(removeSchema, { slug: args.positionals[0], userIds: [...new Set(args.mentions)] });
    return { slug, userId: userIds[0] };
  },
});

// "alert" and "digests" are near enough to mean the obvious thing.
const PURPOSE_ALIASES: Record<string, ChannelPurpose> = { alert: 'alerts', digests: 'digest' };

const purposeSchema = z.object({
  slug: slugArg(),
  purpose: z
    .string({ error: 'say digest or alerts after the slug, like mission channel ladywood-jobs digest' })
    .transform((v) => PURPOSE_ALIASES[v.toLowerCase()] ?? v.toLowerCase())
    .pipe(z.enum(CHANNEL_PURPOSES, { error: 'the channel must be one of digest, alerts' })),
});

export const missionChannel = defineCommand({
  word: 'mission',
  name: 'channel',
  usage: 'mission channel <slug> digest|alerts',
  summary: "Use this channel for a mission's weekly digest or its blocker alerts",
  example: 'mission channel ladywood-jobs digest',
  positionals: 2,
  parse: (args) => validate(purposeSchema, { slug: args.positionals[0], purpose: args.positionals[1] }),
});

/** Registered in registry.ts, in the order help lists them. */
export const missionSetupCommands = [missionCreate, missionList, missionShow, missionAdd, missionRemove, missionChannel] as const;
