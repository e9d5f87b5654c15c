import { isDeepStrictEqual } from 'node:util';
import type { JsonSchemaProps, ValidationRule } from './crd-types.js';
import { SchemaConversionError } from './schema-conversion-error.js';

type JsonObject = Record<string, unknown>;

/** Keys of `JSONSchemaProps` that pass through unchanged (children are rewritten separately). */
const SUPPORTED_KEYS = new Set([
  'type',
  'format',
  'title',
  'description',
  'default',
  'example',
  'nullable',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'externalDocs',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);

/** JSON Schema annotations with no CRD equivalent and no effect on validation: dropped. */
const DROPPED_KEYS = new Set([
  '$schema',
  '$id',
  'id',
  '$comment',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
  'definitions',
  '$defs',
]);

/** Keys allowed inside `allOf`/`anyOf`/`oneOf` branches: value validations only. */
const JUNCTOR_KEYS = new Set([
  'format',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
]);

const INT_OR_STRING = 'x-kubernetes-int-or-string';
const PRESERVE = 'x-kubernetes-preserve-unknown-fields';

/**
 * Rewrites a JSON Schema (as `z.toJSONSchema(..., { target: 'openapi-3.0' })` produces it) into a Kubernetes
 * structural schema:
 * - every node has a `type`, except int-or-string nodes and nodes that preserve unknown fields (any JSON value);
 * - no `$ref`/`definitions`; no `additionalProperties: false` (pruning already drops unknown fields);
 *   `additionalProperties: {}` (a loose object) becomes `x-kubernetes-preserve-unknown-fields`;
 * - unions become what Kubernetes can express: `int | string` becomes int-or-string, `T | null` becomes
 *   `nullable`, unions of enums become one enum, unions of objects (discriminated unions) become one object with
 *   every branch's properties, required only where every branch requires them;
 * - junctors (`allOf`) carry value validations only;
 * - list-map keys must be required or defaulted; inside an embedded resource, `metadata` is a plain object.
 *
 * Anything else Kubernetes cannot express raises a {@link SchemaConversionError} naming the field.
 */
export function toStructuralSchema(schema: JsonObject, fieldPath = ''): JsonSchemaProps {
  const node = pickSupportedKeys(schema, fieldPath);
  rewriteChildren(node, fieldPath);
  if (node.allOf) node.allOf = junctorBranches(node.allOf as JsonObject[], fieldPath);
  const union = (node.anyOf ?? node.oneOf) as JsonObject[] | undefined;
  const merged = union ? mergeUnion(node, union, fieldPath) : node;
  if (merged[INT_OR_STRING] === true) {
    delete merged.type;
    merged.anyOf = [{ type: 'integer' }, { type: 'string' }];
  } else if (merged.type === undefined) {
    merged[PRESERVE] = true;
  }
  checkListMapKeys(merged, fieldPath);
  if (merged['x-kubernetes-embedded-resource'] === true) plainEmbeddedMetadata(merged, fieldPath);
  return merged as JsonSchemaProps;
}

function pickSupportedKeys(schema: JsonObject, fieldPath: string): JsonObject {
  if ('$ref' in schema) {
    throw new SchemaConversionError(
      fieldPath,
      'recursive schemas (and schemas registered with an "id") become $ref, which CRDs cannot hold; inline them',
    );
  }
  const node: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === 'const') node.enum = [value];
    else if (SUPPORTED_KEYS.has(key)) node[key] = value;
    else throw new SchemaConversionError(fieldPath, `"${key}" is not supported in a Kubernetes CRD schema`);
  }
  return node;
}

function rewriteChildren(node: JsonObject, fieldPath: string): void {
  const additional = node.additionalProperties;
  if (additional === false) {
    delete node.additionalProperties;
  } else if (additional === true || isEmptyObject(additional)) {
    delete node.additionalProperties;
    node[PRESERVE] = true;
  } else if (typeof additional === 'object' && additional !== null) {
    if (node.properties) {
      throw new SchemaConversionError(
        fieldPath,
        'an object cannot declare properties and also a schema for all other keys (catchall); use a nested record',
      );
    }
    node.additionalProperties = toStructuralSchema(additional as JsonObject, `${fieldPath}.*`);
  }
  if (node.properties) {
    const properties: Record<string, JsonSchemaProps> = {};
    for (const [key, value] of Object.entries(node.properties as Record<string, JsonObject>)) {
      properties[key] = toStructuralSchema(value, `${fieldPath}.${key}`);
    }
    node.properties = properties;
  }
  if (node.items) {
    if (Array.isArray(node.items)) throw new SchemaConversionError(fieldPath, 'tuples are not supported in CRDs');
    node.items = toStructuralSchema(node.items as JsonObject, `${fieldPath}[*]`);
  }
  if (Array.isArray(node.required) && node.required.length === 0) delete node.required;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** `allOf` branches may only narrow values; zod emits them for stacked patterns and divisors. */
function junctorBranches(branches: JsonObject[], fieldPath: string): JsonObject[] {
  return branches.map((branch) => {
    const { type: _type, ...rest } = branch;
    for (const key of Object.keys(rest)) {
      if (!JUNCTOR_KEYS.has(key)) {
        throw new SchemaConversionError(
          fieldPath,
          `an intersection that zod cannot fold into one object ("${key}" inside allOf) is not expressible; merge the schemas`,
        );
      }
    }
    return rest;
  });
}

function mergeUnion(node: JsonObject, union: JsonObject[], fieldPath: string): JsonObject {
  const { anyOf: _anyOf, oneOf: _oneOf, ...outer } = node;
  if (outer[INT_OR_STRING] === true) return outer;
  const nonNull = union.filter((branch) => !isNullBranch(branch));
  if (nonNull.length < union.length) outer.nullable = true;
  if (nonNull.length === 0)
    throw new SchemaConversionError(fieldPath, 'a field that can only be null is not expressible');
  const branches = nonNull.map((branch) => toStructuralSchema(branch, fieldPath) as JsonObject);
  const merged = branches.length === 1 ? branches[0]! : mergeBranches(branches, fieldPath);
  return combine(merged, outer);
}

function isNullBranch(branch: JsonObject): boolean {
  return branch.type === 'null' || (Array.isArray(branch.enum) && branch.enum.length === 1 && branch.enum[0] === null);
}

/** The union node's own keys (description, default, nullable, rules) win over the merged branch's. */
function combine(merged: JsonObject, outer: JsonObject): JsonObject {
  const rules = [
    ...((merged['x-kubernetes-validations'] as ValidationRule[] | undefined) ?? []),
    ...((outer['x-kubernetes-validations'] as ValidationRule[] | undefined) ?? []),
  ];
  const result = { ...merged, ...outer };
  if (rules.length > 0) result['x-kubernetes-validations'] = rules;
  return result;
}

function mergeBranches(branches: JsonObject[], fieldPath: string): JsonObject {
  const types = new Set(branches.map((b) => (b[INT_OR_STRING] === true ? 'int-or-string' : b.type)));
  if (types.size === 2 && types.has('integer') && types.has('string') && branches.every((b) => !b.enum)) {
    return { [INT_OR_STRING]: true };
  }
  if (types.size === 1 && branches.every((b) => Array.isArray(b.enum))) {
    const values = branches.flatMap((b) => b.enum as unknown[]);
    return { type: branches[0]!.type, enum: [...new Set(values)] };
  }
  if (types.size === 1 && types.has('object')) return mergeObjectBranches(branches, fieldPath);
  throw new SchemaConversionError(
    fieldPath,
    `a union of ${[...types].join(', ')} is not expressible; use intOrString(), an enum, a union of objects or z.unknown()`,
  );
}

function mergeObjectBranches(branches: JsonObject[], fieldPath: string): JsonObject {
  const properties: Record<string, JsonObject> = {};
  for (const branch of branches) {
    for (const [key, value] of Object.entries((branch.properties as Record<string, JsonObject>) ?? {})) {
      const seen = properties[key];
      if (!seen || isDeepStrictEqual(seen, value)) properties[key] = value;
      else if (Array.isArray(seen.enum) && Array.isArray(value.enum) && seen.type === value.type) {
        properties[key] = { ...seen, enum: [...new Set([...seen.enum, ...value.enum])] };
      } else {
        throw new SchemaConversionError(
          `${fieldPath}.${key}`,
          'the branches of a union declare this field with different schemas; give it one schema',
        );
      }
    }
  }
  const required = branches
    .map((b) => (b.required as string[] | undefined) ?? [])
    .reduce((common, list) => common.filter((key) => list.includes(key)));
  const preserve = branches.some((b) => b[PRESERVE] === true);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(preserve ? { [PRESERVE]: true } : {}),
  };
}

function checkListMapKeys(node: JsonObject, fieldPath: string): void {
  if (node['x-kubernetes-list-type'] !== 'map') return;
  const items = node.items as JsonObject | undefined;
  const keys = (node['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
  if (items?.type !== 'object') throw new SchemaConversionError(fieldPath, 'listType map needs object items');
  const required = (items.required as string[] | undefined) ?? [];
  const properties = (items.properties as Record<string, JsonObject> | undefined) ?? {};
  for (const key of keys) {
    const property = properties[key];
    if (!property) throw new SchemaConversionError(fieldPath, `list map key "${key}" is not a field of the items`);
    if (!required.includes(key) && property.default === undefined) {
      throw new SchemaConversionError(fieldPath, `list map key "${key}" must be required or have a default`);
    }
  }
}

function plainEmbeddedMetadata(node: JsonObject, fieldPath: string): void {
  if (node.type !== 'object') throw new SchemaConversionError(fieldPath, 'an embedded resource must be an object');
  const properties = node.properties as Record<string, JsonObject> | undefined;
  if (properties?.metadata) properties.metadata = { type: 'object' };
}
