import { readFileSync } from 'node:fs';
import type { CustomResourceDefinition, JsonSchemaProps } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { kubeadmConfigCrd, kubeadmConfigTemplateCrd } from '../../src/api/crds.js';

/**
 * Every property path of Cluster API v1.14's CABPK CRD schemas (flattened into our own fixture: type, enum,
 * default, format, bounds, required, list types, CEL rules) must exist in ours with exactly the same values, so
 * every manifest the Go provider accepts is accepted here, defaulted the same way, and every manifest it rejects
 * is rejected.
 */
interface UpstreamVersion {
  group: string;
  plural: string;
  scope: string;
  categories: string[];
  served: boolean;
  storage: boolean;
  subresources: Record<string, unknown>;
  printerColumns: { name: string; type: string; jsonPath: string; priority?: number }[];
  paths: Record<string, Record<string, unknown>>;
}
const upstream = JSON.parse(
  readFileSync(new URL('../fixtures/upstream-cabpk-schema.json', import.meta.url), 'utf8'),
) as Record<string, UpstreamVersion>;

/** Schema keywords compared one to one. */
const KEYWORDS = [
  'type',
  'enum',
  'default',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'pattern',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
] as const;

/** Our schema node at a flattened path such as `.spec.files[*].contentFrom.secret` or `.spec.x.featureGates{*}`. */
function nodeAt(root: JsonSchemaProps, path: string): JsonSchemaProps | undefined {
  if (path === '.') return root;
  let node: JsonSchemaProps | undefined = root;
  for (const step of path.slice(1).split('.')) {
    const [name, ...rest] = step.split(/(?=\[\*\]|\{\*\})/);
    node = node?.properties?.[name as string];
    for (const suffix of rest) {
      node = (suffix === '[*]' ? node?.items : node?.additionalProperties) as JsonSchemaProps | undefined;
    }
  }
  return node;
}

/** The comparable view of one of our schema nodes, in the fixture's shape. */
function flatten(node: JsonSchemaProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const raw = node as Record<string, unknown>;
  for (const keyword of KEYWORDS) if (raw[keyword] !== undefined) out[keyword] = raw[keyword];
  // `\/` and `/` are the same regular expression; JavaScript's RegExp source spells it escaped.
  if (typeof out.pattern === 'string') out.pattern = out.pattern.replaceAll('\\/', '/');
  if (node.required) out.required = [...node.required].sort();
  if (node['x-kubernetes-validations']) {
    out.rules = node['x-kubernetes-validations'].map((r) => ({ rule: r.rule, message: r.message }));
  }
  return out;
}

describe.each([
  ['KubeadmConfig', 'v1beta2', kubeadmConfigCrd],
  ['KubeadmConfigTemplate', 'v1beta2', kubeadmConfigTemplateCrd],
  ['KubeadmConfig', 'v1beta1', kubeadmConfigCrd],
  ['KubeadmConfigTemplate', 'v1beta1', kubeadmConfigTemplateCrd],
] as [string, string, CustomResourceDefinition][])('%s %s CRD against CABPK v1.14', (kind, versionName, crd) => {
  const expected = upstream[`${kind}/${versionName}`] as UpstreamVersion;
  const version = crd.spec.versions.find((v) => v.name === versionName);

  it('has the same group, names, scope, storage, subresources and printer columns', () => {
    expect(crd.spec.group).toBe(expected.group);
    expect(crd.spec.names.plural).toBe(expected.plural);
    expect(crd.spec.names.categories).toEqual(expected.categories);
    expect(crd.spec.scope).toBe(expected.scope);
    expect(version?.served).toBe(expected.served);
    expect(version?.storage).toBe(expected.storage);
    expect(version?.subresources ?? {}).toEqual(expected.subresources);
    expect(
      (version?.additionalPrinterColumns ?? []).map((c) => ({
        name: c.name,
        type: c.type,
        jsonPath: c.jsonPath,
        ...(c.priority ? { priority: c.priority } : {}),
      })),
    ).toEqual(expected.printerColumns);
  });

  it('carries the contract and provider labels', () => {
    expect(crd.metadata.labels).toMatchObject({
      'cluster.x-k8s.io/v1beta1': 'v1beta1',
      'cluster.x-k8s.io/v1beta2': 'v1beta2',
      'cluster.x-k8s.io/provider': 'bootstrap-kubeadm',
    });
  });

  const root = version?.schema?.openAPIV3Schema as JsonSchemaProps;
  it.each(Object.entries(expected.paths))('%s matches', (path, want) => {
    const ours = nodeAt(root, path);
    expect(ours, `${path} is missing`).toBeDefined();
    expect(flatten(ours as JsonSchemaProps)).toEqual(want);
  });
});
