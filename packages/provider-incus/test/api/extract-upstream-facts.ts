/**
 * Writes `fixtures/upstream-capn-crds.json` from CAPN's CRD files: per kind the group, version, names, scope,
 * subresources, printer columns and the flattened schema facts (`crdSchemaFacts`) that `upstream-crds.test.ts`
 * compares ours with. Usage: `tsx --conditions=source test/api/extract-upstream-facts.ts <crd.yaml>...`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { JsonSchemaProps } from '@capi-ts/sdk';
import { crdSchemaFacts } from '@capi-ts/sdk/testing';
import { parse } from 'yaml';

interface CrdFile {
  spec: {
    group: string;
    names: { kind: string; plural: string; categories?: string[] };
    scope: string;
    versions: {
      name: string;
      additionalPrinterColumns?: unknown[];
      subresources?: Record<string, unknown>;
      schema: { openAPIV3Schema: JsonSchemaProps };
    }[];
  };
}

const out: Record<string, unknown> = {};
for (const file of process.argv.slice(2)) {
  const crd = parse(readFileSync(file, 'utf8')) as CrdFile;
  for (const version of crd.spec.versions) {
    out[crd.spec.names.kind] = {
      group: crd.spec.group,
      version: version.name,
      plural: crd.spec.names.plural,
      categories: crd.spec.names.categories ?? [],
      scope: crd.spec.scope,
      subresources: version.subresources ?? {},
      printerColumns: version.additionalPrinterColumns ?? [],
      paths: crdSchemaFacts(version.schema.openAPIV3Schema),
    };
  }
}
const target = new URL('fixtures/upstream-capn-crds.json', import.meta.url).pathname;
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
process.stdout.write(`wrote ${target}\n`);
