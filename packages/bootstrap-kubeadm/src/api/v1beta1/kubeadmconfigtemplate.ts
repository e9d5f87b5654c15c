import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { kubeadmConfigSpecV1beta1Schema } from './kubeadmconfig-spec.js';

/** KubeadmConfigTemplate v1beta1: served for older manifests, converted to v1beta2. */
export const KubeadmConfigTemplateV1beta1 = defineResource({
  group: 'bootstrap.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'KubeadmConfigTemplate',
  plural: 'kubeadmconfigtemplates',
  categories: ['cluster-api'],
  scope: 'Namespaced',
  storage: false,
  deprecated: true,
  description: 'KubeadmConfigTemplate is the Schema for the kubeadmconfigtemplates API.',
  spec: z
    .object({
      template: z
        .object({
          metadata: z
            .object({
              labels: z.record(z.string(), z.string()).describe('Labels of the created objects.').optional(),
              annotations: z.record(z.string(), z.string()).describe('Annotations of the created objects.').optional(),
            })
            .describe('Metadata of the created KubeadmConfigs.')
            .optional(),
          spec: kubeadmConfigSpecV1beta1Schema.optional(),
        })
        .describe('The KubeadmConfig to create for each machine.'),
    })
    .describe('The desired state of a KubeadmConfigTemplate.')
    .optional(),
  printerColumns: [
    {
      name: 'Age',
      type: 'date',
      description: 'Time duration since creation of KubeadmConfigTemplate',
      jsonPath: '.metadata.creationTimestamp',
    },
  ],
});

/** A KubeadmConfigTemplate object (v1beta1). */
export type KubeadmConfigTemplateV1beta1 = InferResource<typeof KubeadmConfigTemplateV1beta1>;
