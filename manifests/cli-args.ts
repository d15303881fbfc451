import { parseArgs } from 'node:util';
import { ManifestError } from './errors';

export interface ManifestCliArgs {
  appId?: string;
  host?: string;
  out?: string;
  help: boolean;
}

/** Parse `--app-id <guid> --host <hostname> --out <file> --help`; anything else is an error. */
export function parseManifestArgs(argv: readonly string[], allowed: readonly (keyof ManifestCliArgs)[]): ManifestCliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'app-id': { type: 'string' },
        host: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ManifestError('BAD_ARGUMENTS', (err as Error).message);
  }
  const args: ManifestCliArgs = {
    appId: values['app-id'] as string | undefined,
    host: values.host as string | undefined,
    out: values.out as string | undefined,
    help: values.help === true,
  };
  for (const key of ['appId', 'host', 'out'] as const) {
    if (args[key] !== undefined && !allowed.includes(key)) {
      throw new ManifestError('BAD_ARGUMENTS', `This command does not take --${key === 'appId' ? 'app-id' : key}`);
    }
  }
  return args;
}
