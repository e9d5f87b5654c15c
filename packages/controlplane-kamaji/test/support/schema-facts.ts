import type { JsonSchemaProps } from '@capi-ts/sdk';
import { crdSchemaFacts, type SchemaFacts } from '@capi-ts/sdk/testing';

/**
 * The facts of a CRD version that drop-in compatibility depends on, in a form small enough to keep as a fixture
 * and compare: per property path (`crdSchemaFacts` of the SDK) its type, enum, default, CEL rules and restricting
 * keywords; plus names, printer columns and subresources. `scripts/extract-crd-facts.ts` writes them for the
 * upstream CRDs.
 */
export interface VersionFacts {
  name: string;
  printerColumns: unknown[];
  subresources: unknown;
  properties: SchemaFacts;
}

export interface CrdFacts {
  name: string;
  names: unknown;
  scope: string;
  versions: VersionFacts[];
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
      schema?: { openAPIV3Schema?: JsonSchemaProps };
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
      properties: crdSchemaFacts(v.schema?.openAPIV3Schema ?? {}),
    })),
  };
}
