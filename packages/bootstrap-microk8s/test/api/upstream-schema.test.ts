import { readFileSync } from 'node:fs';
import type { JsonSchemaProps } from '@capi-ts/sdk';
import { crdSchemaFacts, type SchemaFact, schemaCompatibilityProblems } from '@capi-ts/sdk/testing';
import { describe, expect, it } from 'vitest';
import { microK8sConfigCrd, microK8sConfigTemplateCrd } from '../../src/api/crds.js';

/**
 * Every property path of CABPM's CRD schemas (flattened into our own fixture: type, enum, default, format,
 * minimum, required) must exist in ours with the same values, and ours must not add a validation upstream lacks,
 * so every manifest the Go provider accepts is accepted here and defaulted the same way.
 */
interface UpstreamKind {
  group: string;
  version: string;
  plural: string;
  scope: string;
  subresources: Record<string, unknown>;
  paths: Record<string, Partial<SchemaFact>>;
}
const upstream = JSON.parse(
  readFileSync(new URL('../fixtures/upstream-cabpm-schema.json', import.meta.url), 'utf8'),
) as Record<string, UpstreamKind>;

describe.each([
  ['MicroK8sConfig', microK8sConfigCrd],
  ['MicroK8sConfigTemplate', microK8sConfigTemplateCrd],
])('%s CRD against CABPM', (kind, crd) => {
  const expected = upstream[kind] as UpstreamKind;
  const version = crd.spec.versions.find((v) => v.name === expected.version);

  it('has the same group, version, plural, scope and status subresource', () => {
    expect(crd.spec.group).toBe(expected.group);
    expect(crd.spec.names.plural).toBe(expected.plural);
    expect(crd.spec.scope).toBe(expected.scope);
    expect(version?.served).toBe(true);
    expect(version?.storage).toBe(true);
    expect(version?.subresources).toEqual(expected.subresources);
  });

  it('lists both contracts for its version', () => {
    expect(crd.metadata.labels).toMatchObject({
      'cluster.x-k8s.io/v1beta1': 'v1beta1',
      'cluster.x-k8s.io/v1beta2': 'v1beta1',
      'cluster.x-k8s.io/provider': 'bootstrap-microk8s',
    });
  });

  it('has every upstream property path with the same facts, and restricts none further', () => {
    const ours = crdSchemaFacts(version?.schema?.openAPIV3Schema as JsonSchemaProps);
    expect(schemaCompatibilityProblems(ours, expected.paths)).toEqual([]);
  });
});
