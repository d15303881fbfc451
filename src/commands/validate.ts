import { z } from 'zod';
import { CommandArgumentError } from './command-argument-error';

/**
 * Messages for issues a schema did not word itself (argument schemas in argument-schemas.ts
 * word their own). Each names the argument so the user knows what to fix.
 */
const fallbackMessage: z.core.$ZodErrorMap = (issue) => {
  const name = issue.path && issue.path.length > 0 ? issue.path.map(String).join('.') : 'the command';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${name} is required` : `${name} is not valid`;
    case 'too_big':
      return `${name} must be at most ${amount(issue.maximum, issue.origin)}`;
    case 'too_small':
      return `${name} must be at least ${amount(issue.minimum, issue.origin)}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return `${name} is not valid`;
  }
};

/** "3", "80 characters", "1 item": numbers stand alone, lengths say what they count. */
function amount(limit: number | bigint, origin: string): string {
  const unit = origin === 'string' ? 'character' : origin === 'array' || origin === 'set' ? 'item' : '';
  if (!unit) return String(limit);
  return `${String(limit)} ${unit}${Number(limit) === 1 ? '' : 's'}`;
}

/** One human sentence per problem, one per line. */
export function describeZodError(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.message))].join('\n');
}

/** Validates a command's raw fields with its zod schema; throws CommandArgumentError with human messages. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { error: fallbackMessage });
  if (!result.success) throw new CommandArgumentError(describeZodError(result.error));
  return result.data;
}
