import { describe, expect, it } from 'vitest';
import { openStackValidatingWebhookConfiguration, openStackWebhooks } from '../../src/webhooks/registry.js';

describe('webhook registration', () => {
  it("serves CAPO's paths and names", () => {
    expect(openStackWebhooks.map(({ name, path }) => [name, path])).toEqual([
      [
        'validation.openstackcluster.infrastructure.cluster.x-k8s.io',
        '/validate-infrastructure-cluster-x-k8s-io-v1beta1-openstackcluster',
      ],
      [
        'validation.openstackclustertemplate.infrastructure.cluster.x-k8s.io',
        '/validate-infrastructure-cluster-x-k8s-io-v1beta1-openstackclustertemplate',
      ],
      [
        'validation.openstackmachine.infrastructure.cluster.x-k8s.io',
        '/validate-infrastructure-cluster-x-k8s-io-v1beta1-openstackmachine',
      ],
      [
        'validation.openstackmachinetemplate.infrastructure.cluster.x-k8s.io',
        '/validate-infrastructure-cluster-x-k8s-io-v1beta1-openstackmachinetemplate',
      ],
      [
        'validation.openstackserver.infrastructure.cluster.x-k8s.io',
        '/validate-infrastructure-cluster-x-k8s-io-v1alpha1-openstackserver',
      ],
    ]);
  });

  it('points the configuration at the in-cluster Service, one rule per kind, failing closed', () => {
    const configuration = openStackValidatingWebhookConfiguration({
      service: { namespace: 'capo-system', name: 'capo-webhook-service' },
    }) as unknown as { metadata: { name: string }; webhooks: Record<string, unknown>[] };
    expect(configuration.metadata.name).toBe('capo-validating-webhook-configuration');
    expect(configuration.webhooks[4]).toEqual({
      name: 'validation.openstackserver.infrastructure.cluster.x-k8s.io',
      clientConfig: {
        service: {
          namespace: 'capo-system',
          name: 'capo-webhook-service',
          path: '/validate-infrastructure-cluster-x-k8s-io-v1alpha1-openstackserver',
        },
      },
      rules: [
        {
          apiGroups: ['infrastructure.cluster.x-k8s.io'],
          apiVersions: ['v1alpha1'],
          operations: ['CREATE', 'UPDATE'],
          resources: ['openstackservers'],
        },
      ],
      admissionReviewVersions: ['v1'],
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      sideEffects: 'None',
    });
  });
});
