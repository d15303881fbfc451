import type { ErrorObject } from 'ajv';

/** One readable line per ajv error: where in the document, then what is wrong. */
export function describeError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property "${String(params.additionalProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'regex':
      return `${where}: must match ${String(error.schema)}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

/** Readable, de-duplicated messages, in the order ajv found them. */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  return [...new Set(errors.map(describeError))];
}
