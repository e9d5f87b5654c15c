import { defineResource, type InferResource, infraMachineSpec, infraMachineStatus, templateSpecOf } from '@capi-ts/sdk';
import { z } from 'zod';
import { GROUP, VERSION } from './group.js';

/** What a user asks for: the contract's `providerID` plus the size of the fake instance. */
const inMemoryMachineSpec = infraMachineSpec.extend({
  /** How big the instance is; the fake cloud only records it. */
  flavor: z.enum(['small', 'medium', 'large']).default('small'),
});

/** A machine of the fake cloud; Cluster API creates one per Machine, from an {@link InMemoryMachineTemplate}. */
export const InMemoryMachine = defineResource({
  group: GROUP,
  version: VERSION,
  kind: 'InMemoryMachine',
  plural: 'inmemorymachines',
  scope: 'Namespaced',
  categories: ['cluster-api'],
  description: 'A machine in the in-memory fake cloud.',
  spec: inMemoryMachineSpec,
  status: infraMachineStatus,
  printerColumns: [
    { name: 'Cluster', type: 'string', jsonPath: '.metadata.labels.cluster\\.x-k8s\\.io/cluster-name' },
    { name: 'ProviderID', type: 'string', jsonPath: '.spec.providerID' },
    { name: 'Provisioned', type: 'boolean', jsonPath: '.status.initialization.provisioned' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
export type InMemoryMachine = InferResource<typeof InMemoryMachine>;

/** The template MachineDeployments and control planes clone InMemoryMachines from (mandatory in the contract). */
export const InMemoryMachineTemplate = defineResource({
  group: GROUP,
  version: VERSION,
  kind: 'InMemoryMachineTemplate',
  plural: 'inmemorymachinetemplates',
  scope: 'Namespaced',
  categories: ['cluster-api'],
  description: 'A template of InMemoryMachines.',
  spec: templateSpecOf(inMemoryMachineSpec),
});
export type InMemoryMachineTemplate = InferResource<typeof InMemoryMachineTemplate>;
