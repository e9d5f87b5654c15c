import { isDeepStrictEqual } from 'node:util';
import type { JsonSchemaProps } from '../resource/index.js';

/**
 * What drop-in compatibility depends on at one property of a CRD schema: what is accepted (type, enum, format,
 * minimum, required, CEL rules), how it is defaulted, and which keywords restrict it further.
 */
export interface SchemaFact {
  /** The JSON type, or `int-or-string`, `any` (preserve-unknown-fields) or `untyped`. */
  type: string;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  /** Required properties, sorted; absent when none. */
  required?: string[];
  /** CEL rules (`x-kubernetes-validations`). */
  rules?: { rule: string; message?: string }[];
  /** The keywords present that reject input beyond the type ({@link RESTRICTING_KEYWORDS}), sorted. */
  restrictions?: string[];
}

/** {@link SchemaFact}s by property path: `.`, `.spec.list[*].name`, `.spec.labels{*}`. */
export type SchemaFacts = Record<string, SchemaFact>;

/** Schema keywords that reject input a schema without them accepts. */
export const RESTRICTING_KEYWORDS = [
  'maxItems',
  'maxLength',
  'maxProperties',
  'maximum',
  'minItems',
  'minLength',
  'minProperties',
  'pattern',
  'x-kubernetes-validations',
] as const;

function typeOf(schema: JsonSchemaProps): string {
  if (schema['x-kubernetes-int-or-string']) return 'int-or-string';
  if (schema.type) return schema.type;
  return schema['x-kubernetes-preserve-unknown-fields'] ? 'any' : 'untyped';
}

function factOf(schema: JsonSchemaProps): SchemaFact {
  const fact: SchemaFact = { type: typeOf(schema) };
  if (schema.enum) fact.enum = [...schema.enum];
  if (schema.default !== undefined) fact.default = schema.default;
  if (schema.format) fact.format = schema.format;
  if (schema.minimum !== undefined) fact.minimum = schema.minimum;
  if (schema.required?.length) fact.required = [...schema.required].sort();
  const rules = schema['x-kubernetes-validations'];
  if (rules?.length) fact.rules = rules.map(({ rule, message }) => ({ rule, ...(message ? { message } : {}) }));
  const restrictions = RESTRICTING_KEYWORDS.filter((keyword) => schema[keyword] !== undefined);
  if (restrictions.length) fact.restrictions = restrictions;
  return fact;
}

/**
 * Flattens a structural schema (a CRD version's `openAPIV3Schema`) into its property paths and their facts, the
 * form upstream CRDs are kept in as test fixtures and compared with {@link schemaCompatibilityProblems}.
 */
export function crdSchemaFacts(schema: JsonSchemaProps, path = '', out: SchemaFacts = {}): SchemaFacts {
  out[path || '.'] = factOf(schema);
  for (const [name, child] of Object.entries(schema.properties ?? {})) crdSchemaFacts(child, `${path}.${name}`, out);
  if (schema.items) crdSchemaFacts(schema.items, `${path}[*]`, out);
  if (typeof schema.additionalProperties === 'object') crdSchemaFacts(schema.additionalProperties, `${path}{*}`, out);
  return out;
}

/** The facts {@link schemaCompatibilityProblems} compares for equality. */
export type ComparedFact = 'type' | 'enum' | 'default' | 'format' | 'minimum' | 'required';

/** Options of {@link schemaCompatibilityProblems}. */
export interface SchemaCompatibilityOptions {
  /** The facts that must be equal; all of {@link ComparedFact} unless given. */
  compare?: readonly ComparedFact[];
  /** Report restricting keywords ours has and upstream lacks (default `true`). */
  forbidNewRestrictions?: boolean;
}

const ALL_COMPARED: readonly ComparedFact[] = ['type', 'enum', 'default', 'format', 'minimum', 'required'];

/** Enum values compare as sets, `required` without order, and an empty list as none. */
function normalized(key: ComparedFact, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return undefined;
  return key === 'enum' || key === 'required' ? value.map((v) => JSON.stringify(v)).sort() : value;
}

/**
 * Compares our CRD schema facts with an upstream provider's (a fixture of {@link crdSchemaFacts}' form, possibly
 * holding only some facts per path): every upstream path must exist in ours with equal compared facts and at least
 * upstream's CEL rules, and — unless turned off — ours must not restrict a path where upstream does not, so every
 * manifest upstream accepts is accepted and defaulted the same way. Returns one line per difference; none means
 * compatible.
 */
export function schemaCompatibilityProblems(
  ours: SchemaFacts,
  upstream: Readonly<Record<string, Partial<SchemaFact>>>,
  options: SchemaCompatibilityOptions = {},
): string[] {
  const problems: string[] = [];
  for (const [path, theirs] of Object.entries(upstream)) {
    const mine = ours[path];
    if (!mine) {
      problems.push(`${path}: missing`);
      continue;
    }
    for (const key of options.compare ?? ALL_COMPARED) {
      if (!isDeepStrictEqual(normalized(key, mine[key]), normalized(key, theirs[key]))) {
        problems.push(`${path}: ${key} ${JSON.stringify(mine[key])}, upstream ${JSON.stringify(theirs[key])}`);
      }
    }
    for (const rule of theirs.rules ?? []) {
      if (!mine.rules?.some((r) => r.rule === rule.rule && r.message === rule.message)) {
        problems.push(`${path}: CEL rule missing: ${rule.rule}`);
      }
    }
    if (options.forbidNewRestrictions ?? true) {
      for (const keyword of mine.restrictions ?? []) {
        if (!theirs.restrictions?.includes(keyword)) problems.push(`${path}: adds ${keyword}`);
      }
    }
  }
  return problems;
}
