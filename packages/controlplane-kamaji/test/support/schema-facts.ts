/**
 * The facts of a CRD version that drop-in compatibility depends on, in a form small enough to keep as a fixture
 * and compare: per property path its type, enum, default and CEL rules; plus names, printer columns and
 * subresources. `scripts/extract-crd-facts.ts` writes them for the upstream CRDs.
 */
export interface PropertyFacts {
  type: string;
  enum?: unknown[];
  default?: unknown;
  rules?: { rule: string; message?: string }[];
}

export interface VersionFacts {
  name: string;
  printerColumns: unknown[];
  subresources: unknown;
  properties: Record<string, PropertyFacts>;
}

export interface CrdFacts {
  name: string;
  names: unknown;
  scope: string;
  versions: VersionFacts[];
}

interface Schema {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
}

function typeOf(schema: Schema): string {
  if (schema['x-kubernetes-int-or-string']) return 'int-or-string';
  if (schema.type) return schema.type;
  return schema['x-kubernetes-preserve-unknown-fields'] ? 'any' : 'untyped';
}

/** Every property path of a structural schema (`.spec.list[].map{}`) with its facts. */
export function propertyFacts(schema: Schema, path = '', out: Record<string, PropertyFacts> = {}) {
  const facts: PropertyFacts = { type: typeOf(schema) };
  if (schema.enum) facts.enum = [...schema.enum].sort();
  if (schema.default !== undefined) facts.default = schema.default;
  const rules = schema['x-kubernetes-validations'];
  if (rules?.length) facts.rules = rules.map(({ rule, message }) => ({ rule, ...(message ? { message } : {}) }));
  out[path || '.'] = facts;
  for (const [key, child] of Object.entries(schema.properties ?? {})) propertyFacts(child, `${path}.${key}`, out);
  if (schema.items) propertyFacts(schema.items, `${path}[]`, out);
  if (typeof schema.additionalProperties === 'object') propertyFacts(schema.additionalProperties, `${path}{}`, out);
  return out;
}

interface CrdLike {
  metadata: { name?: string };
  spec: {
    names: unknown;
    scope: string;
    versions: {
      name: string;
      additionalPrinterColumns?: unknown[];
      subresources?: unknown;
      schema?: { openAPIV3Schema?: Schema };
    }[];
  };
}

/** The compatibility facts of a CRD object. */
export function crdFacts(crd: CrdLike): CrdFacts {
  return {
    name: crd.metadata.name ?? '',
    names: crd.spec.names,
    scope: crd.spec.scope,
    versions: crd.spec.versions.map((v) => ({
      name: v.name,
      printerColumns: v.additionalPrinterColumns ?? [],
      subresources: v.subresources ?? {},
      properties: propertyFacts(v.schema?.openAPIV3Schema ?? {}),
    })),
  };
}
