import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { lxcMachineSpecSchema } from './lxcmachine-spec.js';
import { initializationSchema, v1beta1ConditionsSchema, v1beta2StatusSchema } from './status.js';

/** Kinds of `status.addresses[*].type`, as Cluster API's `MachineAddressType`. */
export const MACHINE_ADDRESS_TYPES = ['Hostname', 'ExternalIP', 'InternalIP', 'ExternalDNS', 'InternalDNS'] as const;

/** One address of a machine (Cluster API `MachineAddress`). */
export const machineAddressSchema = z
  .object({
    type: z.enum(MACHINE_ADDRESS_TYPES).describe('Hostname, ExternalIP, InternalIP, ExternalDNS or InternalDNS.'),
    address: z.string().min(1).max(256).describe('The address.'),
  })
  .describe('An address of the machine.');

/**
 * `status` of an LXCMachine: CAPN's fields (`ready`, `loadBalancerConfigured`, `addresses`, v1beta1 `conditions`,
 * `v1beta2.conditions`) plus `initialization.provisioned` of the v1beta2 contract.
 */
export const lxcMachineStatusSchema = z
  .object({
    ready: z.boolean().describe('The instance is provisioned (v1beta1 contract).').optional(),
    initialization: initializationSchema.optional(),
    loadBalancerConfigured: z
      .boolean()
      .describe('Set once for a control-plane machine after the load balancer was reconfigured to include it.')
      .optional(),
    addresses: z.array(machineAddressSchema).describe('Addresses of the instance.').optional(),
    conditions: v1beta1ConditionsSchema().optional(),
    v1beta2: v1beta2StatusSchema('Ready, InstanceProvisioned, Deleting and Paused').optional(),
  })
  .describe('The observed state of an LXCMachine.');

/** LXCMachine: one Incus instance (container, virtual machine or kind node) of a Cluster API Machine. */
export const lxcMachineResource = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1alpha2',
  kind: 'LXCMachine',
  plural: 'lxcmachines',
  scope: 'Namespaced',
  categories: ['cluster-api'],
  description: 'LXCMachine is the instance of a Machine on an Incus or Canonical LXD server.',
  spec: lxcMachineSpecSchema.optional(),
  status: lxcMachineStatusSchema,
  printerColumns: [
    {
      name: 'Cluster',
      type: 'string',
      jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",
      description: 'Cluster',
    },
    {
      name: 'Machine',
      type: 'string',
      jsonPath: '.metadata.ownerReferences[?(@.kind=="Machine")].name',
      description: 'Machine object which owns this LXCMachine',
    },
    { name: 'ProviderID', type: 'string', jsonPath: '.spec.providerID', description: 'Provider ID' },
    { name: 'Ready', type: 'string', jsonPath: '.status.ready', description: 'Machine ready status' },
    {
      name: 'Age',
      type: 'date',
      jsonPath: '.metadata.creationTimestamp',
      description: 'Time duration since creation of LXCMachine',
    },
  ],
});

/** An LXCMachine object. */
export type LXCMachine = InferResource<typeof lxcMachineResource>;
/** `status` of an LXCMachine. */
export type LXCMachineStatus = z.output<typeof lxcMachineStatusSchema>;
/** One entry of `status.addresses`. */
export type MachineAddress = z.output<typeof machineAddressSchema>;
