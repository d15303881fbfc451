import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import { join } from 'node:path';
import { readJsonFile } from './json-file';
import { SCHEMA_FILES, schemasDir } from './paths';
import { discriminateTypeUnions, isUnionHelperError } from './adaptive-card-schema';
import { describeErrors } from './schema-errors';
import { checkSlackStoreRules } from './slack/store-rules';
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
const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true, logger: false } as const;

function loadSchema(file: string): Record<string, unknown> {
  return readJsonFile(join(schemasDir(), file), 'SCHEMA_NOT_FOUND') as Record<string, unknown>;
}

/** Compile on first use, then reuse: compiling the card schema takes ~0.3 s, validating ~0.1 ms. */
function once(compile: () => ValidateFunction): () => ValidateFunction {
  let cached: ValidateFunction | undefined;
  return () => (cached ??= compile());
}

const slackValidator = once(() => {
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv);
  // Slack's schema states the colour rule under a non-standard `regex` keyword; enforce it.
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    compile: (pattern: string) => {
      const re = new RegExp(pattern);
      return (data: string) => re.test(data);
    },
  });
  return ajv.compile(loadSchema(SCHEMA_FILES.slack));
});

const teamsValidator = once(() => {
  const ajv = new Ajv04(AJV_OPTIONS);
  addFormats(ajv);
  return ajv.compile(loadSchema(SCHEMA_FILES.teams));
});

const adaptiveCardValidator = once(() => {
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv);
  ajv.addMetaSchema(draft06MetaSchema);
  // A draft-06 schema names itself with the draft-04 `id`, which ajv 8 rejects; move it to `$id`.
  const { id, ...schema } = loadSchema(SCHEMA_FILES.adaptiveCard);
  return ajv.compile(discriminateTypeUnions({ ...schema, $id: id }));
});

function run(validate: ValidateFunction, value: unknown): ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function result(errors: string[]): ValidationResult {
  return { valid: errors.length === 0, errors };
}

/** Slack app manifest v1: the published schema, plus the review rules the schema leaves out. */
export function validateSlackManifest(manifest: unknown): ValidationResult {
  const schemaErrors = describeErrors(run(slackValidator(), manifest));
  if (schemaErrors.length > 0) return result(schemaErrors);
  return result(checkSlackStoreRules(manifest as Record<string, unknown>));
}

/**
 * Teams app manifest 1.29: the published schema, plus the limits Teams enforces on upload that
 * the schema is looser about (command title 32 / description 128 characters, 10 commands per
 * list, no wildcard domains, HTTPS developer links).
 */
export function validateTeamsManifest(manifest: unknown): ValidationResult {
  const schemaErrors = describeErrors(run(teamsValidator(), manifest));
  if (schemaErrors.length > 0) return result(schemaErrors);
  return result(checkTeamsStoreRules(manifest as TeamsManifest));
}

/**
 * An Adaptive Card 1.5 as Teams renders it: the published schema, and a top-level `type` of
 * "AdaptiveCard" with a `version` of at most 1.5 (the schema documents both as required for a
 * top-level card but cannot enforce it).
 */
export function validateAdaptiveCard(card: unknown): ValidationResult {
  const errors = describeErrors(run(adaptiveCardValidator(), card).filter((e) => !isUnionHelperError(e)));
  const top = typeof card === 'object' && card !== null ? (card as Record<string, unknown>) : {};
  if (top.type !== 'AdaptiveCard') errors.unshift('(root): type must be "AdaptiveCard"');
  if (typeof top.version !== 'string') errors.unshift('(root): must have a version, e.g. "1.5"');
  else if (!/^1\.[0-5]$/.test(top.version)) errors.unshift(`(root): version ${top.version} is newer than Teams renders (1.5)`);
  return result([...new Set(errors)]);
}
