import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { nonEmpty } from './fields.js';
import { kubeadmConfigSpecSchema } from './kubeadmconfig-spec.js';

/** KubeadmConfigTemplate (v1beta2): the KubeadmConfig that MachineDeployments and MachinePools stamp out. */
export const KubeadmConfigTemplate = defineResource({
  group: 'bootstrap.cluster.x-k8s.io',
  version: 'v1beta2',
  kind: 'KubeadmConfigTemplate',
  plural: 'kubeadmconfigtemplates',
  categories: ['cluster-api'],
  scope: 'Namespaced',
  storage: true,
  description: 'KubeadmConfigTemplate is the Schema for the kubeadmconfigtemplates API.',
  spec: z
    .object({
      template: nonEmpty(
        z
          .object({
            metadata: nonEmpty(
              z
                .object({
                  labels: z.record(z.string(), z.string()).describe('Labels of the created objects.').optional(),
                  annotations: z
                    .record(z.string(), z.string())
                    .describe('Annotations of the created objects.')
                    .optional(),
                })
                .describe('Metadata of the created KubeadmConfigs.'),
            ).optional(),
            spec: kubeadmConfigSpecSchema.optional(),
          })
          .describe('The KubeadmConfig to create for each machine.'),
      ),
    })
    .describe('The desired state of a KubeadmConfigTemplate.')
    .optional(),
  printerColumns: [
    {
      name: 'ClusterClass',
      type: 'string',
      description: 'Name of the ClusterClass owning this template',
      jsonPath: '.metadata.ownerReferences[?(@.kind=="ClusterClass")].name',
    },
    {
      name: 'Cluster',
      type: 'string',
      description: 'Name of the Cluster owning this template',
      jsonPath: '.metadata.ownerReferences[?(@.kind=="Cluster")].name',
    },
    {
      name: 'Age',
      type: 'date',
      description: 'Time duration since creation of KubeadmConfigTemplate',
      jsonPath: '.metadata.creationTimestamp',
    },
  ],
});

/** A KubeadmConfigTemplate object (v1beta2). */
export type KubeadmConfigTemplate = InferResource<typeof KubeadmConfigTemplate>;
