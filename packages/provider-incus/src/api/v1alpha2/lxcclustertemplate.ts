import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { lxcClusterSpecSchema } from './lxccluster-spec.js';
import { templateObjectMetaSchema } from './status.js';

/** LXCClusterTemplate: the LXCCluster a ClusterClass stamps out for each Cluster. */
export const lxcClusterTemplateResource = defineResource({
  group: 'infrastructure.cluster.x-k8s.io',
  version: 'v1alpha2',
  kind: 'LXCClusterTemplate',
  plural: 'lxcclustertemplates',
  scope: 'Namespaced',
  description: 'LXCClusterTemplate is a template for LXCClusters.',
  spec: z
    .object({
      template: z
        .object({ metadata: templateObjectMetaSchema.optional(), spec: lxcClusterSpecSchema })
        .describe('The LXCCluster to create.'),
    })
    .describe('The desired state of an LXCClusterTemplate.')
    .optional(),
  printerColumns: [
    {
      name: 'Age',
      type: 'date',
      jsonPath: '.metadata.creationTimestamp',
      description: 'Time duration since creation of LXCClusterTemplate',
    },
  ],
});

/** An LXCClusterTemplate object. */
export type LXCClusterTemplate = InferResource<typeof lxcClusterTemplateResource>;
