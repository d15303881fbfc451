import { z } from 'zod';
import { normaliseInviteCode } from '../domain/invite-code';
import { argText, boundedText, slugArg } from './argument-schemas';
import { defineCommand } from './define-command';
import { validate } from './validate';

/** One mission across workspaces: invite a Slack workspace or Teams tenant, join, unlink. */

const slugOnly = z.object({ slug: slugArg() });

export const missionInvite = defineCommand({
  word: 'mission',
  name: 'invite',
  usage: 'mission invite <slug>',
  summary: 'Get a one-time code that links another Slack workspace or Teams tenant to the mission (48 hours)',
  example: 'mission invite ladywood-jobs',
  positionals: 1,
  parse: (args) => validate(slugOnly, { slug: args.positionals[0] }),
});

const joinSchema = z.object({
  code: argText('code', 'MP-7K3Q-9XWD-M2HT').refine((v) => v === '' || normaliseInviteCode(v) !== undefined, {
    error: 'code must be an invite code like MP-7K3Q-9XWD-M2HT',
  }),
  org: boundedText('org', 1, 80, 'org="Midlands Civic University"').optional(),
});

export const missionJoin = defineCommand({
  word: 'mission',
  name: 'join',
  usage: 'mission join <code> [org="<your organisation>"]',
  summary: 'Link this workspace to a mission with the code its admin gave you',
  example: 'mission join MP-7K3Q-9XWD-M2HT org="Midlands Civic University"',
  options: ['org'],
  positionals: 1,
  parse: (args) => validate(joinSchema, { code: args.positionals[0], org: args.options.org }),
});

const unlinkSchema = z.object({
  slug: slugArg(),
  workspace: argText('workspace', 'slack:T0123ABCD').optional(),
});

export const missionUnlink = defineCommand({
  word: 'mission',
  name: 'unlink',
  usage: 'mission unlink <slug> [<workspace>]',
  summary: 'Unlink a workspace from the mission (its members leave it), or leave from a linked workspace',
  example: 'mission unlink ladywood-jobs slack:T0123ABCD',
  positionals: 2,
  parse: (args) => validate(unlinkSchema, { slug: args.positionals[0], workspace: args.positionals[1] }),
});

export const missionLinks = defineCommand({
  word: 'mission',
  name: 'links',
  usage: 'mission links <slug>',
  summary: 'The workspaces taking part in the mission, and their channels',
  example: 'mission links ladywood-jobs',
  positionals: 1,
  parse: (args) => validate(slugOnly, { slug: args.positionals[0] }),
});

export const missionLinkCommands = [missionInvite, missionJoin, missionUnlink, missionLinks] as const;
