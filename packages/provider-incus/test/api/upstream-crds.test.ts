import { readFileSync } from 'node:fs';
import type { CustomResourceDefinition, JsonSchemaProps } from '@capi-ts/sdk';
import { crdSchemaFacts, type SchemaFact, schemaCompatibilityProblems } from '@capi-ts/sdk/testing';
import { describe, expect, it } from 'vitest';
import { lxcClusterCrd, lxcClusterTemplateCrd, lxcMachineCrd, lxcMachineTemplateCrd } from '../../src/api/crds.js';

/**
 * Our CRDs against CAPN's (v1alpha2, flattened by extract-upstream-facts.ts): every upstream property path with
 * the same type, enum, default, format, minimum and required list, no restriction upstream lacks, and the same
 * names, scope, subresources and printer columns, so every manifest written for CAPN is accepted and shown alike.
 */
interface UpstreamKind {
  group: string;
  version: string;
  plural: string;
  categories: string[];
  scope: string;
  subresources: Record<string, unknown>;
  printerColumns: unknown[];
  paths: Record<string, Partial<SchemaFact>>;
}
const upstream = JSON.parse(
  readFileSync(new URL('fixtures/upstream-capn-crds.json', import.meta.url), 'utf8'),
) as Record<string, UpstreamKind>;

describe.each<[string, CustomResourceDefinition]>([
  ['LXCCluster', lxcClusterCrd],
  ['LXCClusterTemplate', lxcClusterTemplateCrd],
  ['LXCMachine', lxcMachineCrd],
  ['LXCMachineTemplate', lxcMachineTemplateCrd],
])('%s CRD against CAPN', (kind, crd) => {
  const expected = upstream[kind] as UpstreamKind;
  const version = crd.spec.versions.find((v) => v.name === expected.version);

  it('has the same group, version, names, scope and subresources', () => {
    expect(crd.spec.group).toBe(expected.group);
    expect(crd.spec.names.kind).toBe(kind);
    expect(crd.spec.names.plural).toBe(expected.plural);
    expect(crd.spec.names.categories ?? []).toEqual(expected.categories);
    expect(crd.spec.scope).toBe(expected.scope);
    expect(crd.spec.versions.map((v) => v.name)).toEqual(['v1alpha2']);
    expect(version?.served).toBe(true);
    expect(version?.storage).toBe(true);
    expect(version?.subresources ?? {}).toEqual(expected.subresources);
  });

  it('has the same printer columns', () => {
    expect(version?.additionalPrinterColumns ?? []).toEqual(expected.printerColumns);
  });

  it('carries the provider label and both contract labels', () => {
    expect(crd.metadata.labels).toMatchObject({
      'cluster.x-k8s.io/provider': 'infrastructure-incus',
      'cluster.x-k8s.io/v1beta1': 'v1alpha2',
      'cluster.x-k8s.io/v1beta2': 'v1alpha2',
    });
  });

  it('has every upstream property path with the same facts, and restricts none further', () => {
    const ours = crdSchemaFacts(version?.schema?.openAPIV3Schema as JsonSchemaProps);
    expect(schemaCompatibilityProblems(ours, expected.paths)).toEqual([]);
  });
});

describe('v1beta2 contract fields beyond CAPN', () => {
  it.each([
    ['LXCCluster', lxcClusterCrd],
    ['LXCMachine', lxcMachineCrd],
  ])('%s has status.initialization.provisioned', (_kind, crd) => {
    const facts = crdSchemaFacts(crd.spec.versions[0]?.schema?.openAPIV3Schema as JsonSchemaProps);
    expect(facts['.status.initialization.provisioned']).toEqual({ type: 'boolean' });
  });
});
