import { parseArgs } from 'node:util';
import { withoutTrailingSlashes } from '../text/trim-chars';

/**
 * The command line of `mission-pulse`, read with node's own parseArgs. The server reads its
 * settings in src/config.ts only; this is a separate program, so it reads its two settings
 * here: MISSION_PULSE_URL and MISSION_PULSE_TOKEN (or --url and --token).
 */

export const CLI_COMMANDS = ['missions', 'show', 'members', 'rounds', 'checkins', 'blockers', 'indicators', 'digests', 'export'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];

export interface CliOptions {
  command: CliCommand;
  slug?: string;
  url: string;
  token: string;
  format: 'text' | 'json' | 'csv';
  output?: string;
  week?: string;
  status?: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: mission-pulse <command> [<slug>] [options]

Commands:
  missions                     the missions your token can read
  show <slug>                  one mission
  members <slug>               its members
  rounds <slug>                its weekly rounds, with participation
  checkins <slug> [--week W]   check-ins (all, or one ISO week like 2026-W48)
  blockers <slug> [--status S] blockers (open, resolved or withdrawn)
  indicators <slug>            indicators and their status
  digests <slug>               each closed week's digest figures
  export <slug> [--format csv|json] [--output FILE]
                               check-ins, blockers and readings; CSV by default

Options:
  --url URL        the Mission Pulse server (or MISSION_PULSE_URL)
  --token TOKEN    an API token from \`mission api-token <slug>\` (or MISSION_PULSE_TOKEN;
                   the variable keeps it out of your shell history)
  --format F       text or json for lists; csv or json for export
  --output FILE    write to FILE instead of standard output
  --help           this text
`;

const NEEDS_SLUG: ReadonlySet<CliCommand> = new Set(CLI_COMMANDS.filter((c) => c !== 'missions'));

export function parseCli(argv: string[], env: Record<string, string | undefined>): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        week: { type: 'string' },
        status: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return 'help';
  const [word, slug, extra] = positionals;
  if (!(CLI_COMMANDS as readonly string[]).includes(word)) throw new UsageError(`unknown command "${word}"`);
  const command = word as CliCommand;
  if (NEEDS_SLUG.has(command) && !slug)
    throw new UsageError(`${command} needs a mission slug, like: mission-pulse ${command} ladywood-jobs`);
  if (extra !== undefined || (command === 'missions' && slug !== undefined)) throw new UsageError(`unexpected "${extra ?? slug}"`);

  const url = values.url ?? env.MISSION_PULSE_URL;
  const token = values.token ?? env.MISSION_PULSE_TOKEN;
  if (!url) throw new UsageError('say which server: --url https://... or MISSION_PULSE_URL');
  if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--url must be an http(s) address (got "${url}")`);
  if (!token) throw new UsageError('give an API token: MISSION_PULSE_TOKEN=<token> (an admin makes one with `mission api-token <slug>`)');

  const format = values.format ?? (command === 'export' ? 'csv' : 'text');
  const allowed = command === 'export' ? ['csv', 'json'] : ['text', 'json'];
  if (!allowed.includes(format)) throw new UsageError(`--format for ${command} must be ${allowed.join(' or ')}`);
  return {
    command,
    ...(slug ? { slug } : {}),
    url: withoutTrailingSlashes(url),
    token,
    format: format as CliOptions['format'],
    ...(values.output ? { output: values.output } : {}),
    ...(values.week ? { week: values.week } : {}),
    ...(values.status ? { status: values.status } : {}),
  };
}
