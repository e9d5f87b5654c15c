import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { lxcMachineSpecSchema } from './lxcmachine-spec.js';
import { templateObjectMetaSchema } from './status.js';

/** LXCMachineTemplate: the LXCMachine that control planes and MachineDeployments stamp out per Machine. */
export const lxcMachineTemplateResource = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1alpha2',
  kind: 'LXCMachineTemplate',
  plural: 'lxcmachinetemplates',
  scope: 'Namespaced',
  description: 'LXCMachineTemplate is a template for LXCMachines.',
  spec: z
    .object({
      template: z
        .object({ metadata: templateObjectMetaSchema.optional(), spec: lxcMachineSpecSchema })
        .describe('The LXCMachine to create for each machine.'),
    })
    .describe('The desired state of an LXCMachineTemplate.')
    .optional(),
  printerColumns: [
    {
      name: 'Age',
      type: 'date',
      jsonPath: '.metadata.creationTimestamp',
      description: 'Time duration since creation of LXCMachineTemplate',
    },
  ],
});

/** An LXCMachineTemplate object. */
export type LXCMachineTemplate = InferResource<typeof lxcMachineTemplateResource>;
