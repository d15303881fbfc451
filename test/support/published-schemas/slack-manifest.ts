import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describeErrors } from '../../../manifests/schema-errors';
import { checkSlackStoreRules } from '../../../manifests/slack/store-rules';
import { AJV_OPTIONS, schemaErrorsOf, validationResult, type ValidationResult } from '../../../manifests/validate';
import { loadPublishedSchema } from './fixtures';

let compiled: ValidateFunction | undefined;
function slackValidator(): ValidateFunction {
  if (!compiled) {
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
    compiled = ajv.compile(loadPublishedSchema('slackManifest'));
  }
  return compiled;
}

/** Slack app manifest v1: the published schema, plus the review rules the schema leaves out. */
export function validateSlackManifest(manifest: unknown): ValidationResult {
  const schemaErrors = describeErrors(schemaErrorsOf(slackValidator(), manifest));
  if (schemaErrors.length > 0) return validationResult(schemaErrors);
  return validationResult(checkSlackStoreRules(manifest as Record<string, unknown>));
}
