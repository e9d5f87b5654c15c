import { readFileSync } from 'node:fs';
import type { JsonSchemaProps } from '@capi-ts/sdk';
import { crdSchemaFacts, type SchemaFact, schemaCompatibilityProblems } from '@capi-ts/sdk/testing';
import { describe, expect, it } from 'vitest';
import { microK8sControlPlaneCrd, microK8sControlPlaneTemplateCrd } from '../../src/api/crds.js';

/**
 * Every property path of CACPM's CRD schema (flattened into our own fixture) must exist in ours with the same
 * type, enum, default, format, minimum, pattern, minLength and required list, except for the deliberate changes
 * listed in DELIBERATE, and ours must not add a validation upstream lacks.
 */
interface UpstreamNode {
  type: string;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  required?: string[];
}
interface UpstreamKind {
  group: string;
  version: string;
  plural: string;
  scope: string;
  shortNames: string[];
  categories: string[];
  subresources: Record<string, unknown>;
  printerColumns: { name: string; type: string; jsonPath: string }[];
  paths: Record<string, UpstreamNode>;
}
const upstream = (
  JSON.parse(readFileSync(new URL('../fixtures/upstream-cacpm-schema.json', import.meta.url), 'utf8')) as Record<
    string,
    UpstreamKind
  >
).MicroK8sControlPlane as UpstreamKind;

/** Deliberate differences from CACPM, each loosening or fixing upstream. */
const DELIBERATE: Record<string, Partial<SchemaFact>> = {
  // Upstream has no default and dereferences a nil pointer.
  '.spec.replicas': { default: 1 },
  // ClusterClass topology writes infrastructureRef / spec.infrastructureRef instead; a CEL rule requires one.
  '.spec.machineTemplate': { required: [], restrictions: ['x-kubernetes-validations'] },
};

/** The fixture's node as schema facts: its restricting keywords named, the deliberate changes applied. */
function expectedFact(path: string, node: UpstreamNode): Partial<SchemaFact> {
  const { minLength, pattern, ...facts } = node;
  const restrictions = [...(minLength !== undefined ? ['minLength'] : []), ...(pattern ? ['pattern'] : [])];
  return { ...facts, ...(restrictions.length ? { restrictions } : {}), ...DELIBERATE[path] };
}

function nodeAt(root: JsonSchemaProps, path: string): JsonSchemaProps | undefined {
  if (path === '.') return root;
  let node: JsonSchemaProps | undefined = root;
  for (const step of path.slice(1).split('.')) {
    const [name, ...stars] = step.split('[*]');
    node = node?.properties?.[name as string];
    for (let i = 0; i < stars.length; i++) node = node?.items as JsonSchemaProps | undefined;
  }
  return node;
}

describe('MicroK8sControlPlane CRD against CACPM', () => {
  const crd = microK8sControlPlaneCrd;
  const version = crd.spec.versions.find((v) => v.name === upstream.version);
  const root = version?.schema?.openAPIV3Schema as JsonSchemaProps;

  it('has the same group, version, names, scope and subresources', () => {
    expect(crd.spec.group).toBe(upstream.group);
    expect(crd.spec.names.plural).toBe(upstream.plural);
    expect(crd.spec.names.shortNames).toEqual(upstream.shortNames);
    expect(crd.spec.names.categories).toEqual(upstream.categories);
    expect(crd.spec.scope).toBe(upstream.scope);
    expect(version?.served).toBe(true);
    expect(version?.storage).toBe(true);
    expect(version?.subresources).toEqual(upstream.subresources);
  });

  it('has the upstream printer columns', () => {
    const columns = (version?.additionalPrinterColumns ?? []).map(({ name, type, jsonPath }) => ({
      name,
      type,
      jsonPath,
    }));
    expect(columns).toEqual(expect.arrayContaining(upstream.printerColumns));
  });

  it('lists both contracts for its version', () => {
    expect(crd.metadata.labels).toMatchObject({
      'cluster.x-k8s.io/v1beta1': 'v1beta1',
      'cluster.x-k8s.io/v1beta2': 'v1beta1',
      'cluster.x-k8s.io/provider': 'control-plane-microk8s',
    });
  });

  it('has every upstream property path with the same facts, and restricts none further', () => {
    const expected = Object.fromEntries(
      Object.entries(upstream.paths).map(([path, node]) => [path, expectedFact(path, node)]),
    );
    expect(schemaCompatibilityProblems(crdSchemaFacts(root), expected)).toEqual([]);
  });

  it('has the same patterns and minimum lengths where upstream restricts', () => {
    for (const [path, node] of Object.entries(upstream.paths)) {
      if (node.pattern === undefined && node.minLength === undefined) continue;
      expect(nodeAt(root, path)?.pattern, path).toEqual(node.pattern);
      expect(nodeAt(root, path)?.minLength, path).toEqual(node.minLength);
    }
  });

  it('adds the v1beta2 contract status fields', () => {
    for (const path of [
      '.status.initialization.controlPlaneInitialized',
      '.status.availableReplicas',
      '.status.upToDateReplicas',
      '.status.version',
      '.status.v1beta2.conditions',
    ]) {
      expect(nodeAt(root, path), path).toBeDefined();
    }
  });
});

describe('MicroK8sControlPlaneTemplate CRD', () => {
  const root = microK8sControlPlaneTemplateCrd.spec.versions[0]?.schema?.openAPIV3Schema as JsonSchemaProps;

  it('templates every spec field of the control plane except replicas and version', () => {
    for (const [path, node] of Object.entries(upstream.paths)) {
      if (!path.startsWith('.spec.') || path === '.spec.replicas' || path === '.spec.version') continue;
      const ours = nodeAt(root, path.replace('.spec.', '.spec.template.spec.'));
      expect(ours, path).toBeDefined();
      expect(ours?.type).toBe(node.type);
    }
    expect(nodeAt(root, '.spec.template.spec.replicas')).toBeUndefined();
  });

  it('does not require an infrastructure reference (ClusterClass supplies it)', () => {
    expect(nodeAt(root, '.spec.template.spec.machineTemplate')?.['x-kubernetes-validations']).toBeUndefined();
  });
});
