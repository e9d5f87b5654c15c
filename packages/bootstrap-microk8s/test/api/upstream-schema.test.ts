import { readFileSync } from 'node:fs';
import type { JsonSchemaProps } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { microK8sConfigCrd, microK8sConfigTemplateCrd } from '../../src/api/crds.js';

/**
 * Every property path of CABPM's CRD schemas (flattened into our own fixture: type, enum, default, format,
 * minimum, required) must exist in ours with the same values, and ours must not add a validation upstream lacks,
 * so every manifest the Go provider accepts is accepted here and defaulted the same way.
 */
interface UpstreamNode {
  type: string;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  required?: string[];
}
interface UpstreamKind {
  group: string;
  version: string;
  plural: string;
  scope: string;
  subresources: Record<string, unknown>;
  paths: Record<string, UpstreamNode>;
}
const upstream = JSON.parse(
  readFileSync(new URL('../fixtures/upstream-cabpm-schema.json', import.meta.url), 'utf8'),
) as Record<string, UpstreamKind>;

/** Our schema node at a flattened path such as `.spec.initConfiguration.extraWriteFiles[*].path`. */
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

/** Keywords that would reject input the upstream schema lets through. */
const TIGHTENING = ['pattern', 'maxLength', 'minLength', 'maxItems', 'minItems', 'maximum', 'x-kubernetes-validations'];

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

  const root = version?.schema?.openAPIV3Schema as JsonSchemaProps;
  it.each(Object.entries(expected.paths))('%s matches', (path, want) => {
    const ours = nodeAt(root, path);
    expect(ours, `${path} is missing`).toBeDefined();
    const node = ours as JsonSchemaProps;
    expect(node.type).toBe(want.type);
    expect(node.enum).toEqual(want.enum);
    expect(node.default).toEqual(want.default);
    expect(node.format).toEqual(want.format);
    expect(node.minimum).toEqual(want.minimum);
    expect([...(node.required ?? [])].sort()).toEqual(want.required ?? []);
    for (const keyword of TIGHTENING) expect(node, `${path} adds ${keyword}`).not.toHaveProperty(keyword);
  });
});
