import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import { describeErrors } from '../../../manifests/schema-errors';
import { AJV_OPTIONS, schemaErrorsOf, validationResult, type ValidationResult } from '../../../manifests/validate';
import { discriminateTypeUnions, isUnionHelperError } from './adaptive-card-unions';
import { loadPublishedSchema } from './fixtures';

/** The published Adaptive Card 1.5 schema, its draft-04 style `id` moved to `$id` as ajv 8 wants. */
export function publishedCardSchema(): Record<string, unknown> {
  const { id, ...schema } = loadPublishedSchema('adaptiveCard');
  return { ...schema, $id: id };
}

/** Compiled on first use, then reused: compiling takes ~0.3 s, validating ~0.1 ms. */
let compiled: ValidateFunction | undefined;
function cardValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv(AJV_OPTIONS);
    addFormats(ajv);
    ajv.addMetaSchema(draft06MetaSchema);
    compiled = ajv.compile(discriminateTypeUnions(publishedCardSchema()));
  }
  return compiled;
}

/**
 * An Adaptive Card 1.5 as Teams renders it: the published schema, and a top-level `type` of
 * "AdaptiveCard" with a `version` of at most 1.5 (the schema documents both as required for a
 * top-level card but cannot enforce it).
 */
export function validateAdaptiveCard(card: unknown): ValidationResult {
  const errors = describeErrors(schemaErrorsOf(cardValidator(), card).filter((e) => !isUnionHelperError(e)));
  const top = typeof card === 'object' && card !== null ? (card as Record<string, unknown>) : {};
  if (top.type !== 'AdaptiveCard') errors.unshift('(root): type must be "AdaptiveCard"');
  if (typeof top.version !== 'string') errors.unshift('(root): must have a version, e.g. "1.5"');
  else if (!/^1\.[0-5]$/.test(top.version)) errors.unshift(`(root): version ${top.version} is newer than Teams renders (1.5)`);
  return validationResult([...new Set(errors)]);
}
