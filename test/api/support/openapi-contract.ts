import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import document from '../../../src/http/api/openapi.json';

/**
 * Holds API answers to openapi.json: the status must be one the operation documents, the body
 * must match that response's schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses, with
 * formats), and documented headers must be there. Records which operations were exercised.
 */

interface ResponseObject {
  $ref?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: { $ref?: string } & Record<string, unknown> }>;
}
type Operation = { responses: Record<string, ResponseObject> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, ResponseObject> } };

const doc = document as unknown as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(document as object, 'openapi');

const compiled = new Map<string, ValidateFunction>();
const exercised = new Set<string>();

function responseOf(path: string, method: string, status: number): ResponseObject {
  const op = doc.paths[path]?.[method];
  if (!op) throw new Error(`openapi.json has no ${method.toUpperCase()} ${path}`);
  const r = op.responses[String(status)];
  if (!r)
    throw new Error(
      `${method.toUpperCase()} ${path} answered ${status}, which openapi.json does not document (it has ${Object.keys(op.responses).join(', ')})`,
    );
  if (r.$ref) return doc.components.responses[r.$ref.split('/').pop() ?? ''];
  return r;
}

function validator(schema: { $ref?: string } & Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(schema.$ref ? { $ref: `openapi${schema.$ref}` } : schema);
    compiled.set(key, v);
  }
  return v;
}

/** Fails the test unless the answer is one openapi.json allows for this operation. */
export function expectConforms(path: string, status: number, body: unknown, headers: Headers, method = 'get'): void {
  exercised.add(`${method} ${path} ${status}`);
  const response = responseOf(path, method, status);
  for (const name of Object.keys(response.headers ?? {})) {
    if (headers.get(name) === null) throw new Error(`${method.toUpperCase()} ${path} ${status} lacks the documented header ${name}`);
  }
  const json = response.content?.['application/json'];
  if (!json) return;
  const validate = validator(json.schema);
  if (!validate(body)) {
    throw new Error(
      `${method.toUpperCase()} ${path} ${status}: body does not match openapi.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 800)}`,
    );
  }
}

/** Every operation in the document, and which statuses it documents. */
export function documentedOperations(): Array<{ key: string; statuses: string[] }> {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method} ${path}`, statuses: Object.keys(op.responses) })),
  );
}

export function exercisedStatuses(): Set<string> {
  return exercised;
}
