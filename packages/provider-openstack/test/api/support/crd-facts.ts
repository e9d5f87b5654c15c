import type { JsonSchemaProps } from '@capi-ts/sdk';
import { crdSchemaFacts, type SchemaFacts } from '@capi-ts/sdk/testing';

/** The compatibility facts of one CRD version: printer columns, subresources and per-path schema facts. */
export interface VersionFacts {
  name: string;
  served: boolean;
  storage: boolean;
  printerColumns: { name: string; type: string; jsonPath: string; priority?: number }[];
  subresources: unknown;
  properties: SchemaFacts;
  /** Per path, the values of the keywords the facts only name or leave out (bounds, patterns, list and map types). */
  keywords: Record<string, Record<string, unknown>>;
}

/** The compatibility facts of a CRD, the form the upstream CRDs are kept in as a fixture. */
export interface CrdFacts {
  name: string;
  labels: Record<string, string>;
  names: unknown;
  scope: string;
  versions: VersionFacts[];
}

interface CrdLike {
  metadata: { name?: string; labels?: Record<string, string> };
  spec: {
    names: unknown;
    scope: string;
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      additionalPrinterColumns?: { name: string; type: string; jsonPath: string; priority?: number }[];
      subresources?: unknown;
      schema?: { openAPIV3Schema?: JsonSchemaProps };
    }[];
  };
}

/** The facts of a CRD object; printer column descriptions are left out (prose, not behaviour). */
export function crdFacts(crd: CrdLike): CrdFacts {
  return {
    name: crd.metadata.name ?? '',
    labels: crd.metadata.labels ?? {},
    names: crd.spec.names,
    scope: crd.spec.scope,
    versions: crd.spec.versions.map((v) => ({
      name: v.name,
      served: v.served,
      storage: v.storage,
      printerColumns: (v.additionalPrinterColumns ?? []).map(({ name, type, jsonPath, priority }) => ({
        name,
        type,
        jsonPath,
        ...(priority === undefined ? {} : { priority }),
      })),
      subresources: v.subresources ?? {},
      properties: crdSchemaFacts(v.schema?.openAPIV3Schema ?? {}),
      keywords: schemaKeywords(v.schema?.openAPIV3Schema ?? {}),
    })),
  };
}

/** Keywords {@link crdSchemaFacts} already covers, or that hold children or prose. */
const COVERED = new Set([
  'type',
  'enum',
  'default',
  'format',
  'minimum',
  'required',
  'x-kubernetes-validations',
  'description',
  'properties',
  'items',
  'additionalProperties',
]);

/** The remaining keywords of every path of a schema, with their values (paths without any are left out). */
export function schemaKeywords(
  schema: JsonSchemaProps,
  path = '',
  out: Record<string, Record<string, unknown>> = {},
): Record<string, Record<string, unknown>> {
  const keywords = Object.fromEntries(Object.entries(schema).filter(([key]) => !COVERED.has(key)));
  if (Object.keys(keywords).length > 0) out[path || '.'] = keywords;
  for (const [name, child] of Object.entries(schema.properties ?? {})) schemaKeywords(child, `${path}.${name}`, out);
  if (schema.items) schemaKeywords(schema.items, `${path}[*]`, out);
  if (typeof schema.additionalProperties === 'object') schemaKeywords(schema.additionalProperties, `${path}{*}`, out);
  return out;
}
