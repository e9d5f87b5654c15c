import { defineResource, type InferResource, infraClusterSpec, infraClusterStatus, templateSpecOf } from '@capi-ts/sdk';
import { GROUP, VERSION } from './group.js';

/** The cluster infrastructure of the fake cloud: a load balancer that gives the control plane endpoint. */
export const InMemoryCluster = defineResource({
  group: GROUP,
  version: VERSION,
  kind: 'InMemoryCluster',
  plural: 'inmemoryclusters',
  scope: 'Namespaced',
  categories: ['cluster-api'],
  description: 'The infrastructure of a cluster in the in-memory fake cloud.',
  spec: infraClusterSpec,
  status: infraClusterStatus,
  printerColumns: [
    { name: 'Cluster', type: 'string', jsonPath: '.metadata.labels.cluster\\.x-k8s\\.io/cluster-name' },
    { name: 'Endpoint', type: 'string', jsonPath: '.spec.controlPlaneEndpoint.host' },
    { name: 'Provisioned', type: 'boolean', jsonPath: '.status.initialization.provisioned' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
});
export type InMemoryCluster = InferResource<typeof InMemoryCluster>;

/** The template ClusterClasses clone InMemoryClusters from. */
export const InMemoryClusterTemplate = defineResource({
  group: GROUP,
  version: VERSION,
  kind: 'InMemoryClusterTemplate',
  plural: 'inmemoryclustertemplates',
  scope: 'Namespaced',
  categories: ['cluster-api'],
  description: 'A template of InMemoryClusters.',
  spec: templateSpecOf(infraClusterSpec),
});
export type InMemoryClusterTemplate = InferResource<typeof InMemoryClusterTemplate>;
