import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { microK8sConfigSpecSchema } from './microk8sconfig-spec.js';

/** MicroK8sConfigTemplate: the MicroK8sConfig that MachineDeployments and MachinePools stamp out per machine. */
export const MicroK8sConfigTemplate = defineResource({
  group: 'bootstrap.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'MicroK8sConfigTemplate',
  plural: 'microk8sconfigtemplates',
  scope: 'Namespaced',
  description: 'MicroK8sConfigTemplate is a template for MicroK8sConfigs.',
  spec: z
    .object({
      template: z
        .object({ spec: microK8sConfigSpecSchema.optional() })
        .describe('The MicroK8sConfig to create for each machine.'),
    })
    .describe('The desired state of a MicroK8sConfigTemplate.')
    .optional(),
  status: z.object({}).describe('A MicroK8sConfigTemplate has no observed state.'),
});

/** A MicroK8sConfigTemplate object. */
export type MicroK8sConfigTemplate = InferResource<typeof MicroK8sConfigTemplate>;
