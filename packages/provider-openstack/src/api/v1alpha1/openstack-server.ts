import { defineResource, type InferResource, mapType } from '@capi-ts/sdk';
import { z } from 'zod';
import { AGE_COLUMN, CATEGORIES, GROUP } from '../common/names.js';
import { identityRefSchema } from '../v1beta1/identity.js';
import { serverFieldsShape, withFlavorRule } from '../v1beta1/machine-spec.js';
import { portOptsSchema } from '../v1beta1/ports.js';
import {
  conditionsSchema,
  instanceStateSchema,
  machineAddressSchema,
  machineResourcesSchema,
  resolvedMachineSpecSchema,
} from '../v1beta1/status-types.js';

/** `OpenStackServerSpec`: one Nova server with its ports and volumes; it cannot change once created. */
export const openStackServerSpecSchema = withFlavorRule(
  z.object({
    ...serverFieldsShape,
    availabilityZone: z.string().optional(),
    identityRef: identityRefSchema,
    ports: z.array(portOptsSchema),
    sshKeyName: z.string(),
    userDataRef: mapType(z.object({ name: z.string().default('') }), 'atomic')
      .optional()
      .describe('A Secret in the same namespace whose key "value" is the user data.'),
  }),
);

/** `OpenStackServerStatus` */
export const openStackServerStatusSchema = z
  .object({
    ready: z.boolean().default(false),
    instanceID: z.string().optional(),
    instanceState: instanceStateSchema.optional(),
    addresses: z.array(machineAddressSchema).optional(),
    resolved: resolvedMachineSpecSchema.optional(),
    resources: machineResourcesSchema.optional(),
    conditions: conditionsSchema.optional(),
  })
  .meta({ required: ['ready'] });

/** A Nova server managed on its own: the server of an OpenStackMachine, the bastion, or created directly. */
export const OpenStackServer = defineResource({
  group: GROUP,
  version: 'v1alpha1',
  kind: 'OpenStackServer',
  plural: 'openstackservers',
  shortNames: ['oss'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'An OpenStack server with its ports and volumes.',
  spec: openStackServerSpecSchema,
  status: openStackServerStatusSchema,
  printerColumns: [
    {
      name: 'InstanceState',
      type: 'string',
      jsonPath: '.status.instanceState',
      description: 'Nova status of the server',
    },
    { name: 'Ready', type: 'string', jsonPath: '.status.ready', description: 'Whether the server is ready' },
    { name: 'InstanceID', type: 'string', jsonPath: '.status.instanceID', description: 'Id of the server' },
    { ...AGE_COLUMN, description: 'Time since creation' },
  ],
});

/** A v1alpha1 OpenStackServer object. */
export type OpenStackServer = InferResource<typeof OpenStackServer>;
/** `OpenStackServerSpec` */
export type OpenStackServerSpec = z.infer<typeof openStackServerSpecSchema>;
