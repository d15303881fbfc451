import { z } from 'zod';
import { MAX_TOKEN_LABEL_LENGTH } from '../api-tokens/api-token';
import { tokenIdFrom } from '../api-tokens/token-format';
import { boundedText, slugArg } from './argument-schemas';
import { CommandArgumentError } from './command-argument-error';
import { defineCommand } from './define-command';
import { nearest } from './suggest';
import type { CommandArgs } from './types';
import { validate } from './validate';

/** Data out: reporting API tokens and the CSV export. Admins only (checked by the services). */

const SLUG = 'ladywood-jobs';
const TOKEN_ACTIONS = ['list', 'revoke'] as const;

export type ApiTokenCommand =
  | { action: 'create'; slug: string; label?: string }
  | { action: 'list'; slug: string }
  | { action: 'revoke'; slug: string; tokenId: string };

export const API_TOKEN_USAGE = {
  create: `mission api-token <slug> [name="<what it is for>"]`,
  list: 'mission api-token <slug> list',
  revoke: 'mission api-token <slug> revoke <token-id>',
} as const;

function parseApiToken(args: CommandArgs): ApiTokenCommand {
  const [first, second, third] = args.positionals;
  const { slug } = validate(z.object({ slug: slugArg() }), { slug: first });
  if (second === undefined) {
    const { name } = validate(z.object({ name: boundedText('name', 1, MAX_TOKEN_LABEL_LENGTH, 'name="Power BI"').optional() }), {
      name: args.options.name,
    });
    return { action: 'create', slug, ...(name ? { label: name } : {}) };
  }
  const action = second.toLowerCase();
  if (action === 'list') {
    if (third !== undefined || Object.keys(args.options).length > 0)
      throw new CommandArgumentError(`mission api-token list takes nothing after the slug`, `Usage: ${API_TOKEN_USAGE.list}`);
    return { action, slug };
  }
  if (action === 'revoke') {
    if (Object.keys(args.options).length > 0)
      throw new CommandArgumentError('mission api-token revoke takes no options', `Usage: ${API_TOKEN_USAGE.revoke}`);
    if (third === undefined)
      throw new CommandArgumentError(
        `say which token to revoke, like mission api-token ${slug} revoke 3f9a1c2b4d5e6f70`,
        `See them with ${API_TOKEN_USAGE.list.replace('<slug>', slug)}`,
      );
    const tokenId = tokenIdFrom(third);
    if (!tokenId)
      throw new CommandArgumentError(
        `"${third.slice(0, 40)}" is not a token id: ids are 16 letters and digits, like 3f9a1c2b4d5e6f70`,
        `See them with ${API_TOKEN_USAGE.list.replace('<slug>', slug)}`,
      );
    return { action, slug, tokenId };
  }
  const close = nearest(action, TOKEN_ACTIONS);
  throw new CommandArgumentError(
    `"${second.slice(0, 40)}" is not something to do with API tokens: say list or revoke, or nothing to make a new token`,
    close ? `Did you mean ${close}?` : `Usage: ${API_TOKEN_USAGE.create}`,
  );
}

export const missionApiToken = defineCommand({
  word: 'mission',
  name: 'api-token',
  usage: 'mission api-token <slug> [name="<label>"] | list | revoke <token-id>',
  summary: 'Make a read-only token for the reporting API (shown once), list the tokens, or revoke one',
  example: `mission api-token ${SLUG} name="Power BI"`,
  options: ['name'],
  positionals: 3,
  parse: parseApiToken,
});

export const missionExport = defineCommand({
  word: 'mission',
  name: 'export',
  usage: 'mission export <slug>',
  summary: 'Get a spreadsheet (CSV) of check-ins, blockers and indicator readings in a direct message',
  example: `mission export ${SLUG}`,
  positionals: 1,
  parse: (args) => validate(z.object({ slug: slugArg() }), { slug: args.positionals[0] }),
});

export const apiAndExportCommands = [missionApiToken, missionExport] as const;
