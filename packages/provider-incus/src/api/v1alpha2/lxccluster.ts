import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { lxcClusterSpecSchema } from './lxccluster-spec.js';
import { initializationSchema, v1beta1ConditionsSchema, v1beta2StatusSchema } from './status.js';

/**
 * `status` of an LXCCluster: CAPN's fields (`ready`, v1beta1 `conditions`, `v1beta2.conditions`) plus
 * `initialization.provisioned` of the v1beta2 contract.
 */
export const lxcClusterStatusSchema = z
  .object({
    ready: z.boolean().describe('The cluster infrastructure is ready (v1beta1 contract).').optional(),
    initialization: initializationSchema.optional(),
    conditions: v1beta1ConditionsSchema().optional(),
    v1beta2: v1beta2StatusSchema('Ready, LoadBalancerAvailable, Deleting and Paused').optional(),
  })
  .describe('The observed state of an LXCCluster.');

/** LXCCluster: the infrastructure of one workload cluster on Incus (identity and control plane load balancer). */
export const lxcClusterResource = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1alpha2',
  kind: 'LXCCluster',
  plural: 'lxcclusters',
  scope: 'Namespaced',
  categories: ['cluster-api'],
  description: 'LXCCluster is the infrastructure of a Cluster on an Incus or Canonical LXD server.',
  spec: lxcClusterSpecSchema.optional(),
  status: lxcClusterStatusSchema,
  printerColumns: [
    {
      name: 'Cluster',
      type: 'string',
      jsonPath: '.metadata.labels.cluster\\.x-k8s\\.io/cluster-name',
      description: 'Cluster',
    },
    {
      name: 'Load Balancer',
      type: 'string',
      jsonPath: '.spec.controlPlaneEndpoint.host',
      description: 'Load Balancer address',
    },
    { name: 'Ready', type: 'string', jsonPath: '.status.ready', description: 'Cluster infrastructure is ready' },
    {
      name: 'Age',
      type: 'date',
      jsonPath: '.metadata.creationTimestamp',
      description: 'Time duration since creation of LXCCluster',
    },
  ],
});

/** An LXCCluster object. */
export type LXCCluster = InferResource<typeof lxcClusterResource>;
/** `status` of an LXCCluster. */
export type LXCClusterStatus = z.output<typeof lxcClusterStatusSchema>;
