import { defineResource, type InferResource } from '@capi-ts/sdk';
import { AGE_COLUMN, CATEGORIES, CLUSTER_COLUMN, GROUP } from '../common/names.js';
import { openStackClusterSpecSchema } from './cluster-spec.js';
import { openStackClusterStatusSchema } from './cluster-status.js';

/** The infrastructure of a Cluster API cluster on OpenStack (the InfraCluster of the contract). */
export const OpenStackCluster = defineResource({
  group: GROUP,
  version: 'v1beta1',
  kind: 'OpenStackCluster',
  plural: 'openstackclusters',
  shortNames: ['osc'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description:
    'The OpenStack infrastructure of a Cluster API cluster: network, router, security groups, API server load balancer and bastion.',
  spec: openStackClusterSpecSchema,
  status: openStackClusterStatusSchema,
  printerColumns: [
    { ...CLUSTER_COLUMN, description: 'Cluster this OpenStackCluster belongs to' },
    { name: 'Ready', type: 'string', jsonPath: '.status.ready', description: 'Whether the infrastructure is ready' },
    { name: 'Network', type: 'string', jsonPath: '.status.network.id', description: 'Id of the cluster network' },
    {
      name: 'Endpoint',
      type: 'string',
      jsonPath: '.spec.controlPlaneEndpoint.host',
      description: 'Host of the API server endpoint',
      priority: 1,
    },
    {
      name: 'Bastion IP',
      type: 'string',
      jsonPath: '.status.bastion.floatingIP',
      description: 'Floating IP of the bastion',
    },
    { ...AGE_COLUMN, description: 'Time since creation' },
  ],
});

/** A v1beta1 OpenStackCluster object. */
export type OpenStackCluster = InferResource<typeof OpenStackCluster>;
