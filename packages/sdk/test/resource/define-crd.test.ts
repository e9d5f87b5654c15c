import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  contractLabels,
  defineCustomResourceDefinition,
  defineResource,
  isCustomResourceDefinition,
  type ResourceOptions,
} from '../../src/resource/index.js';

type Options = Partial<ResourceOptions<z.ZodType, z.ZodType | undefined>>;

function version(name: string, extra: Options = {}) {
  return defineResource({
    group: 'controlplane.cluster.x-k8s.io',
    version: name,
    kind: 'ExampleControlPlane',
    plural: 'examplecontrolplanes',
    categories: ['cluster-api'],
    scope: 'Namespaced',
    spec: z.object({ replicas: z.int32().optional(), version: z.string() }),
    status: z.object({ replicas: z.int32().optional(), selector: z.string().optional() }),
    ...extra,
  });
}

describe('defineCustomResourceDefinition', () => {
  it('assembles a multi-version CRD with contract labels, subresources and printer columns', () => {
    const v1alpha1 = version('v1alpha1', { deprecated: true, deprecationWarning: 'use v1alpha2' });
    const v1alpha2 = version('v1alpha2', {
      storage: true,
      printerColumns: [
        { name: 'Version', type: 'string', jsonPath: '.spec.version' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
      subresources: {
        scale: {
          specReplicasPath: '.spec.replicas',
          statusReplicasPath: '.status.replicas',
          labelSelectorPath: '.status.selector',
        },
      },
    });
    const crd = defineCustomResourceDefinition({
      versions: [v1alpha1, v1alpha2],
      contract: { v1beta2: ['v1alpha2'] },
      labels: { 'app.kubernetes.io/part-of': 'example' },
      annotations: { 'cert-manager.io/inject-ca-from': 'ns/cert' },
    });
    expect(isCustomResourceDefinition(crd)).toBe(true);
    expect(crd.metadata).toEqual({
      name: 'examplecontrolplanes.controlplane.cluster.x-k8s.io',
      labels: { 'app.kubernetes.io/part-of': 'example', 'cluster.x-k8s.io/v1beta2': 'v1alpha2' },
      annotations: { 'cert-manager.io/inject-ca-from': 'ns/cert' },
    });
    expect(crd.spec.group).toBe('controlplane.cluster.x-k8s.io');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names).toEqual({
      kind: 'ExampleControlPlane',
      listKind: 'ExampleControlPlaneList',
      plural: 'examplecontrolplanes',
      singular: 'examplecontrolplane',
      categories: ['cluster-api'],
    });
    const [old, current] = crd.spec.versions;
    expect(old).toMatchObject({
      name: 'v1alpha1',
      served: true,
      storage: false,
      deprecated: true,
      deprecationWarning: 'use v1alpha2',
    });
    expect(old?.subresources).toEqual({ status: {} });
    expect(old?.additionalPrinterColumns).toBeUndefined();
    expect(current).toMatchObject({ name: 'v1alpha2', served: true, storage: true });
    expect(current?.deprecated).toBeUndefined();
    expect(current?.subresources?.scale?.labelSelectorPath).toBe('.status.selector');
    expect(current?.additionalPrinterColumns?.map((c) => c.name)).toEqual(['Version', 'Age']);
    expect(current?.schema.openAPIV3Schema).toEqual(v1alpha2.openApiSchema);
    expect(current?.schema.openAPIV3Schema).not.toBe(v1alpha2.openApiSchema);
    expect(crd.spec.conversion).toBeUndefined();
  });

  it('makes the only version the storage version', () => {
    const crd = defineCustomResourceDefinition({ versions: [version('v1')] });
    expect(crd.spec.versions[0]?.storage).toBe(true);
    expect(crd.metadata.labels).toBeUndefined();
  });

  it('requires exactly one storage version', () => {
    expect(() => defineCustomResourceDefinition({ versions: [version('v1'), version('v2')] })).toThrow(
      'exactly one version must set storage: true (found: none)',
    );
    expect(() =>
      defineCustomResourceDefinition({
        versions: [version('v1', { storage: true }), version('v2', { storage: true })],
      }),
    ).toThrow('(found: v1, v2)');
    expect(() => defineCustomResourceDefinition({ versions: [version('v1', { storage: false })] })).toThrow(
      '(found: none)',
    );
  });

  it('rejects duplicate versions, unserved CRDs and versions that disagree on identity', () => {
    expect(() =>
      defineCustomResourceDefinition({ versions: [version('v1', { storage: true }), version('v1')] }),
    ).toThrow('version v1 is listed more than once');
    expect(() => defineCustomResourceDefinition({ versions: [version('v1', { served: false })] })).toThrow(
      'no version is served',
    );
    expect(() =>
      defineCustomResourceDefinition({
        versions: [version('v1', { storage: true }), version('v2', { scope: 'Cluster', shortNames: ['x'] })],
      }),
    ).toThrow(/version v2 has a different scope than v1; version v2 has a different names than v1/);
  });

  it('checks that contract labels name served versions', () => {
    const versions = [version('v1alpha1', { served: false }), version('v1alpha2', { storage: true })];
    expect(() => defineCustomResourceDefinition({ versions, contract: { v1beta2: ['v1alpha3'] } })).toThrow(
      'contract v1beta2 names version v1alpha3, which the CRD lacks',
    );
    expect(() => defineCustomResourceDefinition({ versions, contract: { v1beta1: ['v1alpha1'] } })).toThrow(
      'contract v1beta1 names version v1alpha1, not served',
    );
    expect(() => defineCustomResourceDefinition({ versions, contract: { beta: ['v1alpha2'] } })).toThrow(
      'contract "beta" is not a Kubernetes version',
    );
  });

  it('joins several CRD versions of one contract with underscores', () => {
    expect(contractLabels({ v1beta1: ['v1alpha1', 'v1alpha2'], v1beta2: ['v1alpha2'] })).toEqual({
      'cluster.x-k8s.io/v1beta1': 'v1alpha1_v1alpha2',
      'cluster.x-k8s.io/v1beta2': 'v1alpha2',
    });
  });

  it('emits a conversion webhook stanza with a service or a URL', () => {
    const versions = [version('v1alpha1'), version('v1alpha2', { storage: true })];
    const crd = defineCustomResourceDefinition({
      versions,
      conversion: { strategy: 'Webhook', service: { namespace: 'capi-system', name: 'webhook', path: '/convert' } },
    });
    expect(crd.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: { service: { namespace: 'capi-system', name: 'webhook', path: '/convert' } },
        conversionReviewVersions: ['v1'],
      },
    });
    const byUrl = defineCustomResourceDefinition({
      versions,
      conversion: { strategy: 'Webhook', url: 'https://127.0.0.1:9443/convert', caBundle: 'Q0E=' },
    });
    expect(byUrl.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: { url: 'https://127.0.0.1:9443/convert', caBundle: 'Q0E=' },
        conversionReviewVersions: ['v1'],
      },
    });
    expect(() => defineCustomResourceDefinition({ versions, conversion: { strategy: 'Webhook' } })).toThrow(
      'exactly one of service or url',
    );
    const none = defineCustomResourceDefinition({ versions, conversion: { strategy: 'None' } });
    expect(none.spec.conversion).toEqual({ strategy: 'None' });
  });
});
