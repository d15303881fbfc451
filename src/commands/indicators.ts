import { z } from 'zod';
import { parseAmount, PERIOD_PATTERN } from '../domain/budget-rules';
import type { Indicator } from '../domain/indicator';
import { definitionProblem, inferDirection, INDICATOR_KEY_PATTERN, parseIndicatorDate, parseNumber } from '../domain/indicator-rules';
import { argText, boundedText, oneOfArg, slugArg } from './argument-schemas';
import { CommandArgumentError } from './command-argument-error';
import { defineCommand } from './define-command';
import { nearest } from './suggest';
import { normaliseDashes } from './text';
import type { CommandArgs } from './types';
import { validate } from './validate';

/**
 * Mission indicators and budget alignment. The registry keys commands by (word, name), so
 * `mission indicator <slug> <action> ...` is one subcommand whose second positional picks the
 * action; each action has its own options and zod schema, and parses to its own variant.
 */

export const INDICATOR_ACTIONS = ['add', 'edit', 'remove', 'record'] as const;
export type IndicatorAction = (typeof INDICATOR_ACTIONS)[number];
export type Direction = Indicator['direction'];
export interface Point {
  value: number;
  /** YYYY-MM-DD */
  date: string;
}

export type IndicatorCommand =
  | {
      action: 'add';
      slug: string;
      key: string;
      indicatorName: string;
      baseline: Point;
      target: Point;
      unit?: string;
      direction?: Direction;
      owner?: string;
    }
  | {
      action: 'edit';
      slug: string;
      key: string;
      indicatorName?: string;
      baseline?: Point;
      target?: Point;
      /** null clears it (`unit=none`). */
      unit?: string | null;
      direction?: Direction;
      /** A user id, or null to clear it (`owner=none`). */
      owner?: string | null;
    }
  | { action: 'remove'; slug: string; key: string }
  | { action: 'record'; slug: string; key: string; value: number; date?: string; note?: string };

export type BudgetCommand =
  { action: 'show'; slug: string } | { action: 'record'; slug: string; total: number; aligned: number; period?: string };

const SLUG = 'ladywood-jobs';
const KEY_LIKE = 'youth-claimants';
const DEFINE_OPTIONS = ['key', 'name', 'baseline', 'target', 'unit', 'direction', 'owner'] as const;
const ACTION_OPTIONS: Record<IndicatorAction, readonly string[]> = {
  add: DEFINE_OPTIONS,
  edit: DEFINE_OPTIONS,
  remove: ['key'],
  record: ['key', 'value', 'date', 'note'],
};
/** Each action's full form, offered when that action's arguments are wrong. */
export const INDICATOR_USAGE: Record<IndicatorAction, string> = {
  add: 'mission indicator <slug> add key=<key> name="<name>" baseline=<value>@<YYYY-MM[-DD]> target=<value>@<YYYY-MM[-DD]> [unit=<unit>] [direction=down|up] [owner=@user]',
  edit: 'mission indicator <slug> edit key=<key> [name="<name>"] [baseline=<value>@<date>] [target=<value>@<date>] [unit=<unit>|none] [direction=down|up] [owner=@user|none]',
  remove: 'mission indicator <slug> remove key=<key>',
  record: 'mission indicator <slug> record key=<key> value=<number> [date=YYYY-MM[-DD]] [note="<text>"]',
};

// ---- argument schemas -------------------------------------------------------------------

function keyArg() {
  return argText('key', `key=${KEY_LIKE}`)
    .transform((v) => normaliseDashes(v).toLowerCase())
    .refine((v) => v === '' || INDICATOR_KEY_PATTERN.test(v), {
      error: `key must be 2–30 lowercase letters, digits or dashes, like ${KEY_LIKE}`,
    });
}

/** `420@2024-04`: a number and a YYYY-MM[-DD] date. */
function pointArg(name: string, like: string) {
  return argText(name, `${name}=${like}`).transform((v, ctx): Point => {
    if (v === '') return z.NEVER;
    const at = v.lastIndexOf('@');
    if (at < 0) {
      ctx.addIssue(`${name} must be value@date, like ${like}`);
      return z.NEVER;
    }
    const value = parseNumber(v.slice(0, at));
    const date = parseIndicatorDate(normaliseDashes(v.slice(at + 1)));
    if (value === undefined) ctx.addIssue(`${name} must start with a number before the @, like ${like}`);
    if (date === undefined) ctx.addIssue(`${name} must end with a date YYYY-MM or YYYY-MM-DD after the @, like ${like}`);
    return value === undefined || date === undefined ? z.NEVER : { value, date };
  });
}

function numberArg(name: string, like: string) {
  return argText(name, `${name}=${like}`).transform((v, ctx) => {
    if (v === '') return z.NEVER;
    const value = parseNumber(v);
    if (value === undefined) {
      ctx.addIssue(`${name} must be a number, like ${like}`);
      return z.NEVER;
    }
    return value;
  });
}

/**
 * A reading's date: YYYY-MM or YYYY-MM-DD. Whether it is after today depends on the mission's
 * time zone, so the indicator service checks that once it knows the mission.
 */
function readingDateArg(today: string) {
  const like = today.slice(0, 7);
  return argText('date', `date=${like}`).transform((v, ctx) => {
    if (v === '') return z.NEVER;
    const date = parseIndicatorDate(normaliseDashes(v));
    if (date === undefined) {
      ctx.addIssue(`date must be YYYY-MM or YYYY-MM-DD, like ${like}`);
      return z.NEVER;
    }
    return date;
  });
}

function amountArg(name: string, like: string) {
  return argText(name, `${name}=${like}`).transform((v, ctx) => {
    if (v === '') return z.NEVER;
    const value = parseAmount(v);
    if (value === undefined) {
      ctx.addIssue(`${name} must be an amount of money, like ${like}, 1.25m or 250k`);
      return z.NEVER;
    }
    return value;
  });
}

/** `unit=none` and `owner=none` clear the field on edit. */
const NONE = 'none';
const nameArg = () => boundedText('name', 2, 80, 'name="Young people claiming out-of-work benefits"');
const unitArg = () => boundedText('unit', 1, 20, 'unit=people');
const directionArg = () => oneOfArg('direction', ['down', 'up'] as const);
const BASELINE_LIKE = '420@2024-04';
const TARGET_LIKE = '210@2030-03';

const addSchema = z.object({
  slug: slugArg(),
  key: keyArg(),
  name: nameArg(),
  baseline: pointArg('baseline', BASELINE_LIKE),
  target: pointArg('target', TARGET_LIKE),
  unit: unitArg().optional(),
  direction: directionArg().optional(),
});

const editSchema = z.object({
  slug: slugArg(),
  key: keyArg(),
  name: nameArg().optional(),
  baseline: pointArg('baseline', BASELINE_LIKE).optional(),
  target: pointArg('target', TARGET_LIKE).optional(),
  unit: unitArg().optional(),
  direction: directionArg().optional(),
});

const removeSchema = z.object({ slug: slugArg(), key: keyArg() });

const recordSchema = (today: string) =>
  z.object({
    slug: slugArg(),
    key: keyArg(),
    value: numberArg('value', '395'),
    date: readingDateArg(today).optional(),
    note: boundedText('note', 1, 280, 'note="ONS quarterly release"').optional(),
  });

// ---- `mission indicator` ----------------------------------------------------------------

function actionOf(args: CommandArgs): IndicatorAction {
  const [first, second, third] = args.positionals;
  const actions: readonly string[] = INDICATOR_ACTIONS;
  if (first !== undefined && actions.includes(first.toLowerCase()) && (second === undefined || !actions.includes(second.toLowerCase()))) {
    throw new CommandArgumentError(
      `put the mission's slug before ${first.toLowerCase()}, like mission indicator ${SLUG} ${first.toLowerCase()} key=${KEY_LIKE}`,
    );
  }
  if (second === undefined) {
    throw new CommandArgumentError(
      `say what to do after the slug: add, edit, remove or record, like mission indicator ${first ?? SLUG} record key=${KEY_LIKE} value=395`,
    );
  }
  const action = second.toLowerCase();
  if (action === 'list' || action === 'show') {
    throw new CommandArgumentError(`to see the indicators, type mission indicators ${first}`);
  }
  if (!actions.includes(action)) {
    const close = nearest(action, INDICATOR_ACTIONS);
    throw new CommandArgumentError(
      `"${second}" is not something to do with an indicator: say add, edit, remove or record`,
      close ? `Did you mean ${close}?` : undefined,
    );
  }
  if (third !== undefined) {
    throw new CommandArgumentError(`unexpected "${third}": name the indicator with key=, like key=${KEY_LIKE}`);
  }
  return action as IndicatorAction;
}

function checkActionOptions(action: IndicatorAction, args: CommandArgs): void {
  const allowed = ACTION_OPTIONS[action];
  for (const key of Object.keys(args.options)) {
    if (allowed.includes(key)) continue;
    const close = nearest(key, allowed);
    throw new CommandArgumentError(
      `mission indicator ${action} has no option ${key}; it accepts ${allowed.join(', ')}`,
      close ? `Did you mean ${close}=?` : `Usage: ${INDICATOR_USAGE[action]}`,
    );
  }
}

const MENTION_VALUE = /^<@([^>|]+)(?:\|[^>]*)?>$/;

/**
 * The owner's user id, null for `owner=none`, undefined when not given. `owner= @amira` (with a
 * space) reaches here as an empty option followed by a mention, so that is accepted too.
 */
function ownerOf(args: CommandArgs): string | null | undefined {
  const raw = args.options.owner;
  const mentions = args.mentions;
  if (raw === undefined) {
    if (mentions.length > 0) throw new CommandArgumentError('to give the indicator an owner, write owner=@person');
    return undefined;
  }
  if (raw === '') {
    if (mentions.length === 1) return mentions[0];
    throw new CommandArgumentError(
      mentions.length > 1
        ? 'an indicator has one owner: mention one person after owner='
        : 'owner needs a person, like owner=@amira, or owner=none',
    );
  }
  if (mentions.length > 0) throw new CommandArgumentError('an indicator has one owner: mention one person after owner=');
  const mention = MENTION_VALUE.exec(raw);
  if (mention) return mention[1];
  if (raw.toLowerCase() === NONE) return null;
  if (raw.startsWith('@')) {
    // Some clients only offer the list of people after a space: `owner= @amira` works too.
    throw new CommandArgumentError(
      `${raw} is not a mention: pick the person from the list that appears as you type @ (after a space if it does not appear: owner= ${raw})`,
    );
  }
  throw new CommandArgumentError('owner must be a person, like owner=@amira, or owner=none');
}

/** Runs `fn`, pointing at the action's full form when its arguments are wrong. */
function withUsage<T>(action: IndicatorAction, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CommandArgumentError && e.suggestion === undefined)
      throw new CommandArgumentError(e.message, `Usage: ${INDICATOR_USAGE[action]}`);
    throw e;
  }
}

function parseIndicator(args: CommandArgs, today: string): IndicatorCommand {
  const slug = validate(z.object({ slug: slugArg() }), { slug: args.positionals[0] }).slug;
  const action = actionOf(args);
  checkActionOptions(action, args);
  return withUsage(action, (): IndicatorCommand => {
    const o = args.options;
    const owner = action === 'add' || action === 'edit' ? ownerOf(args) : undefined;
    if ((action === 'remove' || action === 'record') && args.mentions.length > 0) {
      throw new CommandArgumentError(`mission indicator ${action} does not take @mentions`);
    }
    switch (action) {
      case 'add': {
        const v = validate(addSchema, { ...o, slug });
        const problem = definitionProblem(v);
        if (problem) throw new CommandArgumentError(problem);
        if (!v.direction && !inferDirection(v.baseline.value, v.target.value)) {
          throw new CommandArgumentError('the target equals the baseline, so say which way is better: direction=down or direction=up');
        }
        return {
          action,
          slug,
          key: v.key,
          indicatorName: v.name,
          baseline: v.baseline,
          target: v.target,
          unit: v.unit,
          direction: v.direction,
          owner: owner ?? undefined,
        };
      }
      case 'edit': {
        const clearsUnit = o.unit?.toLowerCase() === NONE;
        const v = validate(editSchema, { ...o, unit: clearsUnit ? undefined : o.unit, slug });
        const change = {
          name: v.name,
          baseline: v.baseline,
          target: v.target,
          unit: clearsUnit ? null : v.unit,
          direction: v.direction,
          owner,
        };
        if (Object.values(change).every((x) => x === undefined)) {
          throw new CommandArgumentError('say what to change, like target=200@2030-03 (also name=, baseline=, unit=, direction=, owner=)');
        }
        return {
          action,
          slug,
          key: v.key,
          indicatorName: v.name,
          baseline: v.baseline,
          target: v.target,
          unit: change.unit,
          direction: v.direction,
          owner,
        };
      }
      case 'remove':
        return { action, ...validate(removeSchema, { ...o, slug }) };
      case 'record':
        return { action, ...validate(recordSchema(today), { ...o, slug }) };
    }
  });
}

export const missionIndicator = defineCommand({
  word: 'mission',
  name: 'indicator',
  usage: 'mission indicator <slug> add|edit|remove|record key=<key> [...]',
  summary: "Add, edit or remove one of the mission's indicators (admins), or record a reading (admins and leads)",
  // A reading, not an add: help examples must not contain "@" other than before a person.
  example: `mission indicator ${SLUG} record key=${KEY_LIKE} value=395 date=2025-05 note="DWP quarterly release"`,
  options: ['key', 'name', 'baseline', 'target', 'unit', 'direction', 'owner', 'value', 'date', 'note'],
  mentions: true,
  positionals: 3,
  parse: (args, ctx) => parseIndicator(args, ctx.today),
});

export const missionIndicators = defineCommand({
  word: 'mission',
  name: 'indicators',
  usage: 'mission indicators <slug>',
  summary: "Show the mission's indicators: latest values, and whether each is on track",
  example: `mission indicators ${SLUG}`,
  positionals: 1,
  parse: (args) => validate(z.object({ slug: slugArg() }), { slug: args.positionals[0] }),
});

// ---- `mission budget` -------------------------------------------------------------------

const TOTAL_LIKE = '£5,000,000';
const ALIGNED_LIKE = '£1,250,000';

const budgetSchema = z
  .object({
    slug: slugArg(),
    total: amountArg('total', TOTAL_LIKE),
    aligned: amountArg('aligned', ALIGNED_LIKE),
    period: argText('period', 'period=2026/27')
      .refine((v) => v === '' || PERIOD_PATTERN.test(v), {
        error: 'period must be up to 24 letters, digits, spaces or / . _ -, starting with the year, like 2026/27 or 2026-Q1',
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.total <= 0) ctx.addIssue({ code: 'custom', message: 'total must be more than zero', path: ['total'] });
    if (v.aligned > v.total) ctx.addIssue({ code: 'custom', message: 'aligned cannot be more than total', path: ['aligned'] });
  });

export const missionBudget = defineCommand({
  word: 'mission',
  name: 'budget',
  usage: 'mission budget <slug> [total=<amount> aligned=<amount> [period=<label>]]',
  summary: "Record how much of the partners' spend is aligned with the mission, or see the trend",
  example: `mission budget ${SLUG} total=${TOTAL_LIKE} aligned=${ALIGNED_LIKE} period=2026/27`,
  options: ['total', 'aligned', 'period'],
  positionals: 1,
  parse: (args): BudgetCommand => {
    const { slug } = validate(z.object({ slug: slugArg() }), { slug: args.positionals[0] });
    if (Object.keys(args.options).length === 0) return { action: 'show', slug };
    const v = validate(budgetSchema, { ...args.options, slug });
    return { action: 'record', slug, total: v.total, aligned: v.aligned, period: v.period };
  },
});

export const indicatorCommands = [missionIndicator, missionIndicators, missionBudget] as const;
