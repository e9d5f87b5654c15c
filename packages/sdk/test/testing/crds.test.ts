import { describe, expect, it } from 'vitest';
import { apiVersionOf } from '../../src/index.js';
import { servedResourceTypes } from '../../src/testing/index.js';

const crd = (group: string, scope: string, versions: { name: string; served: boolean }[]) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `widgets.${group}` },
  spec: { group, scope, names: { kind: 'Widget', plural: 'widgets' }, versions },
});

describe('servedResourceTypes', () => {
  it('gives one resource type per served version of each CRD, namespaced as its scope says', () => {
    const types = servedResourceTypes([
      crd('example.com', 'Namespaced', [
        { name: 'v1alpha1', served: false },
        { name: 'v1beta1', served: true },
        { name: 'v1', served: true },
      ]),
      crd('other.io', 'Cluster', [{ name: 'v1', served: true }]),
    ]);
    expect(types.map((t) => [apiVersionOf(t), t.kind, t.plural, t.namespaced])).toEqual([
      ['example.com/v1beta1', 'Widget', 'widgets', true],
      ['example.com/v1', 'Widget', 'widgets', true],
      ['other.io/v1', 'Widget', 'widgets', false],
    ]);
  });
});
