import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describeErrors } from './schema-errors';
import { loadTeamsSchema, TEAMS_SCHEMA_PACKAGE } from './teams/published-schema';
import { checkTeamsStoreRules, type TeamsManifest } from './teams/store-rules';

export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/*
 * The published schemas carry vendor keywords (`_note`, `version`, `features`...) and omit
 * `type` beside `properties`, which ajv's strict mode refuses; strict is off so they compile
 * as published. `verbose` keeps `data`/`parentSchema` on errors for readable messages.
 */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true, logger: false } as const;

/** The errors of one validation, empty when the value is valid. */
export function schemaErrorsOf(validate: ValidateFunction, value: unknown): ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

export function validationResult(errors: string[]): ValidationResult {
  return { valid: errors.length === 0, errors };
}

/** Compiled Teams schemas by manifest version: compiling takes a while, validating well under 1 ms. */
const teamsValidators = new Map<string, ValidateFunction | undefined>();

function teamsValidator(manifestVersion: string): ValidateFunction | undefined {
  if (!teamsValidators.has(manifestVersion)) {
    const schema = loadTeamsSchema(manifestVersion);
    let validate: ValidateFunction | undefined;
    if (schema) {
      const ajv = new Ajv04(AJV_OPTIONS);
      addFormats(ajv);
      validate = ajv.compile(schema);
    }
    teamsValidators.set(manifestVersion, validate);
  }
  return teamsValidators.get(manifestVersion);
}

/**
 * A Teams app manifest: Microsoft's published schema for the `manifestVersion` it declares (from
 * the @microsoft/app-manifest package), plus the limits Teams enforces on upload that the schema
 * is looser about (command title 32 / description 128 characters, 10 commands per list, no
 * wildcard domains, HTTPS developer links).
 */
export function validateTeamsManifest(manifest: unknown): ValidationResult {
  const declared =
    typeof manifest === 'object' && manifest !== null ? (manifest as { manifestVersion?: unknown }).manifestVersion : undefined;
  if (typeof declared !== 'string') return validationResult(['/manifestVersion: must name the manifest version, e.g. "1.29"']);
  const validate = teamsValidator(declared);
  if (!validate) return validationResult([`/manifestVersion: ${TEAMS_SCHEMA_PACKAGE} has no published schema for "${declared}"`]);
  const schemaErrors = describeErrors(schemaErrorsOf(validate, manifest));
  if (schemaErrors.length > 0) return validationResult(schemaErrors);
  return validationResult(checkTeamsStoreRules(manifest as TeamsManifest));
}
