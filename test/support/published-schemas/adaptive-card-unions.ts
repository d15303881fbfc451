/**
 * Adaptive Card elements are an `anyOf` over every element type (`ImplementationsOf.Element`...),
 * so one mistake in a TextBlock makes ajv also report why it is not an Image, a Container and
 * 14 more. This rewrites each such union into "type is one of the known types" plus, per type,
 * "if type is T then it matches T's definition": the same cards are valid (every element
 * definition is an object with one `type` value), but only the errors of the element's own type
 * are reported.
 */

/** Marks the helper subschemas added here, so their own failures can be left out of reports. */
export const UNION_HELPER = 'x-mission-pulse-union-helper';

type Schema = Record<string, unknown>;

function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The single `type` value of a referenced definition, or undefined if it has none. */
function branchType(branch: unknown, definitions: Schema): { type: string; ref: string } | undefined {
  if (!isRecord(branch) || !Array.isArray(branch.allOf) || branch.allOf.length !== 1) return undefined;
  const ref = isRecord(branch.allOf[0]) ? branch.allOf[0].$ref : undefined;
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return undefined;
  const target = definitions[ref.slice('#/definitions/'.length)];
  const typeSchema = isRecord(target) && isRecord(target.properties) ? target.properties.type : undefined;
  const values = isRecord(typeSchema) ? typeSchema.enum : undefined;
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? { type: values[0], ref } : undefined;
}

function discriminated(union: unknown[], definitions: Schema): Schema | undefined {
  const branches = union.map((branch) => branchType(branch, definitions));
  if (branches.some((b) => b === undefined)) return undefined;
  const typed = branches as { type: string; ref: string }[];
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: typed.map((b) => b.type) } },
    allOf: typed.map(({ type, ref }) => ({
      [UNION_HELPER]: true,
      anyOf: [{ [UNION_HELPER]: true, not: { properties: { type: { enum: [type] } } } }, { $ref: ref }],
    })),
  };
}

/** A copy of the card schema with every union of typed definitions made discriminated by `type`. */
export function discriminateTypeUnions(schema: Schema): Schema {
  const definitions = isRecord(schema.definitions) ? schema.definitions : {};
  const rewritten = Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => {
      const union = isRecord(definition) && Array.isArray(definition.anyOf) ? definition.anyOf : undefined;
      const replacement = union && Object.keys(definition as Schema).length === 1 ? discriminated(union, definitions) : undefined;
      return [name, replacement ?? definition];
    }),
  );
  const result: Schema = { ...schema, definitions: rewritten };
  // The root is a one-branch `anyOf`, which only adds a "must match a schema in anyOf" line.
  if (Array.isArray(schema.anyOf) && schema.anyOf.length === 1 && schema.allOf === undefined) {
    delete result.anyOf;
    result.allOf = schema.anyOf;
  }
  return result;
}

/** True for errors raised by the helper subschemas, which restate the element's own errors. */
export function isUnionHelperError(error: { parentSchema?: unknown }): boolean {
  return isRecord(error.parentSchema) && error.parentSchema[UNION_HELPER] === true;
}
