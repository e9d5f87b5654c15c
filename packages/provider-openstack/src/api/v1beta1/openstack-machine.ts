import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { AGE_COLUMN, CATEGORIES, CLUSTER_COLUMN, GROUP } from '../common/names.js';
import { openStackMachineSpecSchema } from './machine-spec.js';
import {
  conditionsSchema,
  initializationSchema,
  instanceStateSchema,
  machineAddressSchema,
  machineResourcesSchema,
  resolvedMachineSpecSchema,
} from './status-types.js';

/**
 * `OpenStackMachineStatus`, with both contracts' readiness fields. `instanceState`, `resolved` and `resources`
 * are legacy: the server's state now lives on its OpenStackServer.
 */
export const openStackMachineStatusSchema = z.object({
  ready: z.boolean().optional(),
  initialization: initializationSchema.optional(),
  instanceID: z.string().optional(),
  addresses: z.array(machineAddressSchema).optional(),
  instanceState: instanceStateSchema.optional(),
  resolved: resolvedMachineSpecSchema.optional(),
  resources: machineResourcesSchema.optional(),
  failureReason: z.string().optional(),
  failureMessage: z.string().optional(),
  conditions: conditionsSchema.optional(),
});

/** A Cluster API machine's server on OpenStack (the InfraMachine of the contract). */
export const OpenStackMachine = defineResource({
  group: GROUP,
  version: 'v1beta1',
  kind: 'OpenStackMachine',
  plural: 'openstackmachines',
  shortNames: ['osm'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'The OpenStack server of a Cluster API Machine.',
  spec: openStackMachineSpecSchema,
  status: openStackMachineStatusSchema,
  printerColumns: [
    { ...CLUSTER_COLUMN, description: 'Cluster this OpenStackMachine belongs to' },
    { name: 'Ready', type: 'string', jsonPath: '.status.ready', description: 'Whether the server is ready' },
    { name: 'ProviderID', type: 'string', jsonPath: '.spec.providerID', description: 'Provider ID of the server' },
    {
      name: 'Machine',
      type: 'string',
      jsonPath: '.metadata.ownerReferences[?(@.kind=="Machine")].name',
      description: 'Machine that owns this OpenStackMachine',
    },
    { ...AGE_COLUMN, description: 'Time since creation' },
  ],
});

/** A v1beta1 OpenStackMachine object. */
export type OpenStackMachine = InferResource<typeof OpenStackMachine>;
/** `OpenStackMachineStatus` */
export type OpenStackMachineStatus = z.infer<typeof openStackMachineStatusSchema>;
