import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import {
  machineMetadataSchema,
  templatableSpecShape,
  templateMachineTemplateSchema,
} from './microk8scontrolplane-spec.js';

/**
 * MicroK8sControlPlaneTemplate: what a ClusterClass references as its control plane (new; CACPM has none).
 * Replicas and version come from the Cluster topology, the infrastructure template from the ClusterClass.
 */
export const MicroK8sControlPlaneTemplate = defineResource({
  group: 'controlplane.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'MicroK8sControlPlaneTemplate',
  plural: 'microk8scontrolplanetemplates',
  categories: ['cluster-api'],
  scope: 'Namespaced',
  description: 'MicroK8sControlPlaneTemplate is a template for MicroK8sControlPlanes, used by ClusterClass.',
  spec: z
    .object({
      template: z
        .object({
          metadata: machineMetadataSchema.describe('Labels and annotations of the created control plane.').optional(),
          spec: z
            .object({
              ...templatableSpecShape,
              machineTemplate: templateMachineTemplateSchema.optional(),
            })
            .describe('The MicroK8sControlPlane spec, without replicas and version.')
            .optional(),
        })
        .describe('The MicroK8sControlPlane to create for each Cluster.'),
    })
    .describe('The desired state of a MicroK8sControlPlaneTemplate.')
    .optional(),
  status: z.object({}).describe('A MicroK8sControlPlaneTemplate has no observed state.'),
});

/** A MicroK8sControlPlaneTemplate object. */
export type MicroK8sControlPlaneTemplate = InferResource<typeof MicroK8sControlPlaneTemplate>;
