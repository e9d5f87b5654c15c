import { defineCustomResourceDefinition, defineResource } from '@capi-ts/sdk';
import { z } from 'zod';

// Infrastructure cluster kinds for the patch table, reduced to the fields the provider touches, with the
// Cluster API contract labels through which the provider finds their version.

const endpoint = z.object({ host: z.string().optional(), port: z.int32().optional() });
const readyStatus = z.object({ ready: z.boolean().optional() });

/** CAPO's OpenStackCluster: the endpoint goes to `apiServerFixedIP` / `apiServerPort`. */
export const OpenStackCluster = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'OpenStackCluster',
  plural: 'openstackclusters',
  scope: 'Namespaced',
  spec: z.object({
    apiServerFixedIP: z.string().optional(),
    apiServerPort: z.int32().optional(),
    controlPlaneEndpoint: endpoint.optional(),
  }),
  status: readyStatus,
});

/** This project's LXCCluster (CAPN's API). */
export const LXCCluster = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1alpha2',
  kind: 'LXCCluster',
  plural: 'lxcclusters',
  scope: 'Namespaced',
  spec: z.object({ controlPlaneEndpoint: endpoint.optional() }),
  status: readyStatus,
});

/** The seed's PacketCluster. */
export const PacketCluster = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'PacketCluster',
  plural: 'packetclusters',
  scope: 'Namespaced',
  spec: z.object({
    controlPlaneEndpoint: endpoint.optional(),
    metro: z.string().optional(),
    projectID: z.string().optional(),
  }),
  status: readyStatus,
});

/** A kind the provider knows nothing about, patched only when listed as a dynamic infrastructure cluster. */
export const ExampleCluster = defineResource({
  group: 'infrastructure.example.com',
  version: 'v1alpha1',
  kind: 'ExampleCluster',
  plural: 'exampleclusters',
  scope: 'Namespaced',
  spec: z.object({ controlPlaneEndpoint: endpoint.optional() }),
  status: readyStatus,
});

/** Another unknown kind, never listed. */
export const OtherCluster = defineResource({
  group: 'infrastructure.example.com',
  version: 'v1alpha1',
  kind: 'OtherCluster',
  plural: 'otherclusters',
  scope: 'Namespaced',
  spec: z.object({ controlPlaneEndpoint: endpoint.optional() }),
  status: readyStatus,
});

/** Their CRDs, labelled with the contract version each implements. */
export const infrastructureCrds = [
  defineCustomResourceDefinition({ versions: [OpenStackCluster], contract: { v1beta1: ['v1beta1'] } }),
  defineCustomResourceDefinition({ versions: [LXCCluster], contract: { v1beta1: ['v1alpha2'] } }),
  defineCustomResourceDefinition({ versions: [PacketCluster], contract: { v1beta1: ['v1beta1'] } }),
  defineCustomResourceDefinition({ versions: [ExampleCluster], contract: { v1beta2: ['v1alpha1'] } }),
  defineCustomResourceDefinition({ versions: [OtherCluster], contract: { v1beta2: ['v1alpha1'] } }),
];
