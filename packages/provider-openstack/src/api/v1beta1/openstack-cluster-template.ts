import { defineResource, type InferResource } from '@capi-ts/sdk';
import { z } from 'zod';
import { CATEGORIES, GROUP } from '../common/names.js';
import { openStackClusterSpecSchema } from './cluster-spec.js';

/** An OpenStackCluster spec for ClusterClass; it cannot change once created. */
export const OpenStackClusterTemplate = defineResource({
  group: GROUP,
  version: 'v1beta1',
  kind: 'OpenStackClusterTemplate',
  plural: 'openstackclustertemplates',
  shortNames: ['osct'],
  categories: CATEGORIES,
  scope: 'Namespaced',
  description: 'A template of OpenStackCluster specs, used by ClusterClass.',
  spec: z.object({ template: z.object({ spec: openStackClusterSpecSchema }) }),
});

/** A v1beta1 OpenStackClusterTemplate object. */
export type OpenStackClusterTemplate = InferResource<typeof OpenStackClusterTemplate>;
