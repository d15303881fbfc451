import { z } from 'zod';
import { boundedText, oneOfArg, slugArg } from './argument-schemas';
import { CommandArgumentError } from './command-argument-error';
import { defineCommand } from './define-command';
import type { Token } from './types';
import { isFiller } from './text';
import { validate } from './validate';

/** Blockers: `blocker <slug> "<text>"` raises one; `mission blockers <slug>` lists the open ones. */

export const BLOCKER_SEVERITY_WORDS = ['low', 'medium', 'high'] as const;
export const MAX_BLOCKER_COMMAND_TEXT = 2000;
export const MAX_ESCALATE_WEEKS = 26;
const TEXT_LIKE = '"Waiting for the data-sharing agreement with the DWP"';

const raiseSchema = z.object({
  slug: slugArg(),
  text: boundedText('the blocker', 3, MAX_BLOCKER_COMMAND_TEXT, TEXT_LIKE),
  severity: oneOfArg('severity', BLOCKER_SEVERITY_WORDS, 'high').default('medium'),
  help: boundedText('help', 1, 300, 'help="Jobcentre Plus partnership manager"').optional(),
});

/**
 * The text is the quoted string after the slug or, unquoted, every word after the slug before
 * the first option (`blocker ladywood-jobs no venue for the fair severity=high`).
 */
function blockerText(raw: Token[]): string | undefined {
  const words = raw.filter((t) => t.kind === 'word' || t.kind === 'quoted').filter((t) => !(t.kind === 'word' && isFiller(t.text)));
  const rest = words.slice(1);
  if (rest.length === 0) return undefined;
  if (rest[0].kind === 'quoted') {
    if (rest.length > 1)
      throw new CommandArgumentError(`unexpected "${rest[1].source}" after the blocker: options look like key=value, like severity=high`);
    return rest[0].text;
  }
  const firstOption = raw.findIndex((t) => t.kind === 'option');
  const stray = firstOption < 0 ? undefined : raw.slice(firstOption).find((t) => t.kind === 'word' || t.kind === 'quoted');
  if (stray && !(stray.kind === 'word' && isFiller(stray.text))) {
    throw new CommandArgumentError(`unexpected "${stray.source}" after the options: put the blocker first, in quotes`);
  }
  return rest.map((t) => t.text).join(' ');
}

export const blockerRaise = defineCommand({
  word: 'blocker',
  name: 'raise',
  usage: 'blocker <slug> "<what blocks you>" [severity=low|medium|high] [help="<who could help>"]',
  summary: 'Raise a blocker outside the check-in (high severity alerts the leads at once)',
  example: 'blocker ladywood-jobs "Waiting for the data-sharing agreement with the DWP" severity=high help="DWP partnership manager"',
  options: ['severity', 'help'],
  positionals: Infinity,
  parse: (args) => validate(raiseSchema, { slug: args.positionals[0], text: blockerText(args.raw), ...args.options }),
});

const weeksArg = z
  .string()
  .regex(/^\d{1,3}$/, { error: `escalate must be a whole number of weeks, like escalate=3` })
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_ESCALATE_WEEKS, { error: `escalate must be between 1 and ${MAX_ESCALATE_WEEKS} weeks` });

const listSchema = z.object({ slug: slugArg(), escalate: weeksArg.optional() });

export const missionBlockers = defineCommand({
  word: 'mission',
  name: 'blockers',
  usage: 'mission blockers <slug> [escalate=<weeks>]',
  summary: 'List the open blockers; admins set after how many weeks open ones go to the leads',
  example: 'mission blockers ladywood-jobs',
  options: ['escalate'],
  positionals: 1,
  parse: (args) => validate(listSchema, { slug: args.positionals[0], escalate: args.options.escalate }),
});

/** Registered in registry.ts. */
export const blockerCommands = [missionBlockers, blockerRaise] as const;
