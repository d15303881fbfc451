import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegisteredCommand } from '../../../src/commands/registry';
import { ACTION_BLOCKER_HELP, ACTION_BLOCKER_RESOLVE, RESOLVE_FORM_ID } from '../../../src/messages/blocker-messages';
import { ACTION_EDIT, ACTION_OPEN, ACTION_SKIP, CHECKIN_FORM_ID } from '../../../src/messages/checkin-messages';
import { DIGEST_DETAILS_ACTION } from '../../../src/messages/digest-message';
import { ACTION_HOME_REFRESH } from '../../../src/messages/home-message';
import { ACTION_FORGET_CANCEL, ACTION_FORGET_CONFIRM } from '../../../src/messages/privacy-messages';
import { QUESTIONS_FORM_ID } from '../../../src/messages/questions-messages';

/**
 * One example invocation (or several, one per variant) of every registered command, written
 * with placeholders the matrices fill in:
 * {slug} the mission's slug, {member} a member's user id, {newcomer} someone on no mission,
 * {indicator} an indicator key, {tokenId} an API token id, {until} a date a few weeks ahead,
 * {inviteCode} a code for `mission join`.
 * Typed by command id, and checked against COMMANDS at run time too, so a new command cannot
 * be left out of the tenancy and roles matrices.
 */
export interface Invocation {
  /** Unique across the table: 'mission.indicator record'. */
  label: string;
  text: string;
  /** Where it is typed: a channel unless it must be a direct message. */
  where?: 'dm' | 'channel';
}

export type CommandId = RegisteredCommand['id'];

const one = (id: string, text: string, where?: 'dm'): Invocation[] => [{ label: id, text, ...(where ? { where } : {}) }];

export const COMMAND_INVOCATIONS: Record<CommandId, Invocation[]> = {
  'mission.create': one('mission.create', 'mission create "A second mission made by the matrix" slug={slug}-new'),
  'mission.list': one('mission.list', 'mission list'),
  'mission.show': one('mission.show', 'mission show {slug}'),
  'mission.add': one('mission.add', 'mission add {slug} <@{newcomer}> org="Matrix Org" role=lead'),
  'mission.remove': one('mission.remove', 'mission remove {slug} <@{member}>'),
  'mission.invite': one('mission.invite', 'mission invite {slug}', 'dm'),
  'mission.join': one('mission.join', 'mission join {inviteCode} org="Matrix Org"'),
  'mission.unlink': one('mission.unlink', 'mission unlink {slug}'),
  'mission.links': one('mission.links', 'mission links {slug}'),
  'mission.channel': [
    { label: 'mission.channel digest', text: 'mission channel {slug} digest' },
    { label: 'mission.channel alerts', text: 'mission channel {slug} alerts' },
  ],
  'mission.schedule': one('mission.schedule', 'mission schedule {slug} day=tue time=09:30'),
  'mission.pause': one('mission.pause', 'mission pause {slug}'),
  'mission.resume': one('mission.resume', 'mission resume {slug}'),
  'mission.questions': one('mission.questions', 'mission questions {slug}'),
  'mission.checkin-now': one('mission.checkin-now', 'mission checkin-now {slug}'),
  'mission.close-now': one('mission.close-now', 'mission close-now {slug}'),
  'mission.digest-now': one('mission.digest-now', 'mission digest-now {slug}'),
  'checkin.open': one('checkin.open', 'checkin {slug}'),
  'checkin.skip': one('checkin.skip', 'checkin skip {slug}'),
  'checkin.away': one('checkin.away', 'checkin away until={until}'),
  'checkin.back': one('checkin.back', 'checkin back'),
  'mission.indicator': [
    {
      label: 'mission.indicator add',
      text: 'mission indicator {slug} add key=matrix-new name="Matrix indicator" baseline=10@2024-04 target=20@2030-03',
    },
    { label: 'mission.indicator edit', text: 'mission indicator {slug} edit key={indicator} name="Renamed by the matrix"' },
    { label: 'mission.indicator record', text: 'mission indicator {slug} record key={indicator} value=300 date=2026-10' },
    { label: 'mission.indicator remove', text: 'mission indicator {slug} remove key={indicator}' },
  ],
  'mission.indicators': one('mission.indicators', 'mission indicators {slug}'),
  'mission.budget': [
    { label: 'mission.budget show', text: 'mission budget {slug}' },
    { label: 'mission.budget record', text: 'mission budget {slug} total=£1,000 aligned=£10 period=2027/28' },
  ],
  'mission.blockers': [
    { label: 'mission.blockers list', text: 'mission blockers {slug}' },
    { label: 'mission.blockers escalate', text: 'mission blockers {slug} escalate=5' },
  ],
  'blocker.raise': one('blocker.raise', 'blocker {slug} "Matrix blocker text" severity=high'),
  'mission.api-token': [
    { label: 'mission.api-token create', text: 'mission api-token {slug} name="Matrix"', where: 'dm' },
    { label: 'mission.api-token list', text: 'mission api-token {slug} list' },
    { label: 'mission.api-token revoke', text: 'mission api-token {slug} revoke {tokenId}' },
  ],
  'mission.export': one('mission.export', 'mission export {slug}'),
  'checkin.my-data': one('checkin.my-data', 'checkin my-data', 'dm'),
  'checkin.forget-me': one('checkin.forget-me', 'checkin forget-me', 'dm'),
  'mission.retention': one('mission.retention', 'mission retention {slug} months=24'),
  'mission.audit': one('mission.audit', 'mission audit {slug} limit=50'),
};

/** Every invocation, in registry order. */
export function allInvocations(): Invocation[] {
  return Object.values(COMMAND_INVOCATIONS).flat();
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_all, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}} in "${text}"`);
    return values[name];
  });
}

/** The constants create-core.ts switches on, by the name it uses for them. */
export const ACTION_IDS: Record<string, string> = {
  ACTION_OPEN,
  ACTION_EDIT,
  ACTION_SKIP,
  ACTION_FORGET_CONFIRM,
  ACTION_FORGET_CANCEL,
  DIGEST_DETAILS_ACTION,
  ACTION_BLOCKER_HELP,
  ACTION_BLOCKER_RESOLVE,
  ACTION_HOME_REFRESH,
};

export const FORM_IDS: Record<string, string> = { CHECKIN_FORM_ID, QUESTIONS_FORM_ID, RESOLVE_FORM_ID };

/**
 * The `case` labels of create-core.ts's `action` and `form` switches, read from its source:
 * a new button or form handled there, and not in the tables above, fails the matrices.
 */
export function handledCases(which: 'action' | 'form'): string[] {
  const source = readFileSync(join(__dirname, '../../../src/services/create-core.ts'), 'utf8');
  const start = source.indexOf(`async function ${which}(`);
  if (start < 0) throw new Error(`create-core.ts has no "async function ${which}(" any more: update test/security/support/invocations.ts`);
  const body = source.slice(start);
  const end = body.indexOf('default:');
  return [...body.slice(0, end).matchAll(/case ([A-Za-z_][A-Za-z0-9_.]*):/g)].map((m) => m[1]);
}
