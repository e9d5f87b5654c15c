import { z } from 'zod';
import type { ValidationRule } from './crd-types.js';

/**
 * Kubernetes schema extensions, attached to zod schemas as metadata (`.meta()`), which the CRD generator copies
 * into the OpenAPI schema. Each helper returns a new schema; the TypeScript type and the runtime validation of
 * the wrapped schema are unchanged unless the helper says otherwise.
 */

const VALIDATIONS = 'x-kubernetes-validations';

function withExtensions<T extends z.ZodType>(schema: T, extensions: Record<string, unknown>): T {
  return schema.meta({ ...(schema.meta() ?? {}), ...extensions }) as T;
}

/**
 * A value that is either an integer or a string (`x-kubernetes-int-or-string`), like `IntOrString` in Go:
 * ports by number or name, `maxSurge: 1` or `"25%"`.
 */
export function intOrString(): z.ZodUnion<[z.ZodInt, z.ZodString]> {
  return withExtensions(z.union([z.int(), z.string()]), { 'x-kubernetes-int-or-string': true });
}

/**
 * Keeps fields the schema does not declare (`x-kubernetes-preserve-unknown-fields`): the API server stores them
 * instead of pruning them, and the runtime parser passes them through. Without an argument: an object with any
 * content. (A `z.unknown()` field is preserved as any JSON value without this helper.)
 */
export function preserveUnknownFields(): z.ZodRecord<z.ZodString, z.ZodUnknown>;
export function preserveUnknownFields<S extends z.core.$ZodLooseShape>(
  schema: z.ZodObject<S>,
): z.ZodObject<S, z.core.$loose>;
export function preserveUnknownFields(schema?: z.ZodObject): z.ZodType {
  const base = schema ? schema.loose() : z.record(z.string(), z.unknown());
  return withExtensions(base, { 'x-kubernetes-preserve-unknown-fields': true });
}

const embeddedMetadata = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** The default shape of an embedded object: any Kubernetes object. */
const anyEmbeddedObject = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: embeddedMetadata.optional(),
});

/**
 * A complete Kubernetes object nested in a field (`x-kubernetes-embedded-resource`), like a `runtime.RawExtension`
 * holding a manifest: the API server checks its `apiVersion`, `kind` and `metadata`. Without an argument any
 * object is accepted and kept as is; with an object schema, that schema applies and unknown fields are pruned.
 * Inside an embedded resource, `metadata` is always stored as a free-form object, whatever the schema says.
 */
export function embeddedResource(): typeof anyEmbeddedObject;
export function embeddedResource<S extends z.core.$ZodLooseShape>(schema: z.ZodObject<S>): z.ZodObject<S>;
export function embeddedResource(schema?: z.ZodObject): z.ZodType {
  if (!schema) {
    return withExtensions(anyEmbeddedObject, {
      'x-kubernetes-embedded-resource': true,
      'x-kubernetes-preserve-unknown-fields': true,
    });
  }
  return withExtensions(schema, { 'x-kubernetes-embedded-resource': true });
}

type ArrayOf<Item extends z.ZodType> = z.ZodArray<Item>;
type StringKeysOf<Item extends z.ZodType> = Extract<keyof z.output<Item>, string>;

/**
 * How server-side apply merges a list (`x-kubernetes-list-type`):
 * - `atomic` (the default): the whole list is owned by one field manager and replaced as a unit;
 * - `set`: items are scalars, unique, merged by value;
 * - `map`: items are objects, merged by the `mapKeys` fields, which must be required or defaulted.
 */
export function listType<Item extends z.ZodType>(schema: ArrayOf<Item>, type: 'atomic' | 'set'): ArrayOf<Item>;
export function listType<Item extends z.ZodType>(
  schema: ArrayOf<Item>,
  type: 'map',
  mapKeys: [StringKeysOf<Item>, ...StringKeysOf<Item>[]],
): ArrayOf<Item>;
export function listType<Item extends z.ZodType>(
  schema: ArrayOf<Item>,
  type: 'atomic' | 'set' | 'map',
  mapKeys?: string[],
): ArrayOf<Item> {
  if (type === 'map' && (!mapKeys || mapKeys.length === 0)) throw new Error('listType map needs at least one key');
  return withExtensions(schema, {
    'x-kubernetes-list-type': type,
    ...(type === 'map' ? { 'x-kubernetes-list-map-keys': mapKeys } : {}),
  });
}

/**
 * How server-side apply merges an object or a record (`x-kubernetes-map-type`): `granular` (the default) merges
 * field by field, `atomic` replaces the whole value, owned by one field manager.
 */
export function mapType<T extends z.ZodType<object>>(schema: T, type: 'atomic' | 'granular'): T {
  return withExtensions(schema, { 'x-kubernetes-map-type': type });
}

/** Optional parts of a CEL rule; see {@link ValidationRule}. */
export type CelRuleOptions = Omit<ValidationRule, 'rule' | 'message'>;

/**
 * Adds a CEL validation rule (`x-kubernetes-validations`) that the API server evaluates on create and update,
 * with `self` bound to this value (and `oldSelf` to the previous one, for transition rules such as
 * `self == oldSelf`). Rules accumulate when applied more than once.
 *
 * CEL runs only in the API server: `parse()` does not evaluate it. Add a zod `.refine()` as well when the same
 * check must also run in the process.
 */
export function celRule<T extends z.ZodType>(
  schema: T,
  rule: string,
  message?: string,
  options: CelRuleOptions = {},
): T {
  const existing = (schema.meta()?.[VALIDATIONS] as ValidationRule[] | undefined) ?? [];
  const entry: ValidationRule = { rule, ...(message === undefined ? {} : { message }), ...options };
  return withExtensions(schema, { [VALIDATIONS]: [...existing, entry] });
}
